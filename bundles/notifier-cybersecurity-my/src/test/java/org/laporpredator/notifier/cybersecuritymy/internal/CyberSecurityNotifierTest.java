package org.laporpredator.notifier.cybersecuritymy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.laporpredator.mail.Mail;
import org.laporpredator.mail.MailFailed;
import org.laporpredator.mail.Mailer;
import org.laporpredator.mail.internal.Settings;
import org.laporpredator.mail.internal.SmtpMailer;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier.DeliveryFailed;

/** The notifier against a real SMTP server (GreenMail) through the real mailer. */
public class CyberSecurityNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private GreenMail greenMail;
    private SmtpMailer mailer;

    @Before
    public void start() {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        mailer = new SmtpMailer(Settings.of("127.0.0.1", greenMail.getSmtp().getPort(), "none", "", "",
                "hotline@laporpredator.example", 5));
    }

    @After
    public void stop() {
        mailer.close();
        greenMail.stop();
    }

    private CyberSecurityNotifier notifier(String to) {
        return new CyberSecurityNotifier(mailer, to);
    }

    @Test
    public void aClassifiedLinkGoesToEveryRecipientInBothLanguagesWithStix() throws Exception {
        OutboxEvent event = Fixtures.classified("\"12345678\", \"23456789\"", "https://t.me/some_channel");
        assertNull(notifier("desk@cert.example, duty@cert.example").deliver(event));

        assertTrue(greenMail.waitForIncomingEmail(5000, 2));
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertEquals(2, got.length);
        Set<String> to = new TreeSet<>();
        for (MimeMessage m : got) {
            Arrays.stream(m.getRecipients(Message.RecipientType.TO)).forEach(a -> to.add(a.toString()));
            assertEquals("[Lapor Predator 12345678] Link classified CSAM (TELEGRAM CHANNEL) / Pautan dikelaskan CSAM",
                    m.getSubject());
            assertEquals("auto-generated", m.getHeader("Auto-Submitted")[0]);
            assertEquals("item-42-77", m.getHeader("X-Lapor-Idempotency-Key")[0]);
            assertEquals("<lapor.cybersecurity-my.item-42-77@laporpredator.example>", m.getMessageID());
            Multipart parts = (Multipart) m.getContent();
            String text = parts.getBodyPart(0).getContent().toString();
            assertTrue(text, text.contains("== English =="));
            assertTrue(text, text.contains("What: a hotline analyst classified a reported link as CSAM."));
            assertTrue(text, text.contains("Classification: CSAM - child sexual abuse material (international baseline)"));
            assertTrue(text, text.contains("When: 2026-03-01 06:22:05 UTC (2026-03-01 14:22:05 Malaysia time)"));
            assertTrue(text, text.contains("Reports naming this link: 12345678, 23456789"));
            assertTrue(text, text.contains("== Bahasa Malaysia =="));
            assertTrue(text, text.contains("Apa: penganalisis talian telah mengelaskan pautan yang dilaporkan sebagai CSAM."));
            assertTrue(text, text.contains("Bila: 2026-03-01 06:22:05 UTC (2026-03-01 14:22:05 waktu Malaysia)"));
            assertTrue(text, text.contains("Klasifikasi: CSAM - bahan penderaan seksual kanak-kanak"));
            assertTrue(text, text.contains("hxxps://t[.]me/some_channel"));
            assertFalse("links defanged in the text", text.contains("https://t.me"));
            assertTrue(text, text.contains("TLP:RED"));

            BodyPart file = parts.getBodyPart(1);
            assertEquals("lapor-12345678.json", file.getFileName());
            assertTrue(file.getContentType(), file.getContentType().replace(" ", "").startsWith("application/stix+json;version=2.1"));
            JsonNode bundle = JSON.readTree(bytes(file));
            assertEquals(List.of(), StixSchema.errors(bundle));
            assertEquals("bundle", bundle.get("type").asText());
            assertTrue(bundle.toString(), bundle.toString().contains("[url:value = 'https://t.me/some_channel']"));
        }
        assertEquals(Set.of("desk@cert.example", "duty@cert.example"), to);
    }

    @Test
    public void anItemNamedByNoReportIsLabelledByItsId() throws Exception {
        notifier("desk@cert.example").deliver(Fixtures.classified("", "https://t.me/some_channel"));
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertTrue(m.getSubject(), m.getSubject().startsWith("[Lapor Predator item-42] Link classified CSAM"));
        BodyPart file = ((Multipart) m.getContent()).getBodyPart(1);
        assertEquals("lapor-item-42.json", file.getFileName());
        assertTrue(((Multipart) m.getContent()).getBodyPart(0).getContent().toString().contains("Reference / Rujukan: -"));
    }

    @Test
    public void removalsAndUndoneRemovals() throws Exception {
        CyberSecurityNotifier n = notifier("desk@cert.example");
        n.deliver(Fixtures.removed(true));
        n.deliver(Fixtures.removed(false));
        assertTrue(greenMail.waitForIncomingEmail(5000, 2));
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertEquals("[Lapor Predator 12345678] Link removed (WEBSITE WEB_PAGE) / Pautan telah diturunkan", got[0].getSubject());
        String text = ((Multipart) got[0].getContent()).getBodyPart(0).getContent().toString();
        assertTrue(text, text.contains("Removed: 2026-03-02 00:59:00 UTC"));
        assertTrue(text, text.contains("Diturunkan: 2026-03-02 00:59:00 UTC"));
        assertTrue(text, text.contains("registrableDomain: bad[.]example"));
        assertEquals("[Lapor Predator 12345678] Removal undone (WEBSITE WEB_PAGE) / Rekod penurunan dibatalkan",
                got[1].getSubject());
    }

    @Test
    public void aReportAndAStatusChangeIfRoutedHere() throws Exception {
        CyberSecurityNotifier n = notifier("desk@cert.example");
        n.deliver(Fixtures.received(true));
        n.deliver(Fixtures.statusChanged());
        assertTrue(greenMail.waitForIncomingEmail(5000, 2));
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertEquals("[Lapor Predator 12345678] New report, 2 links / Laporan baharu, 2 pautan", got[0].getSubject());
        Multipart parts = (Multipart) got[0].getContent();
        String text = parts.getBodyPart(0).getContent().toString();
        assertTrue(text, text.contains("URGENT: the reporter says a child may be in danger now."));
        assertTrue(text, text.contains("SEGERA: pelapor menyatakan kanak-kanak mungkin dalam bahaya sekarang."));
        assertTrue(text, text.contains("phone: +60123456789"));
        assertFalse("no contact", text.contains("reporter@example.org"));
        assertFalse("no description", text.contains("what the reporter wrote"));
        assertEquals(List.of(), StixSchema.errors(JSON.readTree(bytes(parts.getBodyPart(1)))));

        assertEquals("[Lapor Predator 12345678] Report status UNDER_REVIEW -> REFERRED / Status laporan UNDER_REVIEW -> REFERRED",
                got[1].getSubject());
        assertTrue("no links, no STIX: plain text", got[1].isMimeType("text/plain"));
    }

    @Test
    public void problems() {
        assertEquals("no recipient configured (to)", notifier("").problem());
        assertEquals("no recipient configured (to)", notifier(" , ").problem());
        assertEquals("to: entry 2 is not an email address", notifier("desk@cert.example, desk").problem());
        assertNull(notifier("desk@cert.example").problem());
        SmtpMailer unset = new SmtpMailer(Settings.of("", 0, "starttls", "", "", "", 30));
        try {
            assertEquals("no SMTP server configured (etc/org.laporpredator.mail.cfg)",
                    new CyberSecurityNotifier(unset, "desk@cert.example").problem());
            assertEquals("no recipient configured (to)", new CyberSecurityNotifier(unset, "").problem());
        } finally {
            unset.close();
        }
    }

    @Test
    public void failures() throws Exception {
        DeliveryFailed noRecipient = fails(notifier(""), Fixtures.removed(true));
        assertTrue(noRecipient.retryable());
        assertEquals("no recipient configured (to)", noRecipient.getMessage());

        greenMail.stop();
        DeliveryFailed down = fails(notifier("desk@cert.example"), Fixtures.removed(true));
        assertTrue("a stopped server: try again later", down.retryable());
        assertEquals("SMTP server not reachable (ConnectException)", down.getMessage());

        Mailer refusing = new Mailer() {
            @Override
            public void send(Mail mail) throws MailFailed {
                throw new MailFailed("SMTP server refused the mail (550) (SMTPAddressFailedException)", false, 550);
            }

            @Override
            public String problem() {
                return null;
            }
        };
        assertFalse("5xx: final", fails(new CyberSecurityNotifier(refusing, "desk@cert.example"), Fixtures.removed(true)).retryable());
        CyberSecurityNotifier n = new CyberSecurityNotifier(refusing, "desk@cert.example");
        assertFalse(fails(n, new OutboxEvent(1, "item.classified", "k", "not json", Fixtures.AT)).retryable());
        assertFalse(fails(n, new OutboxEvent(1, "item.classified", "k", "{\"version\": 2}", Fixtures.AT)).retryable());
        assertFalse(fails(n, new OutboxEvent(1, "item.exploded", "k", "{}", Fixtures.AT)).retryable());
    }

    @Test
    public void theShippedConfigurationBindsAndMailsNoOne() throws Exception {
        Path cfg = Path.of("../../karaf-assembly/src/main/resources/etc/" + CyberSecurityNotifier.PID + ".cfg");
        assertTrue(cfg.toString(), Files.exists(cfg));
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(cfg)) {
            p.load(in);
        }
        assertEquals("no trial install mails an agency", "", p.getProperty("to"));
        assertEquals(Set.of("to"), p.stringPropertyNames());
        String text = Files.readString(cfg);
        assertTrue(text.contains("cyber999@cybersecurity.my"));
        assertTrue(text.contains("# events = item.classified,item.removed"));
        assertTrue(text.contains("# classifications = CSAM,CSAM_NATIONAL"));
        assertTrue(text.contains("# authority = true"));
    }

    @Test
    public void itsConfigurationIsFoundAsTheDispatcherFindsIt() throws Exception {
        assertTrue(CyberSecurityNotifier.isOurs("org.laporpredator.notifier.cybersecurity-my", null, null));
        assertTrue("the cfg file, as FileInstall reads its name",
                CyberSecurityNotifier.isOurs("org.laporpredator.notifier.cybersecurity~my", "org.laporpredator.notifier.cybersecurity", null));
        assertTrue(CyberSecurityNotifier.isOurs("org.laporpredator.notifier.cybersecurity.8f3a", "org.laporpredator.notifier.cybersecurity",
                "file:/opt/lapor/etc/org.laporpredator.notifier.cybersecurity-my.cfg"));
        assertFalse(CyberSecurityNotifier.isOurs("org.laporpredator.notifier.cybersecurity~other", "org.laporpredator.notifier.cybersecurity", null));
        assertFalse(CyberSecurityNotifier.isOurs("org.laporpredator.notifier.pdrm", null, null));

        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("to", "desk@cert.example");
        props.put("felix.fileinstall.filename", "file:/opt/lapor/etc/org.laporpredator.notifier.cybersecurity-my.cfg");
        Object config = java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {org.osgi.service.cm.Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getPid" -> "org.laporpredator.notifier.cybersecurity~my";
                    case "getFactoryPid" -> "org.laporpredator.notifier.cybersecurity";
                    case "getProperties" -> props;
                    default -> null;
                });
        String[] filter = new String[1];
        org.osgi.service.cm.ConfigurationAdmin cm = (org.osgi.service.cm.ConfigurationAdmin) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.osgi.service.cm.ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listConfigurations")) {
                        filter[0] = (String) args[0];
                        return new org.osgi.service.cm.Configuration[] {(org.osgi.service.cm.Configuration) config};
                    }
                    return null;
                });
        CyberSecurityNotifier n = new CyberSecurityNotifier(mailer, cm);
        assertNull(n.problem());
        assertTrue(filter[0], filter[0].contains("(service.factoryPid=org.laporpredator.notifier.cybersecurity)"));
        n.deliver(Fixtures.removed(true));
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        assertEquals("desk@cert.example", greenMail.getReceivedMessages()[0].getAllRecipients()[0].toString());
        props.put("to", "");
        n.reload();
        assertEquals("no recipient configured (to)", n.problem());
    }

    private static DeliveryFailed fails(CyberSecurityNotifier n, OutboxEvent e) {
        try {
            n.deliver(e);
        } catch (DeliveryFailed f) {
            return f;
        }
        throw new AssertionError("delivered");
    }

    private static byte[] bytes(BodyPart part) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.getInputStream().transferTo(out);
        return out.toByteArray();
    }
}
