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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.laporpredator.api.ModuleAdmin;
import org.laporpredator.api.ReferenceNumbers;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Boots the built distribution and drives it over real HTTP and the Karaf shell. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class LaporIT {

    static final int HTTP_PORT = 8282;
    static final String CONTACT = "reporter-secret-contact@example.com";

    @Inject
    BundleContext context;

    @Inject
    SessionFactory sessions;

    @Inject
    @Filter(timeout = 120_000)
    ModuleAdmin modules;

    @Inject
    ServiceComponentRuntime scr;

    @Inject
    MetaTypeService metatype;

    private final Http http = new Http("http://localhost:" + HTTP_PORT);

    @Configuration
    public Option[] config() {
        return Exam.distribution(HTTP_PORT, LogLevel.WARN,
            // every request of this test comes from one client; PublicSurfaceIT tests the limit
            editConfigurationFilePut("etc/org.laporpredator.core.cfg", "submissionsPerMinute", "100000"),
            editConfigurationFilePut("etc/org.laporpredator.core.cfg", "submissionBurst", "100000"),
            editConfigurationFilePut("etc/org.laporpredator.status.cfg", "statsCacheSeconds", "0"));
    }

    @Before
    public void ready() throws InterruptedException {
        http.awaitOk("/api/health", Duration.ofSeconds(120));
        Exam.awaitSettled(context, Duration.ofSeconds(60));
    }

    private String shell(String command) {
        return Shell.run(sessions, command);
    }

    static Map<String, Object> report(Object urls) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("urls", urls);
        body.put("category", "CSAM");
        body.put("platform", "TELEGRAM");
        body.put("description", "Seen in a group today");
        body.put("anonymous", false);
        body.put("contact", CONTACT);
        body.put("language", "en");
        return body;
    }

    private long incoming() {
        return http.get("/api/stats").json().get("incomingReports").asLong();
    }

    @Test
    public void a_submitThenLookUpStatusAndStats() throws Exception {
        long before = incoming();
        Http.Reply r = http.postJson("/api/reports", report("https://bad.example/a?utm_source=x, hxxps://other[.]example/b"));
        assertEquals(r.body(), 201, r.status());
        JsonNode json = r.json();
        String reference = json.get("reference").asText();
        assertTrue(reference, ReferenceNumbers.isValid(reference));
        assertEquals("RECEIVED", json.get("status").asText());
        assertEquals(2, json.get("items").size());
        JsonNode item = json.get("items").get(0);
        assertEquals("https://bad.example/a?utm_source=x", item.get("input").asText());
        assertEquals("WEBSITE", item.get("platform").asText());
        assertEquals("WEB_PAGE", item.get("kind").asText());
        assertEquals("https://bad.example/a", item.get("canonicalUrl").asText());
        assertEquals("https://other.example/b", json.get("items").get(1).get("canonicalUrl").asText());

        Http.Reply status = http.get("/api/reports/" + reference + "/status?lang=en");
        assertEquals(status.body(), 200, status.status());
        assertEquals(reference, status.json().get("reference").asText());
        assertEquals("RECEIVED", status.json().get("status").asText());
        assertNotNull(status.json().get("updatedAt"));
        assertTrue(status.json().get("message").asText().contains("received"));
        Http.Reply statusMs = http.get("/api/reports/" + reference + "/status");
        assertTrue(statusMs.json().get("message").asText().contains("diterima"));

        assertEquals(before + 1, incoming());
    }

    @Test
    public void b_wrongCheckDigitIs400AndUnknownIs404() {
        String reference = ReferenceNumbers.complete("0000001");
        String wrong = reference.substring(0, 7) + (char) ('0' + (reference.charAt(7) - '0' + 1) % 10);
        Http.Reply bad = http.get("/api/reports/" + wrong + "/status");
        assertEquals(400, bad.status());
        assertEquals("invalid_reference", bad.json().get("error").asText());
        assertTrue(bad.json().get("message").asText().contains("check"));
        Http.Reply unknown = http.get("/api/reports/" + reference + "/status");
        assertEquals(unknown.body(), 404, unknown.status());
        assertEquals("not_found", unknown.json().get("error").asText());
    }

    @Test
    public void c_badInputChangesNothing() throws Exception {
        long before = incoming();
        assertError(http.post("/api/reports", "application/json", "{\"urls\": [\"https://a.example\"], "), 400, "malformed_json");
        assertError(http.post("/api/reports", "text/plain", "https://a.example"), 415, "unsupported_media_type");
        assertError(http.postJson("/api/reports", report(List.of())), 400, "no_urls");
        assertError(http.postJson("/api/reports", report(Collections.nCopies(51, "https://a.example/"))), 400, "too_many_urls");
        Map<String, Object> big = report("https://a.example/");
        big.put("description", "x".repeat(70 * 1024));
        assertError(http.postJson("/api/reports", big), 413, "body_too_large");
        assertError(http.postJson("/api/reports", report("ftp://a.example/file")), 400, "unsupported_scheme");
        assertError(http.postJson("/api/reports", report("javascript:alert(1)")), 400, "unsupported_scheme");
        assertError(http.postJson("/api/reports", report("https://a.example/\u0001")), 400, "control_characters");
        Map<String, Object> category = report("https://a.example/");
        category.put("category", "SPAM");
        assertError(http.postJson("/api/reports", category), 400, "unknown_category");
        assertEquals("nothing was stored", before, incoming());
    }

    private static void assertError(Http.Reply r, int status, String code) {
        assertEquals(r.body(), status, r.status());
        JsonNode json = r.json();
        assertEquals(r.body(), code, json.get("error").asText());
        assertFalse(json.get("message").asText().isBlank());
    }

    @Test
    public void d_disableAndEnableTheWebChannel() throws Exception {
        String list = shell("lapor:modules");
        assertTrue(list, list.contains("channel-web"));
        assertTrue(list, list.contains("parser-web"));

        String out = shell("lapor:disable channel-web");
        assertTrue(out, out.contains("disabled"));
        Http.Reply refused = http.postJson("/api/reports", report("https://a.example/"));
        assertEquals(refused.body(), 503, refused.status());
        assertEquals("channel_disabled", refused.json().get("error").asText());
        assertEquals(200, http.get("/api/stats").status());
        assertEquals(404, http.get("/api/reports/" + ReferenceNumbers.complete("0000002") + "/status").status());
        assertTrue(shell("lapor:modules").matches("(?s).*channel-web[^\\n]*no[^\\n]*DISABLED.*"));
        assertTrue(shell("config:property-get -p org.laporpredator.modules disabled").contains("channel-web"));

        String enabled = shell("lapor:enable channel-web");
        Http.Reply accepted = http.postJson("/api/reports", report("https://a.example/"));
        assertEquals(enabled + accepted.body(), 201, accepted.status());
        assertFalse(shell("config:property-get -p org.laporpredator.modules disabled").contains("channel-web"));

        // Quick toggles must end in the last state asked for, after late configuration events and
        // the etc/ file watcher (polls every second) have had their say: settled when the file, the
        // configuration and the module all say "on"
        for (int i = 0; i < 5; i++) {
            shell("lapor:disable channel-web");
            shell("lapor:enable channel-web");
        }
        awaitSettledOn("channel-web");
        assertEquals(201, http.postJson("/api/reports", report("https://a.example/")).status());
        assertTrue(modules.modules().stream().anyMatch(m -> m.id().equals("channel-web") && m.enabled()));

        String unknown = shell("lapor:disable no-such-module");
        assertTrue(unknown, unknown.contains("No module"));
    }

    @Test
    public void e_stoppingTheWebsiteParserStopsNothingElse() throws Exception {
        stopAndStart("lapor-parser-web", "parser-web", () -> {
            JsonNode item = firstItem("https://bad.example/c");
            assertEquals("WEBSITE", item.get("platform").asText());
            assertEquals("LINK", item.get("kind").asText());
            assertTrue(shell("lapor:modules").matches("(?s).*parser-web[^\\n]*STOPPED.*"));
        }, () -> assertEquals("WEB_PAGE", firstItem("https://bad.example/c").get("kind").asText()));
    }

    @Test
    public void i_stoppingTheTelegramParserFallsBackToTheWebsiteParser() throws Exception {
        JsonNode before = firstItem("https://t.me/s/SomeChannel/42");
        assertEquals("TELEGRAM", before.get("platform").asText());
        assertEquals("MESSAGE", before.get("kind").asText());
        stopAndStart("lapor-parser-telegram", "parser-telegram", () -> {
            JsonNode item = firstItem("https://t.me/s/SomeChannel/42");
            assertEquals("WEBSITE", item.get("platform").asText());
            assertEquals("WEB_PAGE", item.get("kind").asText());
        }, () -> {
            JsonNode item = firstItem("https://t.me/s/SomeChannel/42");
            assertEquals("TELEGRAM", item.get("platform").asText());
            assertEquals(before.get("canonicalUrl").asText(), item.get("canonicalUrl").asText());
        });
    }

    @Test
    public void j_linksInTheDescriptionAndAChatExportBecomeItems() throws Exception {
        Map<String, Object> body = report("https://bad.example/listed");
        body.put("description", "They also use hxxps://t[.]me/otherchannel and www.bad-second.example/page.");
        body.put("chatExport", "31/12/2023, 21:41 - +60 12-345 6789: join here https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv\n"
                + "31/12/2023, 21:45 - Siti: who is this?\n");
        Http.Reply r = http.postJson("/api/reports", body);
        assertEquals(r.body(), 201, r.status());
        Map<String, JsonNode> byUrl = new HashMap<>();
        for (JsonNode item : r.json().get("items")) {
            byUrl.put(item.get("canonicalUrl").asText(), item);
        }
        assertEquals(r.body(), "URLS", byUrl.get("https://bad.example/listed").get("source").asText());
        JsonNode telegram = byUrl.get("https://t.me/otherchannel");
        assertEquals(r.body(), "DESCRIPTION", telegram.get("source").asText());
        assertEquals("TELEGRAM", telegram.get("platform").asText());
        assertEquals(r.body(), "DESCRIPTION", byUrl.get("https://www.bad-second.example/page").get("source").asText());
        JsonNode invite = byUrl.get("https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv");
        assertEquals(r.body(), "INVITE_LINK", invite.get("kind").asText());
        assertEquals("CHAT", invite.get("source").asText());
        assertEquals("2023-12-31T21:41", invite.get("seenAt").asText());
        JsonNode phone = byUrl.get("https://wa.me/60123456789");
        assertEquals(r.body(), "PHONE_NUMBER", phone.get("kind").asText());
        assertEquals("2023-12-31T21:41", phone.get("seenAt").asText());

        long before = incoming();
        Map<String, Object> zip = report("https://bad.example/zip");
        zip.put("chatExport", "PK\u0003\u0004\u0014\u0000");
        assertError(http.postJson("/api/reports", zip), 400, "chat_export_archive");
        Map<String, Object> notChat = report("https://bad.example/not-chat");
        notChat.put("chatExport", "just some words, no chat here");
        assertError(http.postJson("/api/reports", notChat), 400, "invalid_chat_export");
        assertEquals("nothing was stored", before, incoming());
    }

    private JsonNode firstItem(String url) {
        Http.Reply r = http.postJson("/api/reports", report(url));
        assertEquals(r.body(), 201, r.status());
        return r.json().get("items").get(0);
    }

    interface Check {
        void run() throws Exception;
    }

    /** Stops a plugin bundle, checks, starts it, checks again; no other bundle may stop or change state. */
    private void stopAndStart(String symbolicName, String moduleId, Check whileStopped, Check afterStart)
            throws Exception {
        Bundle plugin = bundle(symbolicName);
        List<String> stopped = Collections.synchronizedList(new ArrayList<>());
        BundleListener listener = event -> {
            if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() != plugin.getBundleId()) {
                stopped.add(event.getBundle().getSymbolicName());
            }
        };
        Map<Long, Integer> states = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            states.put(b.getBundleId(), b.getState());
        }
        context.addBundleListener(listener);
        try {
            plugin.stop();
            whileStopped.run();
            plugin.start();
            awaitModuleActive(moduleId);
            afterStart.run();
        } finally {
            context.removeBundleListener(listener);
        }
        assertTrue("other bundles stopped: " + stopped, stopped.isEmpty());
        for (Bundle b : context.getBundles()) {
            if (states.containsKey(b.getBundleId())) {
                assertEquals(b.getSymbolicName(), (int) states.get(b.getBundleId()), b.getState());
            }
        }
    }

    /** Polls until etc/'s file, Configuration Admin and the registry agree the module is on and active. */
    private void awaitSettledOn(String id) throws Exception {
        Path file = Path.of(System.getProperty("karaf.etc"), "org.laporpredator.modules.cfg");
        for (int i = 0; i < 300; i++) {
            boolean inFile = Files.readString(file).lines().anyMatch(l -> l.strip().startsWith("disabled") && l.contains(id));
            boolean inConfig = shell("config:property-get -p org.laporpredator.modules disabled").contains(id);
            boolean active = modules.modules().stream().anyMatch(m -> m.id().equals(id) && m.enabled()
                    && m.state().equals("ACTIVE"));
            if (!inFile && !inConfig && active) {
                return;
            }
            Thread.sleep(100); // polling for the condition
        }
        throw new AssertionError(id + " did not settle on: " + modules.modules());
    }

    private void awaitModuleActive(String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (modules.modules().stream().anyMatch(m -> m.id().equals(id) && m.state().equals("ACTIVE"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(id + " not active: " + modules.modules());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    @Test
    public void f_contactAndAddressesNeverReachTheLogs() throws IOException {
        // Sent from a loopback address of its own, and with a forwarded-for address, so both can be looked for.
        String body = Http.JSON.writeValueAsString(report("https://bad.example/log"));
        String reply = rawPost(body);
        assertTrue(reply, reply.startsWith("HTTP/1.1 201"));
        String reference = Http.JSON.readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4)).get("reference").asText();
        String status = rawGet("/api/reports/" + reference + "/status");
        assertTrue(status, status.startsWith("HTTP/1.1 200"));
        Path data = Path.of(System.getProperty("karaf.data"));
        int files = 0;
        try (Stream<Path> walk = Files.walk(data.getParent())) {
            // every log file of the instance; the database's own transaction log is not a log file
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/derby/"))
                    .filter(f -> f.toString().endsWith(".log") || f.toString().contains("/log/"))::iterator) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                files++;
                assertFalse(f + " holds a contact", text.contains(CONTACT));
                assertFalse(f + " holds the client address", text.contains(CLIENT_ADDRESS));
                assertFalse(f + " holds the forwarded address", text.contains(FORWARDED_ADDRESS));
                assertFalse(f + " holds a description", text.contains("Seen in a group today"));
            }
        }
        assertTrue("no log files read", files > 0);
    }

    static final String CLIENT_ADDRESS = "127.0.0.77";
    static final String FORWARDED_ADDRESS = "198.51.100.77";

    private static String rawPost(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return raw("POST /api/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "X-Forwarded-For: " + FORWARDED_ADDRESS + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n" + json);
    }

    private static String rawGet(String path) throws IOException {
        return raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + FORWARDED_ADDRESS
                + "\r\nConnection: close\r\n\r\n");
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(CLIENT_ADDRESS, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", HTTP_PORT), 5_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void g_updatingTheWebChannelStopsNothingElse() throws Exception {
        Bundle web = bundle("lapor-channel-web");
        List<String> stopped = Collections.synchronizedList(new ArrayList<>());
        BundleListener listener = event -> {
            if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() != web.getBundleId()) {
                stopped.add(event.getBundle().getSymbolicName());
            }
        };
        context.addBundleListener(listener);
        try {
            web.update();
            http.awaitOk("/", Duration.ofSeconds(30));
            awaitModuleActive("channel-web");
            assertEquals(201, http.postJson("/api/reports", report("https://bad.example/after-update")).status());
        } finally {
            context.removeBundleListener(listener);
        }
        assertTrue("other bundles stopped: " + stopped, stopped.isEmpty());
    }

    @Test
    public void h_everyShippedConfigFileBindsToAComponent() throws Exception {
        Map<String, Set<String>> attributes = new HashMap<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.bundle.symbolicName.startsWith("lapor-")) {
                continue;
            }
            for (String pid : d.configurationPid) {
                Set<String> ids = new HashSet<>();
                MetaTypeInformation info = metatype.getMetaTypeInformation(context.getBundle(d.bundle.id));
                ObjectClassDefinition ocd = null;
                if (info != null && List.of(info.getPids()).contains(pid)) {
                    ocd = info.getObjectClassDefinition(pid, null);
                }
                if (ocd != null) {
                    for (AttributeDefinition a : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                        ids.add(a.getID());
                    }
                }
                attributes.put(pid, ids);
            }
        }
        Path etc = Path.of(System.getProperty("karaf.etc"));
        List<Path> shipped = new ArrayList<>();
        try (Stream<Path> files = Files.list(etc)) {
            files.filter(f -> f.getFileName().toString().matches("org\\.laporpredator\\..*\\.cfg")).forEach(shipped::add);
        }
        assertFalse(shipped.isEmpty());
        // a partner's file is also read by the dispatcher (routing), and cybersecurity-my's name reads as a
        // factory configuration ("cybersecurity", "my"), so its notifier reads it from Configuration Admin itself
        Set<String> partnerKeys = Set.of("to", "events", "classifications", "categories", "platforms", "urgentOnly",
                "authority");
        for (Path f : shipped) {
            String pid = f.getFileName().toString().replaceAll("\\.cfg$", "");
            if (pid.startsWith("org.laporpredator.notifier.")) {
                Set<String> known = new HashSet<>(partnerKeys);
                known.addAll(attributes.getOrDefault(pid, Set.of()));
                attributes.put(pid, known);
            }
            assertTrue(pid + " has no component", attributes.containsKey(pid));
            java.util.Properties props = new java.util.Properties();
            try (var in = Files.newInputStream(f)) {
                props.load(in);
            }
            for (String key : props.stringPropertyNames()) {
                if (!key.startsWith("felix.") && !key.startsWith("service.")) {
                    assertTrue(f + ": " + key + " is not a setting of " + pid + " " + attributes.get(pid),
                            attributes.get(pid).contains(key));
                }
            }
        }
        for (String pid : attributes.keySet()) {
            if (!attributes.get(pid).isEmpty()) {
                assertTrue(pid + " has settings but no etc/" + pid + ".cfg", Files.exists(etc.resolve(pid + ".cfg")));
            }
        }
    }

    @Test
    public void z_statusLookupsAreRateLimited() {
        String reference = ReferenceNumbers.complete("0000003");
        Http.Reply limited = null;
        for (int i = 0; i < 40 && limited == null; i++) {
            Http.Reply r = http.get("/api/reports/" + reference + "/status");
            if (r.status() == 429) {
                limited = r;
            } else {
                assertEquals(404, r.status());
            }
        }
        assertNotNull("never limited", limited);
        assertEquals("too_many_requests", limited.json().get("error").asText());
        assertTrue(limited.raw().headers().firstValue("Retry-After").isPresent());
        assertEquals("stats still answer", 200, http.get("/api/stats").status());
    }
}
