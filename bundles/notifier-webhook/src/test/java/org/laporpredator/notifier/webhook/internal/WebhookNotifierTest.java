package org.laporpredator.notifier.webhook.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.laporpredator.notifier.webhook.WebhookSignature;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier.DeliveryFailed;

/** Deliveries against a real loopback server that checks every request's signature. */
public class WebhookNotifierTest {

    static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final String PAYLOAD = "{\"version\":1,\"reference\":\"12345674\",\"category\":\"CSAM\",\"items\":"
            + "[{\"platform\":\"TELEGRAM\",\"kind\":\"CHANNEL\",\"canonicalUrl\":\"https://t.me/bad\","
            + "\"identifiers\":{\"channel\":\"bad\"},\"dedupKey\":\"TELEGRAM:CHANNEL:bad\"}]}";
    static final OutboxEvent EVENT = new OutboxEvent(7, "report.received", "report-12345674", PAYLOAD,
            Instant.parse("2026-12-01T08:30:00Z"));

    /** What one request looked like, checked on arrival. */
    record Seen(String path, Headers headers, byte[] body, boolean signed, int remotePort) {
    }

    /** What the server answers: status, headers, body, and a delay before answering. */
    record Answer(int status, Map<String, String> headers, String body, long delayMillis) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "", 0);
        }
    }

    private HttpServer server;
    private ExecutorService serverThreads;
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final List<Answer> script = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger redirected = new AtomicInteger();

    @Before
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/hook", this::handle);
        server.createContext("/moved", ex -> {
            redirected.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    @After
    public void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        boolean signed = WebhookSignature.verify(SECRET, ex.getRequestHeaders(), body, Duration.ofMinutes(5));
        seen.add(new Seen(ex.getRequestURI().getPath(), ex.getRequestHeaders(), body, signed,
                ex.getRemoteAddress().getPort()));
        Answer a;
        synchronized (script) {
            a = script.isEmpty() ? Answer.of(200) : script.size() == 1 ? script.get(0) : script.remove(0);
        }
        if (a.delayMillis() > 0) {
            try {
                Thread.sleep(a.delayMillis());
            } catch (InterruptedException e) {
                ex.close();
                return;
            }
        }
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
        ex.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private WebhookNotifier notifier(String url, String timeoutSeconds) {
        Map<String, Object> c = new HashMap<>();
        c.put("service.pid", "org.laporpredator.notifier.webhook~test");
        c.put("url", url);
        c.put("secret", SECRET);
        if (timeoutSeconds != null) {
            c.put("timeoutSeconds", timeoutSeconds);
        }
        WebhookSettings s = WebhookSettings.from(c);
        assertNull(s.problem());
        return new WebhookNotifier(s);
    }

    private WebhookNotifier notifier() {
        return notifier(url("/hook"), null);
    }

    private void answer(Answer... answers) {
        script.clear();
        script.addAll(List.of(answers));
    }

    private static DeliveryFailed failing(WebhookNotifier n, OutboxEvent e) {
        try {
            String ref = n.deliver(e);
            fail("delivered, reference " + ref);
            return null;
        } catch (DeliveryFailed f) {
            return f;
        }
    }

    @Test
    public void delivers200WithTheStandardWebhooksShape() throws Exception {
        answer(new Answer(200, Map.of("Content-Type", "application/json"), "{\"ok\":true,\"reference\":\"MY-2026-0042\"}", 0));
        assertEquals("MY-2026-0042", notifier().deliver(EVENT));

        Seen s = seen.poll();
        assertNotNull(s);
        assertTrue("signature verified by the receiver", s.signed());
        assertEquals("/hook", s.path());
        assertEquals("report-12345674", s.headers().getFirst("webhook-id"));
        long ts = Long.parseLong(s.headers().getFirst("webhook-timestamp"));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - ts) <= 5);
        assertTrue(s.headers().getFirst("webhook-signature").startsWith("v1,"));
        assertEquals("application/json", s.headers().getFirst("Content-Type"));
        assertEquals(WebhookNotifier.USER_AGENT, s.headers().getFirst("User-Agent"));
        String body = new String(s.body(), StandardCharsets.UTF_8);
        assertEquals("{\"type\":\"report.received\",\"timestamp\":\"2026-12-01T08:30:00Z\",\"data\":" + PAYLOAD + "}", body);
        // and it parses
        try (JsonParser p = new JsonFactory().createParser(s.body())) {
            while (p.nextToken() != null) {
                assertNotNull(p.currentToken());
            }
        }
    }

    @Test
    public void theReferenceIsTheResponsesReferenceOrIdElseNull() throws Exception {
        WebhookNotifier n = notifier();
        answer(new Answer(201, Map.of(), "{\"id\": 42, \"nested\": {\"reference\": \"no\"}}", 0));
        assertEquals("42", n.deliver(EVENT));
        answer(new Answer(202, Map.of(), "{\"id\":\"evt_1\",\"reference\":\"REF-9\"}", 0));
        assertEquals("REF-9", n.deliver(EVENT));
        answer(Answer.of(204));
        assertNull(n.deliver(EVENT));
        answer(new Answer(200, Map.of(), "accepted", 0));
        assertNull(n.deliver(EVENT));
        answer(new Answer(200, Map.of(), "x".repeat(WebhookNotifier.MAX_RESPONSE_BYTES + 10), 0));
        assertNull("a large body is not read, still delivered", n.deliver(EVENT));
    }

    @Test
    public void a503WithRetryAfterSecondsIsRetryable() {
        answer(new Answer(503, Map.of("Retry-After", "120"), "<html>down for maintenance</html>", 0));
        DeliveryFailed f = failing(notifier(), EVENT);
        assertTrue(f.retryable());
        assertEquals(Duration.ofSeconds(120), f.retryAfter());
        assertEquals("HTTP 503", f.getMessage());
        assertTrue(seen.poll().signed());
    }

    @Test
    public void a429WithRetryAfterDateIsRetryable() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(90).atZone(ZoneOffset.UTC));
        answer(new Answer(429, Map.of("Retry-After", date), "", 0));
        DeliveryFailed f = failing(notifier(), EVENT);
        assertTrue(f.retryable());
        assertEquals("HTTP 429", f.getMessage());
        long s = f.retryAfter().getSeconds();
        assertTrue("about 90 s, was " + s, s >= 85 && s <= 90);
    }

    @Test
    public void a500WithoutRetryAfterLeavesTheBackoffToTheDispatcher() {
        answer(Answer.of(500));
        DeliveryFailed f = failing(notifier(), EVENT);
        assertTrue(f.retryable());
        assertNull(f.retryAfter());
        answer(Answer.of(408));
        assertTrue(failing(notifier(), EVENT).retryable());
    }

    @Test
    public void a410IsNotRetryable() {
        answer(new Answer(410, Map.of(), "{\"error\":\"endpoint disabled\"}", 0));
        DeliveryFailed f = failing(notifier(), EVENT);
        assertFalse(f.retryable());
        assertEquals("HTTP 410 gone", f.getMessage());
    }

    @Test
    public void a400IsNotRetryableTheDispatcherCountsItsAttempts() {
        answer(new Answer(400, Map.of(), "{\"error\":\"bad\",\"echo\":\"" + PAYLOAD.replace("\"", "'") + "\"}", 0));
        DeliveryFailed f = failing(notifier(), EVENT);
        assertFalse(f.retryable());
        assertEquals("HTTP 400", f.getMessage());
        assertNull(f.retryAfter());
        answer(Answer.of(422));
        assertFalse(failing(notifier(), EVENT).retryable());
    }

    @Test
    public void aWrongSecretOrUrlWaitsForAnAdmin() {
        for (int status : new int[] {401, 403, 404}) {
            answer(Answer.of(status));
            DeliveryFailed f = failing(notifier(), EVENT);
            assertTrue(status + " retryable", f.retryable());
            assertEquals("HTTP " + status, f.getMessage());
        }
    }

    @Test
    public void statusClasses() {
        for (int s : new int[] {100, 301, 302, 307, 308, 401, 403, 404, 408, 425, 429, 500, 502, 503, 504, 599}) {
            assertTrue(s + "", WebhookNotifier.retryable(s));
        }
        for (int s : new int[] {400, 405, 409, 410, 413, 415, 422, 451}) {
            assertFalse(s + "", WebhookNotifier.retryable(s));
        }
    }

    @Test
    public void aRedirectIsAFailureAndNotFollowed() {
        answer(new Answer(301, Map.of("Location", url("/moved")), "", 0));
        DeliveryFailed f = failing(notifier(), EVENT);
        assertEquals("HTTP 301", f.getMessage());
        assertTrue(f.retryable());
        assertEquals(1, seen.size());
        assertEquals(0, redirected.get());
    }

    @Test
    public void aServerThatIsDownIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DeliveryFailed f = failing(notifier("http://127.0.0.1:" + port + "/hook", null), EVENT);
        assertTrue(f.retryable());
        assertEquals("connection refused", f.getMessage());
        assertNull(f.retryAfter());
    }

    @Test
    public void aSlowServerIsATimeout() {
        answer(new Answer(200, Map.of(), "{\"reference\":\"late\"}", 3000));
        long start = System.nanoTime();
        DeliveryFailed f = failing(notifier(url("/hook"), "1"), EVENT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(f.retryable());
        assertEquals("timeout", f.getMessage());
        assertTrue("gave up after " + millis + " ms", millis >= 900 && millis < 2500);
    }

    @Test
    public void aPartnerThatAsksForDescriptionsGetsTheReportsOnly() throws Exception {
        WebhookNotifier n = new WebhookNotifier(WebhookSettings.from(Map.of("service.pid",
                "org.laporpredator.notifier.webhook~test", "url", url("/hook"), "secret", SECRET)),
                ref -> ref.equals("12345674") ? java.util.Optional.of("He asked my son for \"photos\"\nat night")
                        : java.util.Optional.empty());
        n.deliver(EVENT);
        String body = new String(seen.poll().body(), StandardCharsets.UTF_8);
        assertEquals("{\"type\":\"report.received\",\"timestamp\":\"2026-12-01T08:30:00Z\",\"data\":"
                + "{\"description\":\"He asked my son for \\\"photos\\\"\\nat night\"," + PAYLOAD.substring(1) + "}", body);

        OutboxEvent item = new OutboxEvent(8, "item.classified", "item-1-2", "{\"itemId\":1,\"references\":[\"12345674\"]}",
                Instant.parse("2026-12-01T08:31:00Z"));
        n.deliver(item);
        assertFalse(new String(seen.poll().body(), StandardCharsets.UTF_8).contains("description"));

        WebhookNotifier down = new WebhookNotifier(WebhookSettings.from(Map.of("service.pid",
                "org.laporpredator.notifier.webhook~test", "url", url("/hook"), "secret", SECRET)), ref -> {
                    throw new IllegalStateException("reports not available");
                });
        DeliveryFailed f = failing(down, EVENT);
        assertTrue(f.retryable());
        assertEquals("description not available", f.getMessage());
    }

    @Test
    public void aBodyThatNeverEndsIsATimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread stall = new Thread(() -> {
                try (java.net.Socket s = server.accept()) {
                    s.getInputStream().read(new byte[8192]);
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"ref"
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    Thread.sleep(10_000); // the headers came, the body never ends
                } catch (IOException | InterruptedException e) {
                    // the client gave up
                }
            });
            stall.setDaemon(true);
            stall.start();
            long start = System.nanoTime();
            DeliveryFailed f = failing(notifier("http://127.0.0.1:" + server.getLocalPort() + "/hook", "1"), EVENT);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("timeout", f.getMessage());
            assertTrue(f.retryable());
            assertTrue("gave up after " + millis + " ms", millis >= 900 && millis < 4000);
            assertFalse("the alarm's interrupt does not outlive the call", Thread.currentThread().isInterrupted());
            stall.interrupt();
        }
    }

    @Test
    public void aRetryCarriesTheSameWebhookId() throws Exception {
        WebhookNotifier n = notifier();
        answer(Answer.of(503), new Answer(200, Map.of(), "{\"reference\":\"R1\"}", 0));
        assertTrue(failing(n, EVENT).retryable());
        assertEquals("R1", n.deliver(EVENT));
        Seen first = seen.poll();
        Seen second = seen.poll();
        assertTrue(first.signed() && second.signed());
        assertEquals("report-12345674", first.headers().getFirst("webhook-id"));
        assertEquals(first.headers().getFirst("webhook-id"), second.headers().getFirst("webhook-id"));
        assertEquals(new String(first.body(), StandardCharsets.UTF_8), new String(second.body(), StandardCharsets.UTF_8));
    }

    @Test
    public void connectionsAreKeptAlive() throws Exception {
        WebhookNotifier n = notifier();
        for (int i = 0; i < 20; i++) {
            n.deliver(EVENT);
        }
        Set<Integer> ports = new HashSet<>();
        seen.forEach(s -> ports.add(s.remotePort()));
        assertEquals("one connection for 20 sequential deliveries", 1, ports.size());
    }

    @Test
    public void manyThreadsAtOnce() throws Exception {
        WebhookNotifier n = notifier();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                OutboxEvent e = new OutboxEvent(i, "item.classified", "item-" + i + "-" + (1000 + i), "{\"itemId\":" + i + "}",
                        Instant.now());
                results.add(pool.submit(() -> n.deliver(e)));
            }
            for (Future<String> r : results) {
                assertNull(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(400, seen.size());
        assertTrue(seen.stream().allMatch(Seen::signed));
        assertEquals(400, seen.stream().map(s -> s.headers().getFirst("webhook-id")).distinct().count());
    }

    @Test
    public void aConfigurationProblemKeepsRecordsWaiting() {
        WebhookNotifier n = new WebhookNotifier(WebhookSettings.from(Map.of("service.pid",
                "org.laporpredator.notifier.webhook~x", "url", url("/hook"))));
        assertEquals("no secret configured", n.problem());
        DeliveryFailed f = failing(n, EVENT);
        assertEquals("no secret configured", f.getMessage());
        assertTrue(f.retryable());
        assertTrue(seen.isEmpty());
    }

    @Test
    public void aBrokenEventIsNotRetryable() {
        WebhookNotifier n = notifier();
        DeliveryFailed f = failing(n, new OutboxEvent(1, "report.received", "report-1", "{\"a\":", Instant.now()));
        assertFalse(f.retryable());
        assertEquals("payload is not JSON", f.getMessage());
        f = failing(n, new OutboxEvent(1, "report.received", "report-1\r\nX-Injected: 1", PAYLOAD, Instant.now()));
        assertFalse(f.retryable());
        f = failing(n, new OutboxEvent(1, "report.received", null, PAYLOAD, Instant.now()));
        assertFalse(f.retryable());
        assertTrue(seen.isEmpty());
    }

    @Test
    public void retryAfterParsing() {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");
        assertEquals(Duration.ofSeconds(5), WebhookNotifier.retryAfter(" 5 ", now));
        assertEquals(Duration.ofMinutes(2), WebhookNotifier.retryAfter("Tue, 1 Dec 2026 08:02:00 GMT", now));
        assertEquals(Duration.ZERO, WebhookNotifier.retryAfter("Tue, 1 Dec 2026 07:00:00 GMT", now));
        assertNull(WebhookNotifier.retryAfter("soon", now));
        assertNull(WebhookNotifier.retryAfter("-5", now));
        assertNull(WebhookNotifier.retryAfter("99999999999999999999999", now));
        assertNull(WebhookNotifier.retryAfter(null, now));
    }

    @Test
    public void messagesAreShortAndNeverTheBody() {
        answer(new Answer(502, Map.of(), "upstream said: " + PAYLOAD, 0));
        DeliveryFailed f = failing(notifier(), EVENT);
        assertEquals("HTTP 502", f.getMessage());
        assertNull(f.getCause());
    }
}
