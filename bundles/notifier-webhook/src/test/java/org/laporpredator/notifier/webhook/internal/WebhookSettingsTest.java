package org.laporpredator.notifier.webhook.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

public class WebhookSettingsTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String FILE = "file:/opt/lapor/etc/org.laporpredator.notifier.webhook-mycert.cfg";

    static Map<String, Object> config(String... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static Map<String, Object> valid() {
        return config("service.pid", "org.laporpredator.notifier.webhook~mycert",
                "service.factoryPid", "org.laporpredator.notifier.webhook",
                "felix.fileinstall.filename", FILE, "url", "https://partner.example/hooks/lapor", "secret", SECRET);
    }

    @Test
    public void partnerIdFromAFileinstallConfiguration() {
        // what fileinstall 3.7.4 + ConfigurationAdmin 1.9.26 (Karaf 4.4.10) produce for the file
        assertEquals("webhook-mycert", WebhookSettings.from(valid()).partner());
    }

    @Test
    public void partnerIdFromTheFileNameWhenThePidIsGenerated() {
        // config:edit --factory --alias: createFactoryConfiguration gives <factoryPid>.<uuid>
        Map<String, Object> c = config("service.pid", "org.laporpredator.notifier.webhook.3f0c5a4e-1d2b-4c7a-9e3f-0a1b2c3d4e5f",
                "felix.fileinstall.filename", "file:/opt/lapor/etc/org.laporpredator.notifier.webhook-my-partner.cfg");
        assertEquals("my-partner", WebhookSettings.name(c));
        c.put("felix.fileinstall.filename", "file:/C:/lapor/etc/org.laporpredator.notifier.webhook-pdrm.d11.cfg");
        assertEquals("pdrm.d11", WebhookSettings.name(c));
        c.put("felix.fileinstall.filename", "/opt/lapor/etc/org.laporpredator.notifier.webhook-plain.cfg");
        assertEquals("plain", WebhookSettings.name(c));
    }

    @Test
    public void partnerIdFromTheNamedPidWithoutAFile() {
        assertEquals("mcmc", WebhookSettings.name(config("service.pid", "org.laporpredator.notifier.webhook~mcmc")));
    }

    @Test
    public void theNamedPidFirstAsTheDispatcherReadsIt() {
        Map<String, Object> c = valid();
        c.put("service.pid", "org.laporpredator.notifier.webhook~other");
        assertEquals("other", WebhookSettings.name(c));
    }

    @Test
    public void noPartnerWithoutAName() {
        assertNull(WebhookSettings.name(config("service.pid", "org.laporpredator.notifier.webhook.3f0c5a4e")));
        assertNull(WebhookSettings.name(config("service.pid", "org.laporpredator.notifier.webhook~")));
        assertNull(WebhookSettings.name(config("felix.fileinstall.filename", "file:/etc/org.laporpredator.notifier.webhook-.cfg")));
        assertNull(WebhookSettings.name(config("felix.fileinstall.filename", "file:/etc/org.laporpredator.notifier.webhook-x.config")));
        assertNull(WebhookSettings.name(config("felix.fileinstall.filename", "file:/etc/other.pid-x.cfg")));
        assertNull(WebhookSettings.from(config("url", "https://x.example", "secret", SECRET)).partner());
    }

    @Test
    public void aValidConfiguration() {
        WebhookSettings s = WebhookSettings.from(valid());
        assertNull(s.problem());
        assertEquals("https://partner.example/hooks/lapor", s.url().toString());
        assertEquals("https://partner.example", s.origin());
        assertArrayEquals(Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), s.key());
        assertEquals(Duration.ofSeconds(15), s.timeout());
        assertFalse(s.toString().contains("MfKQ"));
    }

    @Test
    public void problemTexts() {
        Map<String, Object> c = valid();
        c.remove("url");
        assertEquals("no URL configured", WebhookSettings.from(c).problem());
        c.put("url", "  ");
        assertEquals("no URL configured", WebhookSettings.from(c).problem());
        c.put("url", "http://partner.example/hook");
        assertEquals("url must be https (http only to a loopback host)", WebhookSettings.from(c).problem());
        c.put("url", "ftp://partner.example/hook");
        assertEquals("url is not a valid URL", WebhookSettings.from(c).problem());
        c.put("url", "https://user:pw@partner.example/hook");
        assertEquals("url is not a valid URL", WebhookSettings.from(c).problem());
        c.put("url", "https://");
        assertEquals("url is not a valid URL", WebhookSettings.from(c).problem());

        c = valid();
        c.remove("secret");
        assertEquals("no secret configured", WebhookSettings.from(c).problem());
        c.put("secret", ""); // ${env:X} with X unset
        assertEquals("no secret configured", WebhookSettings.from(c).problem());
        c.put("secret", "whsec_" + Base64.getEncoder().encodeToString(new byte[16]));
        assertEquals("secret is not whsec_<base64> of 24 to 64 bytes", WebhookSettings.from(c).problem());
        c.put("secret", "${env:LAPOR_WEBHOOK_SECRET}");
        assertEquals("secret is not whsec_<base64> of 24 to 64 bytes", WebhookSettings.from(c).problem());
    }

    @Test
    public void httpOnlyToALoopbackHost() {
        for (String ok : new String[] {"http://localhost:8080/h", "http://127.0.0.1:9/h", "http://127.1.2.3/h",
            "http://[::1]:8080/h", "HTTP://LOCALHOST/h", "https://203.0.113.9/h"}) {
            Map<String, Object> c = valid();
            c.put("url", ok);
            assertNull(ok, WebhookSettings.from(c).problem());
        }
        for (String bad : new String[] {"http://10.0.0.1/h", "http://0177.0.0.1/h", "http://localhost.evil.example/h",
            "http://127.0.0.1.nip.io/h", "http://[::2]/h", "http://2130706433/h"}) {
            Map<String, Object> c = valid();
            c.put("url", bad);
            assertEquals(bad, "url must be https (http only to a loopback host)", WebhookSettings.from(c).problem());
        }
    }

    @Test
    public void timeoutDefaultsTo15SecondsAndStaysSane() {
        Map<String, Object> c = valid();
        c.put("timeoutSeconds", "3");
        assertEquals(Duration.ofSeconds(3), WebhookSettings.from(c).timeout());
        c.put("timeoutSeconds", 30);
        assertEquals(Duration.ofSeconds(30), WebhookSettings.from(c).timeout());
        c.put("timeoutSeconds", "soon");
        assertEquals(Duration.ofSeconds(15), WebhookSettings.from(c).timeout());
        c.put("timeoutSeconds", "0");
        assertEquals(Duration.ofSeconds(15), WebhookSettings.from(c).timeout());
        c.put("timeoutSeconds", "100000");
        assertEquals(Duration.ofSeconds(15), WebhookSettings.from(c).timeout());
    }

    @Test
    public void routingKeysAreKeptAndTheRestIgnored() {
        Map<String, Object> c = valid();
        c.put("events", "report.received,item.classified");
        c.put("categories", "CSAM");
        c.put("authority", "true");
        Map<String, Object> routing = WebhookSettings.from(c).routing();
        assertEquals(3, routing.size());
        assertEquals("CSAM", routing.get("categories"));
        assertTrue(routing.containsKey("events"));
    }
}
