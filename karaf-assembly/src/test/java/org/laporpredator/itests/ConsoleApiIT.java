package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.laporpredator.api.ModuleAdmin;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;

/** The admin REST API over real HTTP: sessions, roles, CSRF, the analysts' decisions and what the public then sees. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleApiIT {

    static final int HTTP_PORT = 8294;
    static final String ANALYST_PASSWORD = "analyst-password-12";
    static final String ADMIN_PASSWORD = "admin-password-1234";

    @Inject
    @Filter(timeout = 120_000)
    ModuleAdmin modules;

    @Inject
    BundleContext context;

    @Inject
    SessionFactory shells;

    private final Http http = new Http("http://localhost:" + HTTP_PORT);

    @Configuration
    public Option[] config() {
        return Exam.distribution(HTTP_PORT, LogLevel.WARN,
            editConfigurationFilePut("etc/users.properties", "siti", ANALYST_PASSWORD + ",analyst"),
            editConfigurationFilePut("etc/users.properties", "ops", ADMIN_PASSWORD + ",admin"),
            editConfigurationFilePut("etc/org.laporpredator.core.cfg", "submissionsPerMinute", "100000"),
            editConfigurationFilePut("etc/org.laporpredator.core.cfg", "submissionBurst", "100000"),
            editConfigurationFilePut("etc/org.laporpredator.status.cfg", "statsCacheSeconds", "0"),
            editConfigurationFilePut("etc/org.laporpredator.console.cfg", "loginDelayMillis", "10"));
    }

    @Before
    public void ready() throws InterruptedException {
        http.awaitOk("/api/health", Duration.ofSeconds(120));
        Exam.awaitSettled(context, Duration.ofSeconds(60));
        http.awaitOk("/api/admin/session", Duration.ofSeconds(60), 401); // the console is up
        http.awaitOk("/api/admin/plugins", Duration.ofSeconds(60), 401); // and its plugins resource, which waits for lapor-plugins
    }

    /** A browser-like client: keeps its cookies, sends the CSRF token it was given. */
    final class Console {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
        String csrf;

        Http.Reply send(String method, String path, Object body, boolean withCsrf) {
            try {
                return send(method, path, "application/json", body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body)), withCsrf);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        Http.Reply send(String method, String path, String type, HttpRequest.BodyPublisher body, boolean withCsrf) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + path))
                        .timeout(Duration.ofMinutes(2)).header("Content-Type", type).method(method, body);
                if (withCsrf && csrf != null) {
                    b.header("X-CSRF-Token", csrf);
                }
                HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                return new Http.Reply(r.statusCode(), r.body(), r);
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        Http.Reply login(String user, String password) {
            Http.Reply r = send("POST", "/api/admin/session", Map.of("username", user, "password", password), false);
            if (r.status() == 200) {
                csrf = r.json().get("csrfToken").asText();
            }
            return r;
        }

        Http.Reply get(String path) {
            return send("GET", path, null, false);
        }

        Http.Reply change(String method, String path, Object body) {
            return send(method, path, body, true);
        }
    }

    private static void assertError(Http.Reply r, int status, String code) {
        assertEquals(r.body(), status, r.status());
        assertEquals(r.body(), code, r.json().get("error").asText());
    }

    private String submit(String url, String contact) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("urls", url);
        body.put("category", "CSAM");
        body.put("anonymous", contact == null);
        body.put("contact", contact);
        body.put("description", "seen in a group");
        Http.Reply r = http.postJson("/api/reports", body);
        assertEquals(r.body(), 201, r.status());
        return r.json().get("reference").asText();
    }

    private JsonNode stats() {
        return http.get("/api/stats").json();
    }

    @Test
    public void withoutASessionEveryAdminCallIs401AndLoginsNeverSayWhetherTheAccountExists() {
        Console c = new Console();
        for (String path : List.of("/api/admin/reports", "/api/admin/audit", "/api/admin/modules", "/api/admin/session")) {
            assertError(c.get(path), 401, "unauthorized");
        }
        assertError(c.change("PUT", "/api/admin/items/1/classification", Map.of("classification", "CSAM")), 401, "unauthorized");
        Http.Reply wrong = c.login("siti", "not-the-password");
        Http.Reply unknown = c.login("nobody-" + UUID.randomUUID(), "not-the-password");
        assertError(wrong, 401, "login_failed");
        assertError(unknown, 401, "login_failed");
        assertEquals(wrong.body(), unknown.body());
        assertError(c.send("POST", "/api/admin/session", "not an object", false), 400, "malformed_json");
    }

    @Test
    public void anAnalystClassifiesRecordsRemovalAndMovesTheStatusAndThePublicSeesIt() {
        String url = "https://bad.example/console-" + UUID.randomUUID();
        String reference = submit(url, "parent-" + UUID.randomUUID() + "@example.my");
        Console c = new Console();
        Http.Reply login = c.login("siti", ANALYST_PASSWORD);
        assertEquals(login.body(), 200, login.status());
        assertEquals("siti", login.json().get("username").asText());
        String cookie = login.raw().headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie, cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));

        Http.Reply queue = c.get("/api/admin/reports?q=" + reference + "&order=newest");
        assertEquals(queue.body(), 200, queue.status());
        assertEquals(1, queue.json().get("total").asLong());
        JsonNode row = queue.json().get("reports").get(0);
        assertEquals(reference, row.get("reference").asText());
        assertEquals(1, row.get("unclassifiedCount").asInt());

        Http.Reply report = c.get("/api/admin/reports/" + reference);
        assertEquals(report.body(), 200, report.status());
        assertFalse("no contact in a report", report.body().contains("@example.my"));
        assertFalse(report.json().get("anonymous").asBoolean());
        long item = report.json().get("items").get(0).get("id").asLong();
        assertEquals(url, report.json().get("items").get(0).get("canonicalUrl").asText());

        long classified = stats().get("classifiedCsamLinks").asLong();
        long removed = stats().get("removedCsamLinks").asLong();
        // without the CSRF token nothing changes
        assertError(c.send("PUT", "/api/admin/items/" + item + "/classification", Map.of("classification", "CSAM"), false),
                403, "csrf_token_missing");
        assertEquals(classified, stats().get("classifiedCsamLinks").asLong());
        assertError(c.change("PUT", "/api/admin/items/" + item + "/classification", Map.of("classification", "SPAM")),
                400, "unknown_classification");
        assertError(c.change("PUT", "/api/admin/items/999999999/classification", Map.of("classification", "CSAM")),
                404, "not_found");

        Http.Reply done = c.change("PUT", "/api/admin/items/" + item + "/classification", Map.of("classification", "CSAM"));
        assertEquals(done.body(), 200, done.status());
        assertEquals("CSAM", done.json().get("classification").asText());
        assertEquals(classified + 1, stats().get("classifiedCsamLinks").asLong());
        assertEquals(200, c.change("POST", "/api/admin/items/" + item + "/removal", Map.of("note", "gone")).status());
        assertEquals(removed + 1, stats().get("removedCsamLinks").asLong());

        assertError(c.change("POST", "/api/admin/reports/" + reference + "/status", Map.of("status", "REFERRED")),
                409, "transition_not_allowed");
        Http.Reply moved = c.change("POST", "/api/admin/reports/" + reference + "/status", Map.of("status", "UNDER_REVIEW"));
        assertEquals(moved.body(), 200, moved.status());
        JsonNode en = http.get("/api/reports/" + reference + "/status?lang=en").json();
        JsonNode ms = http.get("/api/reports/" + reference + "/status?lang=ms").json();
        assertEquals("UNDER_REVIEW", en.get("status").asText());
        assertEquals(moved.json().get("message").get("en").asText(), en.get("message").asText());
        assertEquals(moved.json().get("message").get("ms").asText(), ms.get("message").asText());

        // a message chosen from the templates, never free text; one of another status is refused
        assertError(c.change("POST", "/api/admin/reports/" + reference + "/status",
                Map.of("status", "CLOSED", "messageKey", "referred-platform")), 400, "invalid_field");
        assertError(c.change("POST", "/api/admin/reports/" + reference + "/status",
                Map.of("status", "CLOSED", "messageKey", "Call me on 012-3456789")), 400, "invalid_field");
        assertEquals("UNDER_REVIEW", http.get("/api/reports/" + reference + "/status").json().get("status").asText());
        Http.Reply closed = c.change("POST", "/api/admin/reports/" + reference + "/status",
                Map.of("status", "CLOSED", "messageKey", "closed-unreachable"));
        assertEquals(closed.body(), 200, closed.status());
        assertEquals("closed-unreachable", closed.json().get("messageKey").asText());
        JsonNode closedEn = http.get("/api/reports/" + reference + "/status?lang=en").json();
        JsonNode closedMs = http.get("/api/reports/" + reference + "/status", "Accept-Language", "ms-MY").json();
        assertEquals("CLOSED", closedEn.get("status").asText());
        assertTrue(closedEn.toString(), closedEn.get("message").asText().startsWith("We could not reach the content"));
        assertTrue(closedMs.toString(), closedMs.get("message").asText().startsWith("Kami tidak dapat mencapai kandungan"));
        assertEquals(closed.json().get("message").get("ms").asText(), closedMs.get("message").asText());
        assertEquals("closed-unreachable", c.get("/api/admin/reports/" + reference).json().get("messageKey").asText());

        JsonNode history = c.get("/api/admin/reports/" + reference).json().get("history");
        assertTrue(history.toString(), history.size() >= 4);
        assertTrue(history.toString(), history.toString().contains("UNDER_REVIEW -> CLOSED (closed-unreachable)"));
        assertTrue(history.toString(), history.toString().contains("siti"));

        assertError(c.get("/api/admin/modules"), 403, "forbidden");
        assertEquals(204, c.change("DELETE", "/api/admin/session", null).status());
        assertError(c.get("/api/admin/reports"), 401, "unauthorized");
    }

    @Test
    public void aContactIsRevealedOnlyWithAReasonAndTheRevealIsAudited() throws IOException {
        String contact = "guardian-" + UUID.randomUUID() + "@example.my";
        String reference = submit("https://bad.example/contact-" + UUID.randomUUID(), contact);
        Console c = new Console();
        assertEquals(200, c.login("siti", ANALYST_PASSWORD).status());
        assertError(c.change("POST", "/api/admin/reports/" + reference + "/contact", Map.of("reason", "")), 400, "missing_reason");
        String reason = "calling back about report " + UUID.randomUUID();
        Http.Reply revealed = c.change("POST", "/api/admin/reports/" + reference + "/contact", Map.of("reason", reason));
        assertEquals(revealed.body(), 200, revealed.status());
        assertEquals(contact, revealed.json().get("contact").asText());
        assertEquals("no-store", revealed.raw().headers().firstValue("Cache-Control").orElse(""));

        Http.Reply audit = c.get("/api/admin/audit?user=siti");
        assertEquals(audit.body(), 200, audit.status());
        assertTrue(audit.body(), audit.body().contains("contact-revealed") && audit.body().contains(reason));
        assertFalse("the audit log holds no contact", audit.body().contains(contact));
        assertTrue(audit.body(), audit.body().contains("\"login\""));

        Path data = Path.of(System.getProperty("karaf.data"));
        try (Stream<Path> walk = Files.walk(data.resolve("log"))) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                assertFalse(f + " holds a contact", Files.readString(f, StandardCharsets.ISO_8859_1).contains(contact));
            }
        }
    }

    @Test
    public void anAdminUploadsAndRemovesAPlugin() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("lapor-upload");
        byte[] throwing = java.nio.file.Files.readAllBytes(TestKars.throwing(dir));
        byte[] unresolvable = java.nio.file.Files.readAllBytes(TestKars.unresolvable(dir));
        Console analyst = new Console();
        assertEquals(200, analyst.login("siti", ANALYST_PASSWORD).status());
        assertEquals(403, upload(analyst, throwing, "application/octet-stream", true).status());
        Console c = new Console();
        assertEquals(200, c.login("ops", ADMIN_PASSWORD).status());
        assertError(upload(c, throwing, "application/octet-stream", false), 403, "csrf_token_missing");
        assertError(upload(c, throwing, "text/plain", true), 415, "unsupported_media_type");
        assertError(upload(c, new byte[0], "application/octet-stream", true), 400, "empty");
        Http.Reply refused = upload(c, unresolvable, "application/octet-stream", true);
        assertError(refused, 422, "plugin_refused");
        assertTrue(refused.body(), refused.body().contains("org.nowhere.missing"));
        Http.Reply up = upload(c, throwing, "application/octet-stream", true);
        assertEquals(up.body(), 201, up.status());
        JsonNode plugin = up.json().get("plugin");
        assertEquals("throwing-plugin", plugin.get("name").asText());
        assertEquals("FAILED", plugin.get("state").asText());
        assertTrue(plugin.toString(), plugin.get("problem").asText().contains("example failure"));
        Http.Reply list = c.get("/api/admin/plugins");
        assertTrue(list.body(), list.body().contains("\"throwing-plugin\"") && list.body().contains("notifier-throwing"));
        assertTrue(c.get("/api/admin/modules").body().contains("\"FAILED\""));
        assertError(c.change("DELETE", "/api/admin/plugins/no-such-plugin", null), 404, "not_found");
        Http.Reply removed = c.change("DELETE", "/api/admin/plugins/throwing-plugin", null);
        assertEquals(removed.body(), 200, removed.status());
        assertFalse(removed.body(), removed.body().contains("throwing-plugin"));
        String audit = c.get("/api/admin/audit?user=ops").body();
        assertTrue(audit, audit.contains("plugin-installed") && audit.contains("plugin-removed") && audit.contains("plugin-refused"));
    }

    private static Http.Reply upload(Console c, byte[] kar, String type, boolean withCsrf) {
        return c.send("POST", "/api/admin/plugins", type, HttpRequest.BodyPublishers.ofByteArray(kar), withCsrf);
    }

    @Test
    public void anAdminSwitchesModulesAndTheSwitchIsAudited() {
        Console c = new Console();
        assertEquals(200, c.login("ops", ADMIN_PASSWORD).status());
        Http.Reply list = c.get("/api/admin/modules");
        assertEquals(list.body(), 200, list.status());
        assertTrue(list.body(), list.body().contains("\"parser-web\"") && list.body().contains("\"console\""));
        assertError(c.send("POST", "/api/admin/modules/parser-web/disable", null, false), 403, "csrf_token_missing");
        Http.Reply off = c.change("POST", "/api/admin/modules/parser-web/disable", null);
        assertEquals(off.body(), 200, off.status());
        assertTrue(modules.modules().stream().anyMatch(m -> m.id().equals("parser-web") && !m.enabled()));
        assertEquals(200, c.change("POST", "/api/admin/modules/parser-web/enable", null).status());
        assertTrue(modules.modules().stream().anyMatch(m -> m.id().equals("parser-web") && m.enabled()));
        assertError(c.change("POST", "/api/admin/modules/console/disable", null), 409, "console_needed");
        assertError(c.change("POST", "/api/admin/modules/no-such/disable", null), 404, "not_found");
        String audit = c.get("/api/admin/audit?user=ops").body();
        assertTrue(audit, audit.contains("module-disabled") && audit.contains("module-enabled"));
        // an admin may do what an analyst does
        assertEquals(200, c.get("/api/admin/reports").status());
        // a switch in the shell is audited too
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session shell = shells.create(System.in, print, print);
        try {
            shell.execute("lapor:disable parser-x");
            shell.execute("lapor:enable parser-x");
        } catch (Exception e) {
            throw new AssertionError(out.toString(StandardCharsets.UTF_8), e);
        } finally {
            shell.close();
        }
        String shellAudit = c.get("/api/admin/audit").body();
        assertTrue(shellAudit, shellAudit.contains("\"parser-x\"") && shellAudit.contains("shell"));
    }

    @Test
    public void theDashboardAndTheExportShowDecisionsAndNoContact() {
        String url = "https://bad.example/export-" + UUID.randomUUID();
        String contact = "export-" + UUID.randomUUID() + "@example.my";
        String reference = submit(url, contact);
        Console c = new Console();
        assertEquals(200, c.login("siti", ANALYST_PASSWORD).status());
        long item = c.get("/api/admin/reports/" + reference).json().get("items").get(0).get("id").asLong();
        assertEquals(200, c.change("PUT", "/api/admin/items/" + item + "/classification", Map.of("classification", "GROOMING")).status());

        Http.Reply dash = c.get("/api/admin/dashboard?days=30");
        assertEquals(dash.body(), 200, dash.status());
        JsonNode d = dash.json();
        assertEquals(30, d.get("reportsPerDay").size());
        long today = d.get("reportsPerDay").get(29).get("reports").asLong();
        assertTrue(dash.body(), today >= 1);
        assertTrue(dash.body(), d.get("byCategory").get("CSAM").asLong() >= 1);
        assertTrue(dash.body(), d.get("itemsByClassification").get("GROOMING").asLong() >= 1);
        assertError(c.get("/api/admin/dashboard?days=0"), 400, "invalid_parameter");

        Http.Reply csv = c.get("/api/admin/export/items.csv?classification=GROOMING");
        assertEquals(csv.body(), 200, csv.status());
        assertTrue(csv.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body(), csv.body().startsWith("item_id,platform,kind,canonical_url"));
        assertTrue(csv.body(), csv.body().contains(url));
        assertFalse("no contact in the export", csv.body().contains(contact));
        assertFalse(csv.body().contains("seen in a group"));
        assertFalse("only GROOMING items", csv.body().contains(",CSAM,"));
    }

    /** Every documented operation, called on the running distribution, answers a documented status with a body of its schema. */
    @Test
    public void theOpenApiDocumentTellsTheTruth() throws IOException {
        Http.Reply doc = http.get("/api/openapi.json");
        assertEquals(200, doc.status());
        JsonNode document = doc.json();
        OpenApi api = new OpenApi(document);
        String reference = submit("https://bad.example/openapi-" + UUID.randomUUID(), "openapi-" + UUID.randomUUID() + "@example.my");
        Console c = new Console();
        assertEquals(200, c.login("ops", ADMIN_PASSWORD).status());
        long item = c.get("/api/admin/reports/" + reference).json().get("items").get(0).get("id").asLong();

        List<String[]> operations = new java.util.ArrayList<>();
        document.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(
                m -> operations.add(new String[] {p.getKey(), m})));
        // signing out ends the session the others need: last
        operations.sort(java.util.Comparator.comparing(o -> o[0].equals("/api/admin/session") && o[1].equals("delete")));
        List<String> problems = new java.util.ArrayList<>();
        int called = 0;
        for (String[] o : operations) {
            JsonNode op = document.get("paths").get(o[0]).get(o[1]);
            String path = o[0].replace("{reference}", reference)
                    .replace("{id}", o[0].startsWith("/api/admin/modules") ? "parser-x" : String.valueOf(item));
            Object body = null;
            JsonNode example = op.at("/requestBody/content/application~1json/example");
            if (!example.isMissingNode()) {
                body = Http.JSON.treeToValue(example, Object.class);
            }
            if (o[0].equals("/api/admin/session") && o[1].equals("post")) {
                body = Map.of("username", "ops", "password", ADMIN_PASSWORD);
            }
            Http.Reply r = c.send(o[1].toUpperCase(java.util.Locale.ROOT), path, body, true);
            if (o[0].equals("/api/admin/session") && o[1].equals("post") && r.status() == 200) {
                c.csrf = r.json().get("csrfToken").asText();
            }
            called++;
            String where = o[1].toUpperCase(java.util.Locale.ROOT) + " " + o[0];
            JsonNode response = op.get("responses").get(String.valueOf(r.status()));
            if (response == null) {
                problems.add(where + " answered " + r.status() + ", not documented: " + r.body());
                continue;
            }
            JsonNode schema = api.resolve(response).at("/content/application~1json/schema");
            if (!schema.isMissingNode()) {
                problems.addAll(api.check(schema, r.json(), where));
            }
            if (o[0].equals("/api/admin/export/items.csv")) {
                assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            }
        }
        assertTrue(String.join("\n", problems), problems.isEmpty());
        assertEquals(operations.size(), called);
        assertTrue("every operation of the admin API is documented", called >= 21);
        assertError(c.get("/api/admin/reports"), 401, "unauthorized"); // the last call signed out
    }

    @Test
    public void everyConsolePageAndCallCarriesTheSecurityHeaders() {
        Console c = new Console();
        assertEquals(200, c.login("siti", ANALYST_PASSWORD).status());
        for (String path : List.of("/admin", "/admin?lang=en", "/admin/static/console.js", "/admin/static/uplot.js",
                "/api/admin/reports", "/api/admin/session", "/api/admin/audit", "/api/admin/modules")) {
            Http.Reply r = c.get(path);
            assertTrue(path + " " + r.status(), r.status() == 200 || r.status() == 403);
            java.net.http.HttpHeaders h = r.raw().headers();
            assertEquals(path, List.of("no-store"), h.allValues("Cache-Control"));
            assertEquals(path, List.of("nosniff"), h.allValues("X-Content-Type-Options"));
            assertEquals(path, "DENY", h.firstValue("X-Frame-Options").orElse(""));
            assertEquals(path, "no-referrer", h.firstValue("Referrer-Policy").orElse(""));
            assertTrue(path, h.firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'self'"));
        }
        String page = c.get("/admin").body();
        assertFalse("no inline script", page.matches("(?s).*<script>(?!\\s*</script>).*"));
        assertTrue(page.contains("<script type=\"application/json\" id=\"texts\">"));
    }
}
