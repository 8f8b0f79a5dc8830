package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Test;
import org.laporpredator.spi.Events;

/**
 * Partner notifications against real servers, with the distribution run by its own scripts: a loopback
 * webhook receiver that checks Standard Webhooks signatures, and GreenMail as the SMTP server of the two
 * email notifiers. Outage, crash (SIGKILL) and hot swap of the webhook notifier lose nothing.
 */
public class DeliveryIT {

    private static final String ADMIN = "ops";
    private static final String PASSWORD = "delivery-admin-pass";
    private static final String CONTACT = "parent-contact@example.com";

    private Distribution karaf;
    private WebhookReceiver hook;
    private GreenMail mail;

    @After
    public void stop() {
        if (karaf != null) {
            karaf.stopOrKill();
        }
        if (hook != null) {
            hook.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    private void boot(String name, int port, boolean withMail) throws Exception {
        karaf = new Distribution(name, port);
        karaf.setProperty("etc/org.laporpredator.core.cfg", "submissionsPerMinute", "100000");
        karaf.setProperty("etc/org.laporpredator.core.cfg", "submissionBurst", "100000");
        karaf.setProperty("etc/org.laporpredator.status.cfg", "statsCacheSeconds", "0");
        karaf.setProperty("etc/org.laporpredator.dispatcher.cfg", "pollMillis", "50");
        karaf.setProperty("etc/org.laporpredator.dispatcher.cfg", "firstRetrySeconds", "1");
        karaf.setProperty("etc/org.laporpredator.dispatcher.cfg", "maxRetryMinutes", "1");
        karaf.setProperty("etc/org.laporpredator.dispatcher.cfg", "leaseSeconds", "5");
        hook = new WebhookReceiver(port + 10);
        hook.start();
        String partner = "etc/org.laporpredator.notifier.webhook-it.cfg";
        karaf.setProperty(partner, "url", hook.url());
        karaf.setProperty(partner, "secret", hook.secret);
        if (withMail) {
            mail = new GreenMail(new ServerSetup(port + 11, "127.0.0.1", "smtp"));
            mail.start();
            karaf.setProperty("etc/org.laporpredator.mail.cfg", "host", "127.0.0.1");
            karaf.setProperty("etc/org.laporpredator.mail.cfg", "port", String.valueOf(port + 11));
            karaf.setProperty("etc/org.laporpredator.mail.cfg", "security", "none");
            karaf.setProperty("etc/org.laporpredator.mail.cfg", "from", "hotline@laporpredator.test");
            karaf.setProperty("etc/org.laporpredator.notifier.cybersecurity-my.cfg", "to", "cyber999@partner.test");
            karaf.setProperty("etc/org.laporpredator.notifier.pdrm.cfg", "to", "d11@partner.test");
        }
        karaf.run(List.of("sh", "-c", "LAPOR_ADMIN_PASSWORD=" + PASSWORD + " bin/create-admin " + ADMIN), Duration.ofSeconds(30));
        karaf.start();
    }

    private String report(String url, String category, boolean urgent) {
        Http.Reply r = karaf.http.postJson("/api/reports", Map.of("urls", url, "category", category, "anonymous", false,
                "contact", CONTACT, "description", "seen in a group", "urgent", urgent));
        assertEquals(r.body(), 201, r.status());
        return r.json().get("reference").asText();
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue("timed out waiting for " + what, System.nanoTime() < end);
            Thread.sleep(100); // polling for the condition
        }
    }

    private List<MimeMessage> mailTo(String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                for (var to : m.getAllRecipients()) {
                    if (to.toString().contains(address)) {
                        out.add(m);
                    }
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private static String text(MimeMessage m) throws Exception {
        StringBuilder out = new StringBuilder(m.getSubject()).append('\n');
        Object content = m.getContent();
        if (content instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                out.append(new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        } else {
            out.append(content);
        }
        return out.toString();
    }

    private static JsonNode attachment(MimeMessage m, String contentTypeStart) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart part = mp.getBodyPart(i);
            if (part.getContentType().toLowerCase().startsWith(contentTypeStart)) {
                return Http.JSON.readTree(part.getInputStream().readAllBytes());
            }
        }
        throw new AssertionError("no " + contentTypeStart + " attachment");
    }

    @Test
    public void eachPartnerGetsWhatItsRoutingWantsAndNeverTheContact() throws Exception {
        boot("delivery-routing", 8431, true);
        String urgent = report("https://bad.example/urgent-1", "SEXTORTION", true);
        String calm = report("https://bad.example/classified-1", "CSAM", false);

        // the police hear of the urgent report at once, before any analyst
        await("the police's urgent mail", Duration.ofSeconds(60), () -> !mailTo("d11@partner.test").isEmpty());
        MimeMessage police = mailTo("d11@partner.test").get(0);
        assertTrue(police.getSubject(), police.getSubject().contains("[Lapor Predator " + urgent + "]"));
        assertTrue(police.getSubject(), police.getSubject().contains("URGENT"));
        assertTrue(mailTo("cyber999@partner.test").isEmpty());

        // an analyst classifies: CyberSecurity Malaysia and the police are told; the report is REFERRED
        Admin admin = new Admin(karaf.httpPort, ADMIN, PASSWORD);
        admin.classifyFirstItem(calm, "CSAM");
        await("Cyber999's mail", Duration.ofSeconds(60), () -> !mailTo("cyber999@partner.test").isEmpty());
        MimeMessage cyber = mailTo("cyber999@partner.test").get(0);
        assertTrue(cyber.getSubject(), cyber.getSubject().contains("[Lapor Predator " + calm + "]"));
        JsonNode stix = attachment(cyber, "application/stix+json");
        assertEquals("bundle", stix.get("type").asText());
        assertTrue(stix.toString(), stix.toString().contains("[url:value = 'https://bad.example/classified-1']"));
        assertTrue("TLP:RED", stix.toString().contains("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"));
        await("the police's classification mail", Duration.ofSeconds(60), () -> mailTo("d11@partner.test").size() >= 2);
        await("REFERRED", Duration.ofSeconds(60), () -> "REFERRED".equals(
                karaf.http.get("/api/reports/" + calm + "/status").json().get("status").asText()));

        // the webhook partner takes every event, signed
        await("every event at the webhook", Duration.ofSeconds(60), () -> hook.of(Events.REPORT_RECEIVED).size() == 2
                && hook.of(Events.ITEM_CLASSIFIED).size() == 1 && hook.of(Events.REPORT_STATUS_CHANGED).size() == 2);
        assertEquals(0, hook.badSignatures.get());
        JsonNode received = hook.of(Events.REPORT_RECEIVED).stream().filter(r -> r.data().path("urgent").asBoolean())
                .findFirst().orElseThrow().data();
        assertEquals(urgent, received.get("reference").asText());

        // what left the platform never holds the contact or the description
        List<String> sent = new ArrayList<>();
        hook.processed.values().forEach(r -> sent.add(r.data().toString()));
        for (MimeMessage m : mail.getReceivedMessages()) {
            sent.add(text(m));
        }
        for (String s : sent) {
            assertFalse(s, s.contains(CONTACT));
            assertFalse(s, s.contains("seen in a group"));
        }
        String shell = karaf.client(ADMIN, PASSWORD, "lapor:deliveries " + calm);
        assertTrue(shell, shell.contains("webhook-it") && shell.contains("cybersecurity-my") && shell.contains("DELIVERED"));
        JsonNode page = admin.get("/api/admin/reports/" + calm);
        assertTrue(page.toString(), page.get("deliveries").size() >= 3);
        String log = Files.readString(karaf.home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
        assertFalse("no contact in the log", log.contains(CONTACT));
    }

    @Test
    public void aPartnerOutageLosesNothingAndEachEventIsProcessedOnce() throws Exception {
        boot("delivery-outage", 8441, false);
        hook.failWith = 503;
        Set<String> references = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            references.add(report("https://bad.example/outage-" + i, "GROOMING", false));
        }
        await("retries during the outage", Duration.ofSeconds(60), () -> hook.requests.get() >= 40);
        assertTrue(hook.processed.isEmpty());
        hook.failWith = 0;
        await("every report delivered after the outage", Duration.ofSeconds(120),
                () -> hook.of(Events.REPORT_RECEIVED).size() == 40);
        Set<String> delivered = new HashSet<>();
        hook.of(Events.REPORT_RECEIVED).forEach(r -> delivered.add(r.data().get("reference").asText()));
        assertEquals(references, delivered);
        assertTrue("each webhook-id was processed once", hook.processed.keySet().containsAll(hook.deliveries));
        assertEquals(40, new HashSet<>(hook.deliveries).size());
        String shell = karaf.client(ADMIN, PASSWORD, "lapor:deliveries");
        assertTrue(shell, shell.contains("webhook-it"));
        // no SMTP server and no recipients here: the email notifiers say so, and their records wait
        String modules = karaf.client(ADMIN, PASSWORD, "lapor:modules");
        assertTrue(modules, modules.contains("cybersecurity-my: ") && modules.contains("pdrm: "));
    }

    @Test
    public void aCrashMidDeliveryLosesNothing() throws Exception {
        boot("delivery-crash", 8451, false);
        hook.holdMillis = 1500; // deliveries in flight when the JVM dies
        Set<String> references = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            references.add(report("https://bad.example/crash-" + i, "CSAM", false));
        }
        await("deliveries in flight", Duration.ofSeconds(60), () -> hook.requests.get() >= 3);
        karaf.processes().forEach(p -> p.destroyForcibly()); // SIGKILL
        await("the JVM gone", Duration.ofSeconds(30), () -> karaf.processes().isEmpty());
        hook.holdMillis = 0;
        karaf.start();
        await("every report delivered after the restart", Duration.ofSeconds(120),
                () -> hook.of(Events.REPORT_RECEIVED).size() == 20);
        Set<String> delivered = new HashSet<>();
        hook.of(Events.REPORT_RECEIVED).forEach(r -> delivered.add(r.data().get("reference").asText()));
        assertEquals(references, delivered);
    }

    @Test
    public void theWebhookNotifierSwitchedOffStoppedUninstalledAndReinstalledMissesNothing() throws Exception {
        boot("delivery-swap", 8461, true);
        AtomicBoolean going = new AtomicBoolean(true);
        List<String> sentReports = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread load = new Thread(() -> {
            int i = 0;
            while (going.get()) {
                sentReports.add(report("https://bad.example/swap-" + i++, "SEXTORTION", true));
                try {
                    Thread.sleep(150); // the load's pace (a reporter every 150 ms), not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        load.start();
        try {
            await("some deliveries", Duration.ofSeconds(60), () -> hook.processed.size() >= 3);
            karaf.client(ADMIN, PASSWORD, "lapor:disable notifier-webhook");
            int policeBefore = mailTo("d11@partner.test").size();
            karaf.client(ADMIN, PASSWORD, "bundle:stop lapor-notifier-webhook");
            karaf.client(ADMIN, PASSWORD, "bundle:uninstall lapor-notifier-webhook");
            int webhookWhileOut = hook.processed.size();
            await("the police mailed while the webhook is out", Duration.ofSeconds(60),
                    () -> mailTo("d11@partner.test").size() >= policeBefore + 3);
            assertTrue(hook.processed.size() <= webhookWhileOut + 16); // at most those in flight
            String out = karaf.client(ADMIN, PASSWORD,
                    "bundle:install -s mvn:org.laporpredator/lapor-notifier-webhook/0.2.0-SNAPSHOT");
            assertFalse(out, out.toLowerCase().contains("error"));
            karaf.client(ADMIN, PASSWORD, "lapor:enable notifier-webhook");
        } finally {
            going.set(false);
            load.join();
        }
        int all = sentReports.size();
        await("every report at the webhook once it is back", Duration.ofSeconds(120),
                () -> hook.of(Events.REPORT_RECEIVED).size() == all);
        await("every urgent report at the police", Duration.ofSeconds(120), () -> mailTo("d11@partner.test").size() == all);
        assertEquals(0, hook.badSignatures.get());
    }
}
