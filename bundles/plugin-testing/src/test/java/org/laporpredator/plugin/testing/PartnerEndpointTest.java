package org.laporpredator.plugin.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PartnerEndpointTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> post(URI uri, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-Test", "one").header("x-test", "two").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void recordsRequestsAndAnswers200ByDefault() throws Exception {
        try (PartnerEndpoint partner = PartnerEndpoint.start()) {
            URI url = partner.url();
            assertEquals("127.0.0.1", url.getHost());
            assertTrue(url.getPort() > 0);
            assertEquals("/", url.getPath());
            HttpResponse<String> r = post(url.resolve("hooks/lapor?x=1"), "{\"a\":1}");
            assertEquals(200, r.statusCode());
            List<PartnerEndpoint.Request> got = partner.await(1, Duration.ofSeconds(5));
            assertEquals(1, got.size());
            PartnerEndpoint.Request req = got.get(0);
            assertEquals("POST", req.method());
            assertEquals("/hooks/lapor?x=1", req.path());
            assertEquals("{\"a\":1}", req.body());
            assertEquals("application/json", req.header("content-type"));
            assertEquals("application/json", req.header("CONTENT-TYPE"));
            assertEquals(List.of("one", "two"), req.headers().get("x-TEST"));
            assertNull(req.header("authorization"));
            assertEquals(got, partner.requests());
        }
    }

    @Test
    public void answersWhatItIsToldUntilToldOtherwise() throws Exception {
        try (PartnerEndpoint partner = PartnerEndpoint.start()) {
            partner.respond(503, Map.of("Retry-After", "120"), "{\"error\":\"busy\"}");
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = post(partner.url(), "x");
                assertEquals(503, r.statusCode());
                assertEquals("120", r.headers().firstValue("retry-after").orElse(null));
                assertEquals("{\"error\":\"busy\"}", r.body());
            }
            partner.respond(204);
            HttpResponse<String> r = post(partner.url(), "x");
            assertEquals(204, r.statusCode());
            assertEquals("", r.body());
            assertEquals(3, partner.await(3, Duration.ofSeconds(5)).size());
        }
    }

    @Test
    public void awaitFailsWithAClearMessageWhenTooFewCame() throws Exception {
        try (PartnerEndpoint partner = PartnerEndpoint.start()) {
            post(partner.url().resolve("only-one"), "x");
            try {
                partner.await(2, Duration.ofMillis(300));
                fail("two requests never came");
            } catch (AssertionError e) {
                assertTrue(e.getMessage(), e.getMessage().contains("expected 2 request(s)"));
                assertTrue(e.getMessage(), e.getMessage().contains("got 1: POST /only-one"));
            }
        }
    }

    @Test
    public void awaitReturnsAsSoonAsTheRequestsCame() throws Exception {
        try (PartnerEndpoint partner = PartnerEndpoint.start()) {
            Thread sender = new Thread(() -> {
                try {
                    post(partner.url(), "late");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sender.start();
            long start = System.nanoTime();
            assertEquals("late", partner.await(1, Duration.ofSeconds(30)).get(0).body());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos());
            sender.join();
        }
    }

    @Test
    public void closedItRefusesConnections() throws Exception {
        URI url;
        try (PartnerEndpoint partner = PartnerEndpoint.start()) {
            url = partner.url();
        }
        try {
            post(url, "x");
            fail("still listening");
        } catch (java.io.IOException expected) {
            // connection refused
        }
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesAnInformationalStatus() {
        try (PartnerEndpoint partner = PartnerEndpoint.start()) {
            partner.respond(100);
        }
    }
}
