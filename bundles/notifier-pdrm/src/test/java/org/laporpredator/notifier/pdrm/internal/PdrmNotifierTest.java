package org.laporpredator.notifier.pdrm.internal;

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
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
public class PdrmNotifierTest {

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

    private PdrmNotifier notifier(String to) {
        return new PdrmNotifier(mailer, to);
    }

    @Test
    public void anUrgentReportSaysSoInTheSubjectAndCarriesItsFactsAsJson() throws Exception {
        assertNull(notifier("d11@police.example, duty@police.example").deliver(Fixtures.received(true)));

        assertTrue(greenMail.waitForIncomingEmail(5000, 2));
        MimeMessage[] got = greenMail.getReceivedMessages();
        Set<String> to = new TreeSet<>();
        for (MimeMessage m : got) {
            Arrays.stream(m.getRecipients(Message.RecipientType.TO)).forEach(a -> to.add(a.toString()));
            assertEquals("[Lapor Predator 12345678] URGENT / SEGERA: a child may be in danger now / kanak-kanak mungkin"
                    + " dalam bahaya sekarang - New report, 2 links / Laporan baharu, 2 pautan", m.getSubject());
            assertEquals("high", m.getHeader("Importance")[0]);
            assertEquals("1", m.getHeader("X-Priority")[0]);
            assertEquals("<lapor.pdrm.report-12345678@laporpredator.example>", m.getMessageID());
            Multipart parts = (Multipart) m.getContent();
            String text = parts.getBodyPart(0).getContent().toString();
            assertTrue(text, text.contains("*** URGENT: the reporter says a child may be in danger now. ***"));
            assertTrue(text, text.contains("*** SEGERA: pelapor menyatakan kanak-kanak mungkin dalam bahaya sekarang. ***"));
            assertTrue(text, text.contains("What: a new report to the hotline with 2 links."));
            assertTrue(text, text.contains("Apa: laporan baharu kepada talian dengan 2 pautan."));
            assertTrue(text, text.contains("Category: CSAM - child sexual abuse material"));
            assertTrue(text, text.contains("Kategori: CSAM - bahan penderaan seksual kanak-kanak"));
            assertTrue(text, text.contains("When: 2026-03-01 02:00:00 UTC (2026-03-01 10:00:00 Malaysia time)"));
            assertTrue(text, text.contains("hxxps://bad[.]example/a?q={x|y}"));
            assertTrue(text, text.contains("hxxps://wa[.]me/60123456789"));
            assertFalse(text, text.contains("https://"));
            assertFalse("no contact", text.contains("reporter@example.org"));
            assertFalse("no description", text.contains("what the reporter wrote"));

            BodyPart file = parts.getBodyPart(1);
            assertEquals("lapor-12345678.json", file.getFileName());
            assertTrue(file.getContentType(), file.isMimeType("application/json"));
            String raw = new String(bytes(file), StandardCharsets.UTF_8);
            assertFalse(raw.contains("reporter@example.org"));
            assertFalse(raw.contains("what the reporter wrote"));
            JsonNode json = JSON.readTree(raw);
            assertEquals("report.received", json.at("/event/type").asText());
            assertEquals("report-12345678", json.at("/event/idempotencyKey").asText());
            assertEquals("12345678", json.get("reference").asText());
            assertTrue(json.get("urgent").asBoolean());
            assertEquals("CSAM", json.get("category").asText());
            assertEquals("ms", json.get("reportLanguage").asText());
            assertEquals(2, json.get("links").size());
            assertEquals("https://bad.example/a?q={x|y}", json.at("/links/0/url").asText());
            assertEquals("+60123456789", json.at("/links/1/identifiers/phone").asText());
            assertEquals("TLP:RED", json.get("marking").asText());
        }
        assertEquals(Set.of("d11@police.example", "duty@police.example"), to);
    }

    @Test
    public void aReportNotUrgentAndAClassification() throws Exception {
        PdrmNotifier n = notifier("d11@police.example");
        n.deliver(Fixtures.received(false));
        n.deliver(Fixtures.classified("\"12345678\", \"23456789\"", "https://t.me/some_channel"));
        n.deliver(Fixtures.statusChanged());
        assertTrue(greenMail.waitForIncomingEmail(5000, 3));
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertEquals("[Lapor Predator 12345678] New report, 2 links / Laporan baharu, 2 pautan", got[0].getSubject());
        assertNull(got[0].getHeader("Importance"));
        String text = ((Multipart) got[0].getContent()).getBodyPart(0).getContent().toString();
        assertFalse(text, text.contains("URGENT"));

        assertEquals("[Lapor Predator 12345678] Link classified CSAM (TELEGRAM CHANNEL) / Pautan dikelaskan CSAM",
                got[1].getSubject());
        Multipart parts = (Multipart) got[1].getContent();
        text = parts.getBodyPart(0).getContent().toString();
        assertTrue(text, text.contains("Reports naming this link: 12345678, 23456789"));
        assertTrue(text, text.contains("Laporan yang menyebut pautan ini: 12345678, 23456789"));
        JsonNode json = JSON.readTree(bytes(parts.getBodyPart(1)));
        assertEquals("CSAM", json.get("classification").asText());
        assertEquals("child sexual abuse material (international baseline)",
                json.at("/classificationDescription/en").asText().replace("CSAM - ", ""));
        assertEquals(42, json.get("itemId").asLong());
        assertEquals("https://t.me/some_channel", json.at("/links/0/url").asText());
        assertEquals("23456789", json.at("/reportsNamingTheLink/1").asText());

        assertEquals("[Lapor Predator 12345678] Report status UNDER_REVIEW -> REFERRED / Status laporan UNDER_REVIEW -> REFERRED",
                got[2].getSubject());
        json = JSON.readTree(bytes(((Multipart) got[2].getContent()).getBodyPart(1)));
        assertEquals("REFERRED", json.at("/status/to").asText());
    }

    @Test
    public void anItemNamedByNoReport() throws Exception {
        notifier("d11@police.example").deliver(Fixtures.classified("", "https://t.me/some_channel"));
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertTrue(m.getSubject(), m.getSubject().startsWith("[Lapor Predator item-42] "));
        assertEquals("lapor-item-42.json", ((Multipart) m.getContent()).getBodyPart(1).getFileName());
    }

    @Test
    public void problems() {
        assertEquals("no recipient configured (to)", notifier("").problem());
        assertEquals("to: entry 1 is not an email address", notifier("police").problem());
        assertNull(notifier("d11@police.example").problem());
        SmtpMailer unset = new SmtpMailer(Settings.of("", 0, "starttls", "", "", "", 30));
        try {
            assertEquals("no SMTP server configured (etc/org.laporpredator.mail.cfg)",
                    new PdrmNotifier(unset, "d11@police.example").problem());
        } finally {
            unset.close();
        }
    }

    @Test
    public void failures() throws Exception {
        assertTrue(fails(notifier(""), Fixtures.received(true)).retryable());
        greenMail.stop();
        DeliveryFailed down = fails(notifier("d11@police.example"), Fixtures.received(true));
        assertTrue("a stopped server: try again later", down.retryable());
        assertEquals("SMTP server not reachable (ConnectException)", down.getMessage());
        Mailer refusing = new Mailer() {
            @Override
            public void send(Mail mail) throws MailFailed {
                throw new MailFailed("SMTP server refused the mail (554) (SMTPSendFailedException)", false, 554);
            }

            @Override
            public String problem() {
                return null;
            }
        };
        assertFalse("5xx: final", fails(new PdrmNotifier(refusing, "d11@police.example"), Fixtures.received(true)).retryable());
        assertFalse(fails(new PdrmNotifier(refusing, "d11@police.example"),
                new OutboxEvent(1, "report.received", "k", "[]", Fixtures.AT)).retryable());
    }

    @Test
    public void theShippedConfigurationBindsAndMailsNoOne() throws Exception {
        Path cfg = Path.of("../../karaf-assembly/src/main/resources/etc/" + PdrmNotifier.PID + ".cfg");
        assertTrue(cfg.toString(), Files.exists(cfg));
        Properties p = new Properties();
        try (InputStream in = new FileInputStream(cfg.toFile())) {
            p.load(in);
        }
        assertEquals("", p.getProperty("to"));
        assertEquals(Set.of("to"), p.stringPropertyNames());
        String text = Files.readString(cfg);
        assertTrue(text.contains("# events = report.received,item.classified"));
        assertTrue(text.contains("# classifications = CSAM,CSAM_NATIONAL,GROOMING,SEXTORTION"));
        assertTrue(text.contains("# urgentOnly = report.received"));
        assertTrue(text.contains("# authority = true"));
    }

    private static DeliveryFailed fails(PdrmNotifier n, OutboxEvent e) {
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
