#set( $d = '$' )
package ${package};

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.After;
import org.junit.Test;
import org.laporpredator.plugin.testing.ModuleComponents;
import org.laporpredator.plugin.testing.PartnerEndpoint;
import org.laporpredator.plugin.testing.TestEvents;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier.DeliveryFailed;

public class NotifierTest {

    private final PartnerEndpoint partner = PartnerEndpoint.start();

    @After
    public void close() {
        partner.close();
    }

    private Notifier notifier() {
        return new Notifier(partner.url().resolve("events").toString(), "s3cret", 5);
    }

    @Test
    public void postsTheEventJsonWithItsIdempotencyKey() throws Exception {
        OutboxEvent event = TestEvents.reportReceived("12345678", "CSAM", "https://example.com/a");
        partner.respond(202, Map.of("Lapor-Reference", "P-77"), "");
        assertEquals("P-77", notifier().deliver(event));

        PartnerEndpoint.Request r = partner.await(1, Duration.ofSeconds(5)).get(0);
        assertEquals("POST", r.method());
        assertEquals("/events", r.path());
        assertEquals(event.payload(), r.body());
        assertEquals(event.idempotencyKey(), r.header("Idempotency-Key"));
        assertEquals("report.received", r.header("Lapor-Event"));
        assertEquals("Bearer s3cret", r.header("Authorization"));
        assertTrue(r.header("Content-Type").startsWith("application/json"));
    }

    @Test
    public void everyEventTypeGoesTheSameWay() throws Exception {
        Notifier n = notifier();
        assertNull(n.deliver(TestEvents.itemClassified(7, "https://example.com/a", "CSAM", "12345678")));
        assertNull(n.deliver(TestEvents.statusChanged("12345678", "RECEIVED", "REFERRED")));
        List<PartnerEndpoint.Request> r = partner.await(2, Duration.ofSeconds(5));
        assertEquals("item.classified", r.get(0).header("Lapor-Event"));
        assertEquals("report.status-changed", r.get(1).header("Lapor-Event"));
    }

    @Test
    public void aBusyOrFailingPartnerIsTriedAgain() {
        partner.respond(503);
        DeliveryFailed e = assertThrows(DeliveryFailed.class, () -> notifier().deliver(event()));
        assertTrue(e.retryable());
        assertEquals("HTTP 503", e.getMessage());

        partner.respond(429, Map.of("Retry-After", "30"), "slow down");
        e = assertThrows(DeliveryFailed.class, () -> notifier().deliver(event()));
        assertTrue(e.retryable());
        assertEquals(Duration.ofSeconds(30), e.retryAfter());
    }

    @Test
    public void aRejectedRequestIsNotTriedAgain() {
        partner.respond(400, Map.of(), "bad payload");
        DeliveryFailed e = assertThrows(DeliveryFailed.class, () -> notifier().deliver(event()));
        assertFalse(e.retryable());
        assertFalse("never the payload or the answer in the message", e.getMessage().contains("payload"));
    }

    @Test
    public void aPartnerThatIsDownIsTriedAgain() {
        Notifier n = notifier();
        partner.close();
        DeliveryFailed e = assertThrows(DeliveryFailed.class, () -> n.deliver(event()));
        assertTrue(e.retryable());
    }

    @Test
    public void withoutAUrlItSaysSoAndTheRecordsWait() {
        Notifier n = new Notifier("", "", 15);
        assertEquals("no url configured", n.problem());
        DeliveryFailed e = assertThrows(DeliveryFailed.class, () -> n.deliver(event()));
        assertTrue(e.retryable());
        assertNull(notifier().problem());
    }

    @Test
    public void onlyHttpsOrLoopbackHttp() {
        assertNotNull(new Notifier("http://partner.example/events", "", 15).problem());
        assertNotNull(new Notifier("ftp://partner.example/events", "", 15).problem());
        assertNull(new Notifier("https://partner.example/events", "", 15).problem());
        assertNull(new Notifier("http://[::1]:8080/events", "", 15).problem());
    }

    @Test
    public void isAModuleForItsPartner() {
        Map<String, Object> p = ModuleComponents.assertModule(Notifier.class, Modules.NOTIFIER);
        assertEquals("${moduleId}", p.get(Modules.ID));
        assertEquals("${partner}", p.get(Modules.PARTNER));
    }

    /** The shipped configuration: no url yet, the secret from the environment in a private key; the routing beside it. */
    @Test
    public void theShippedConfigurationKeepsTheSecretPrivate() throws IOException {
        Properties cfg = load(Notifier.PID);
        assertEquals("", cfg.getProperty("url"));
        assertTrue(cfg.getProperty(".token").startsWith("${d}{env:"));
        assertNull("never a public token property", cfg.getProperty("token"));
        assertTrue(Files.exists(Path.of("src/main/resources/etc/org.laporpredator.notifier." + Notifier.PARTNER + ".cfg")));
    }

    private static Properties load(String pid) throws IOException {
        Properties cfg = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/etc/" + pid + ".cfg"), StandardCharsets.UTF_8)) {
            cfg.load(in);
        }
        return cfg;
    }

    private static OutboxEvent event() {
        return TestEvents.reportReceived("12345678", "CSAM", "https://example.com/a");
    }
}
