package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.laporpredator.api.ModuleAdmin;
import org.laporpredator.api.ReferenceNumbers;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;

/**
 * The public surface as an attacker meets it, over real HTTP and raw sockets: no media, limits per
 * client, idempotent retries, our own answer to every malformed request, the headers of every path.
 * The instance trusts 127.0.0.1 as a proxy, so each test speaks for clients of its own through
 * X-Forwarded-For and no test uses another's bucket.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PublicSurfaceIT {

    static final int HTTP_PORT = 8290;

    @Inject
    @Filter(timeout = 120_000)
    ModuleAdmin modules;

    @Inject
    BundleContext context;

    private final Http http = new Http("http://localhost:" + HTTP_PORT);

    @Configuration
    public Option[] config() {
        return Exam.distribution(HTTP_PORT, LogLevel.INFO,
            editConfigurationFilePut("etc/org.laporpredator.core.cfg", "trustedProxies", "127.0.0.1"),
            editConfigurationFilePut("etc/org.laporpredator.core.cfg", "submissionsPerMinute", "10"),
            editConfigurationFilePut("etc/org.laporpredator.core.cfg", "submissionBurst", "20"),
            editConfigurationFilePut("etc/org.laporpredator.status.cfg", "statsCacheSeconds", "0"));
    }

    @Before
    public void ready() throws InterruptedException {
        http.awaitOk("/api/health", Duration.ofSeconds(120));
        Exam.awaitSettled(context, Duration.ofSeconds(60));
    }

    /** A client address of this test's own, from the documentation range. */
    private static String client() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(100, 255) + "." + r.nextInt(1, 255);
    }

    private static Map<String, Object> report(Object urls) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("urls", urls);
        body.put("category", "CSAM");
        body.put("anonymous", true);
        body.put("language", "en");
        return body;
    }

    private Http.Reply submit(Map<String, Object> body, String... headers) {
        try {
            return http.post("/api/reports", "application/json", Http.JSON.writeValueAsString(body), headers);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private long incoming() {
        return http.get("/api/stats").json().get("incomingReports").asLong();
    }

    private static void assertError(Http.Reply r, int status, String code) {
        assertEquals(r.body(), status, r.status());
        assertTrue(r.raw().headers().firstValue("Content-Type").orElse(""), r.raw().headers()
                .firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode json = r.json();
        assertEquals(r.body(), code, json.get("error").asText());
        assertFalse(json.get("message").asText().isBlank());
    }

    @Test
    public void mediaIsRefusedInEveryFieldOfEveryShapeAndNothingIsStored() {
        String me = client();
        long before = incoming();
        String png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        Map<String, Object> inDescription = report("https://bad.example/a");
        inDescription.put("description", "look " + png);
        Map<String, Object> inContact = report("https://bad.example/a");
        inContact.put("anonymous", false);
        inContact.put("contact", "me " + "QUJD".repeat(200));
        Map<String, Object> inChat = report(List.of());
        inChat.put("chatExport", "31/12/2023, 21:41 - Ali: " + png.toUpperCase() + "\n");
        for (Map<String, Object> body : List.of(inDescription, inContact, inChat,
                report("https://bad.example/p?img=" + png), // split at its comma by the links box
                report(List.of("https://bad.example/p#" + png)),
                report(List.of("https://bad.example/p?img=data%3Aimage%2Fjpeg%3Bbase64%2C%2F9j%2F4AAQ")))) {
            Http.Reply r = submit(body, "X-Forwarded-For", me);
            assertError(r, 400, "media_not_accepted");
            assertTrue(r.body(), r.json().get("message").asText().contains("link"));
        }
        String form = "category=CSAM&anonymous=on&lang=en&urls=https%3A%2F%2Fbad.example%2F&description="
                + URLEncoder.encode(png, StandardCharsets.UTF_8);
        Http.Reply page = http.post("/report", "application/x-www-form-urlencoded", form, "X-Forwarded-For", me);
        assertEquals(400, page.status());
        assertTrue(page.body(), page.body().contains("link of the page"));
        assertEquals("nothing was stored", before, incoming());
    }

    @Test
    public void submissionsAreLimitedPerClientAndAnIpv6Slash64IsOneClient() {
        String me = client();
        for (int i = 0; i < 20; i++) {
            assertEquals(201, submit(report("https://bad.example/flood" + i), "X-Forwarded-For", me).status());
        }
        Http.Reply limited = submit(report("https://bad.example/flood"), "X-Forwarded-For", me);
        assertError(limited, 429, "too_many_submissions");
        long wait = Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow());
        assertTrue("Retry-After " + wait, wait >= 1 && wait <= 6);
        // a spoofed address written before ours by the client changes nothing: the right-most untrusted one counts
        assertEquals(429, submit(report("https://bad.example/flood"), "X-Forwarded-For", "203.0.113.9, " + me).status());
        Http.Reply page = http.post("/report", "application/x-www-form-urlencoded",
                "category=CSAM&anonymous=on&lang=en&urls=https%3A%2F%2Fbad.example%2Fform", "X-Forwarded-For", me);
        assertEquals(429, page.status());
        assertTrue(page.raw().headers().firstValue("Retry-After").isPresent());
        assertTrue(page.body(), page.body().contains("Too many reports") && page.body().contains("bad.example/form"));
        assertEquals("another client is not limited", 201,
                submit(report("https://bad.example/other"), "X-Forwarded-For", client()).status());

        String net = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":7:";
        for (int i = 0; i < 20; i++) {
            assertEquals(201, submit(report("https://bad.example/v6-" + i), "X-Forwarded-For", net + ":" + (i + 1)).status());
        }
        assertEquals("the same /64", 429, submit(report("https://bad.example/v6"), "X-Forwarded-For", net + "beef:1:2:3").status());
    }

    @Test
    public void aRetryWithTheSameIdempotencyKeyGivesOneReport() {
        String me = client();
        long before = incoming();
        String key = "\"" + UUID.randomUUID() + "\"";
        Http.Reply first = submit(report("https://bad.example/retry"), "X-Forwarded-For", me, "Idempotency-Key", key);
        Http.Reply again = submit(report("https://bad.example/retry"), "X-Forwarded-For", me, "Idempotency-Key", key);
        assertEquals(201, first.status());
        assertEquals(again.body(), 201, again.status());
        assertEquals(first.json().get("reference").asText(), again.json().get("reference").asText());
        assertEquals(first.json().get("items"), again.json().get("items"));
        assertError(submit(report("https://bad.example/other"), "X-Forwarded-For", me, "Idempotency-Key", key),
                422, "idempotency_key_reused");
        assertError(submit(report("https://bad.example/x"), "X-Forwarded-For", me, "Idempotency-Key", "a b"),
                400, "invalid_idempotency_key");
        assertEquals(before + 1, incoming());

        // the form draws a key per page: sending it twice gives one report
        Matcher m = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"").matcher(http.get("/?lang=en").body());
        assertTrue(m.find());
        String form = "category=CSAM&anonymous=on&lang=en&urls=https%3A%2F%2Fbad.example%2Fdouble&idempotencyKey=" + m.group(1);
        Http.Reply one = http.post("/report", "application/x-www-form-urlencoded", form, "X-Forwarded-For", me);
        Http.Reply two = http.post("/report", "application/x-www-form-urlencoded", form, "X-Forwarded-For", me);
        assertEquals(200, one.status());
        assertEquals(200, two.status());
        assertEquals(reference(one.body()), reference(two.body()));
        assertEquals(before + 2, incoming());
        assertFalse("another page load, another key", http.get("/?lang=en").body().contains(m.group(1)));
    }

    private static String reference(String page) {
        Matcher m = Pattern.compile("id=\"reference\"[^>]*>(\\d{8})<").matcher(page);
        assertTrue(page, m.find());
        return m.group(1);
    }

    @Test
    public void aDescriptionWithMoreLinksThanAReportHoldsIsRefused() {
        StringBuilder links = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            links.append("s").append(i).append(".my ");
        }
        Map<String, Object> body = report(List.of());
        body.put("description", links.toString());
        assertError(submit(body, "X-Forwarded-For", client()), 400, "too_many_items");
    }

    @Test
    public void malformedRequestsGetOurAnswerAndOneShortLogLine() throws Exception {
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        String marker = "lapor-" + UUID.randomUUID().toString().substring(0, 8);
        long stackLinesBefore = stackLines(log);

        String badHost = raw("GET /api/health HTTP/1.1\r\nHost: " + marker + " host:x:y\r\nConnection: close\r\n\r\n");
        assertJson(badHost, 400, "invalid_host");
        assertJson(raw("POST /api/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json; charset=" + marker
                + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), 415, "unsupported_media_type");
        assertJson(raw("GET /api\\health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "invalid_path");
        assertJson(raw("GET /api/reports/%2f/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "invalid_path");
        assertJson(raw("GET /api/health;jsessionid=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "invalid_path");
        assertJson(raw("GET /api/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, null);
        String page = raw("GET /status\\..\\x HTTP/1.1\r\nHost: localhost\r\nCookie: lang=en\r\nConnection: close\r\n\r\n");
        assertTrue(page, page.startsWith("HTTP/1.1 400"));
        assertTrue(page, header(page, "Content-Type").startsWith("text/html"));
        assertTrue(page, page.contains("This address cannot be read"));
        String malay = raw("GET /a;b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(malay, malay.contains("lang=\"ms\"") && malay.contains("Alamat ini tidak dapat dibaca"));

        String tooLong = raw("GET /api/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(tooLong, tooLong.startsWith("HTTP/1.1 414"));
        assertFalse(tooLong, tooLong.contains("<h1>Bad Message"));

        String trace = raw("TRACE /api/health HTTP/1.1\r\nHost: localhost\r\nX-Echo: " + marker + "\r\nConnection: close\r\n\r\n");
        assertJson(trace, 405, "method_not_allowed");
        assertEquals("GET, HEAD, OPTIONS", header(trace, "Allow"));
        assertFalse("TRACE echoes nothing", trace.contains(marker));
        String delete = raw("DELETE /api/reports HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertJson(delete, 405, "method_not_allowed");
        assertEquals("OPTIONS, POST", header(delete, "Allow"));

        for (String path : List.of("/META-INF/MANIFEST.MF", "/WEB-INF/web.xml")) {
            String r = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(r, r.startsWith("HTTP/1.1 404"));
            assertTrue(r, header(r, "Content-Type").startsWith("text/html"));
            assertFalse(r, r.contains("HTTP ERROR") || r.contains("cxf-servlet") || r.contains("SERVLET"));
        }
        byte[] json = "{\"urls\":\"https://bad.example/\u00c0\u00af\",\"category\":\"CSAM\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertJson(raw(("POST /api/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length + "\r\nX-Forwarded-For: " + client() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                json), 400, "invalid_encoding");

        for (String r : List.of(badHost, page, tooLong, trace)) {
            assertFalse(r, r.contains("Exception") || r.contains("java."));
        }
        // one short line for the bad Host, without its value; no stack trace for any of them
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(log).contains("Refused a request: 400 invalid_host") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        String text = Files.readString(log);
        assertTrue(text.contains("Refused a request: 400 invalid_host"));
        assertFalse("a request's values never reach the log", text.contains(marker));
        assertEquals("no stack trace", stackLinesBefore, stackLines(log));
    }

    private static long stackLines(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().filter(l -> l.startsWith("\tat ")).count();
    }

    @Test
    public void everyPublicPathCarriesTheSecurityHeaders() {
        String me = client();
        String reference = submit(report("https://bad.example/headers"), "X-Forwarded-For", me).json().get("reference").asText();
        for (String path : List.of("/", "/?lang=en", "/status", "/status?ref=" + reference, "/static/app.css",
                "/static/app.js", "/nothing-here", "/api/stats", "/api/health", "/api/reports/" + reference + "/status",
                "/api/nothing-here")) {
            Http.Reply r = http.get(path, "X-Forwarded-For", me);
            assertEquals(path, "DENY", r.raw().headers().firstValue("X-Frame-Options").orElse(null));
            assertEquals(path, List.of("nosniff"), r.raw().headers().allValues("X-Content-Type-Options"));
            String type = r.raw().headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("text/html")) {
                assertTrue(path, r.raw().headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
            }
            if (path.startsWith("/api/") || type.startsWith("text/html")) {
                assertEquals(path, List.of("no-store"), r.raw().headers().allValues("Cache-Control"));
            }
        }
        Http.Reply status = http.get("/api/reports/" + reference + "/status", "X-Forwarded-For", me);
        assertTrue(status.body(), status.json().get("updatedAt").asText().matches("\\d{4}-\\d{2}-\\d{2}"));
        assertTrue(ReferenceNumbers.isValid(reference));
    }

    @Test
    public void theApplicationAnswersUnderTheRootOnlyAndRedirectsRelatively() throws IOException {
        assertEquals(404, http.get("/cxf/api/health").status());
        assertEquals(404, http.get("/cxf/").status());
        assertEquals(404, http.get("/cxf/api/stats").status());
        String redirect = raw("GET /report HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertTrue(redirect, redirect.startsWith("HTTP/1.1 303"));
        assertEquals("/", header(redirect, "Location"));
        assertNotNull(modules);
    }

    private static void assertJson(String reply, int status, String code) throws IOException {
        assertTrue(reply, reply.startsWith("HTTP/1.1 " + status));
        assertTrue(reply, header(reply, "Content-Type").startsWith("application/json"));
        JsonNode json = Http.JSON.readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4));
        if (code != null) {
            assertEquals(reply, code, json.get("error").asText());
        }
        assertFalse(json.get("message").asText().isBlank());
    }

    private static String header(String reply, String name) {
        for (String line : reply.substring(0, reply.indexOf("\r\n\r\n")).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    private static String raw(String request) throws IOException {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
    }

    private static String raw(byte[] head, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", HTTP_PORT), 5_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head);
            socket.getOutputStream().write(body);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
