package org.laporpredator.example.notifier.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;
import org.laporpredator.plugin.testing.PartnerEndpoint;
import org.laporpredator.plugin.testing.TestEvents;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier.DeliveryFailed;

public class RestNotifierTest {

    private static final String TOKEN = "s3cr3t-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PartnerEndpoint partner = PartnerEndpoint.start();

    @After
    public void close() {
        partner.close();
    }

    private RestNotifier notifier(URI url) {
        return new RestNotifier(RestSettings.of(url.toString(), TOKEN, 5), "lapor-example-notifier-rest/1.0.0");
    }

    private RestNotifier notifier() {
        return notifier(partner.url().resolve("api/items"));
    }

    private DeliveryFailed failure(RestNotifier n, OutboxEvent e) {
        return assertThrows(DeliveryFailed.class, () -> n.deliver(e));
    }

    @Test
    public void aClassifiedItemIsPostedAsTheSchemaSays() throws Exception {
        OutboxEvent event = TestEvents.itemClassified(42, "https://example.test/x", "CSAM", "12345674", "23456781");
        assertNull(notifier().deliver(event));
        PartnerEndpoint.Request r = partner.await(1, Duration.ofSeconds(10)).get(0);
        assertEquals("POST", r.method());
        assertEquals("/api/items", r.path());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(List.of("schema", "event", "itemId", "references", "canonicalUrl", "platform", "kind",
                "classification", "removed", "at"), names(body));
        assertEquals("lapor-example-rest/1", body.get("schema").asText());
        assertEquals("item.classified", body.get("event").asText());
        assertEquals(42, body.get("itemId").asLong());
        assertEquals("12345674", body.get("references").get(0).asText());
        assertEquals("23456781", body.get("references").get(1).asText());
        assertEquals("https://example.test/x", body.get("canonicalUrl").asText());
        assertEquals("WEBSITE", body.get("platform").asText());
        assertEquals("WEB_PAGE", body.get("kind").asText());
        assertEquals("CSAM", body.get("classification").asText());
        assertFalse(body.get("removed").asBoolean());
        assertEquals(JSON.readTree(event.payload()).get("at").asText(), body.get("at").asText());
        assertFalse("only the schema's fields", r.body().contains("dedupKey") || r.body().contains("identifiers"));
    }

    @Test
    public void theHeadersCarryTheTokenTheIdempotencyKeyAndTheVersion() throws Exception {
        OutboxEvent event = TestEvents.itemRemoved(7, "https://example.test/y", "GROOMING", true, "12345674");
        notifier().deliver(event);
        PartnerEndpoint.Request r = partner.await(1, Duration.ofSeconds(10)).get(0);
        assertEquals("Bearer " + TOKEN, r.header("authorization"));
        assertEquals(event.idempotencyKey(), r.header("Idempotency-Key"));
        assertEquals("lapor-example-notifier-rest/1.0.0", r.header("user-agent"));
        assertEquals("application/json", r.header("content-type"));
        assertTrue(JSON.readTree(r.body()).get("removed").asBoolean());
    }

    @Test
    public void aRetryCarriesTheSameIdempotencyKey() throws Exception {
        OutboxEvent event = TestEvents.itemClassified(1, "https://example.test/", "CSAM", "12345674");
        partner.respond(503);
        failure(notifier(), event);
        partner.respond(201);
        notifier().deliver(event);
        List<PartnerEndpoint.Request> got = partner.await(2, Duration.ofSeconds(10));
        assertEquals(got.get(0).header("idempotency-key"), got.get(1).header("idempotency-key"));
    }

    @Test
    public void anyTwoHundredIsDelivered() throws Exception {
        for (int status : new int[] {200, 201, 202, 204}) {
            partner.respond(status, Map.of(), status == 204 ? "" : "{\"ok\":true}");
            assertNull(notifier().deliver(TestEvents.itemClassified(1, "https://example.test/", "CSAM", "12345674")));
        }
    }

    @Test
    public void passingTroubleIsRetryableAndRetryAfterIsHonoured() {
        partner.respond(503, Map.of("Retry-After", "120"), "busy");
        DeliveryFailed f = failure(notifier(), TestEvents.itemClassified(1, "https://example.test/", "CSAM"));
        assertTrue(f.retryable());
        assertEquals("HTTP 503", f.getMessage());
        assertEquals(Duration.ofSeconds(120), f.retryAfter());

        for (int status : new int[] {408, 429, 500, 502, 504, 301}) {
            partner.respond(status);
            DeliveryFailed g = failure(notifier(), TestEvents.itemClassified(1, "https://example.test/", "CSAM"));
            assertTrue(status + " retryable", g.retryable());
            assertNull(g.retryAfter());
            assertEquals("HTTP " + status, g.getMessage());
        }
        assertFalse("the message never holds the body", f.getMessage().contains("busy"));
    }

    @Test
    public void retryAfterAsAnHttpDate() {
        RestNotifier n = new RestNotifier(RestSettings.of("https://partner.example/", TOKEN, 5), "ua",
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertEquals(Duration.ofSeconds(90), n.retryAfter("Thu, 01 Jan 2026 00:01:30 GMT"));
        assertEquals(Duration.ZERO, n.retryAfter("Wed, 31 Dec 2025 00:00:00 GMT"));
        assertNull(n.retryAfter("soon"));
        assertNull(n.retryAfter(null));
    }

    @Test
    public void otherClientErrorsAreNotRetryable() {
        for (int status : new int[] {400, 401, 403, 404, 409, 410, 422}) {
            partner.respond(status, Map.of("Retry-After", "5"), "");
            DeliveryFailed f = failure(notifier(), TestEvents.itemClassified(1, "https://example.test/", "CSAM"));
            assertFalse(status + " not retryable", f.retryable());
            assertEquals("HTTP " + status, f.getMessage());
            assertNull(f.retryAfter());
        }
    }

    @Test
    public void aPartnerThatIsDownIsRetryable() {
        URI url = partner.url();
        partner.close();
        DeliveryFailed f = failure(notifier(url), TestEvents.itemClassified(1, "https://example.test/", "CSAM"));
        assertTrue(f.retryable());
        assertTrue(f.getMessage(), f.getMessage().startsWith("connection"));
    }

    @Test
    public void aPartnerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().readAllBytes(); // reads, never answers
                } catch (Exception e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RestNotifier n = new RestNotifier(RestSettings.of("http://127.0.0.1:" + silent.getLocalPort() + "/", TOKEN, 1),
                    "ua");
            DeliveryFailed f = failure(n, TestEvents.itemClassified(1, "https://example.test/", "CSAM"));
            assertTrue(f.retryable());
            assertEquals("timeout", f.getMessage());
        }
    }

    @Test
    public void noUrlNoDelivery() {
        RestNotifier n = new RestNotifier(RestSettings.of("", TOKEN, 5), "ua");
        assertEquals("no url configured", n.problem());
        DeliveryFailed f = failure(n, TestEvents.itemClassified(1, "https://example.test/", "CSAM"));
        assertTrue("the records wait", f.retryable());
        assertEquals("no url configured", f.getMessage());
        assertTrue(partner.requests().isEmpty());
    }

    @Test
    public void configurationProblems() {
        assertEquals("no url configured", RestSettings.of(null, TOKEN, 5).problem());
        assertEquals("url is not an http or https URL", RestSettings.of("ftp://partner.example/", TOKEN, 5).problem());
        assertEquals("url is not an http or https URL", RestSettings.of("not a url", TOKEN, 5).problem());
        assertEquals("url is not an http or https URL", RestSettings.of("https://u:p@partner.example/", TOKEN, 5).problem());
        assertEquals("no token configured", RestSettings.of("https://partner.example/", " ", 5).problem());
        assertEquals("token holds characters a header cannot carry",
                RestSettings.of("https://partner.example/", "a b\n", 5).problem());
        assertNull(RestSettings.of("https://partner.example/", TOKEN, 5).problem());
        assertEquals(Duration.ofSeconds(10), RestSettings.of("https://partner.example/", TOKEN, 0).timeout());
        assertEquals(Duration.ofSeconds(300), RestSettings.of("https://partner.example/", TOKEN, 300).timeout());
        String shown = RestSettings.of("https://partner.example/hook?key=abc", TOKEN, 5).toString();
        assertFalse(shown, shown.contains(TOKEN) || shown.contains("key=abc"));
    }

    @Test
    public void eventsItDoesNotForwardAreRefusedNotSent() {
        for (OutboxEvent e : List.of(TestEvents.reportReceived("12345674", "CSAM", "https://example.test/"),
                TestEvents.statusChanged("12345674", "RECEIVED", "CLOSED"))) {
            DeliveryFailed f = failure(notifier(), e);
            assertFalse(f.retryable());
        }
        OutboxEvent broken = new OutboxEvent(1, "item.classified", "item-1-1", "{not json", Instant.now());
        assertEquals("payload is not JSON", failure(notifier(), broken).getMessage());
        OutboxEvent noKey = new OutboxEvent(1, "item.classified", null, "{}", Instant.now());
        assertEquals("no usable idempotency key", failure(notifier(), noKey).getMessage());
        assertTrue(partner.requests().isEmpty());
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
