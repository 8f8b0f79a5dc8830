package org.laporpredator.notifier.pdrm.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Rule;
import org.junit.Test;
import org.laporpredator.mail.partner.Fixtures;
import org.laporpredator.mail.partner.GreenMailRule;
import org.laporpredator.spi.OutboxEvent;

/**
 * The notifier against a real SMTP server (GreenMail) through the real mailer: what is its own (the urgent
 * subject, banner and priority, the JSON file, its Message-IDs, its configuration). The letter's layout, the
 * reading of events, problems and failures are lapor-mail's (org.laporpredator.mail.partner), tested there.
 */
public class PdrmNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public final GreenMailRule smtp = new GreenMailRule();

    private PdrmNotifier notifier(String to) {
        return new PdrmNotifier(smtp.mailer(), to);
    }

    @Test
    public void anUrgentReportSaysSoInTheSubjectAndCarriesItsFactsAsJson() throws Exception {
        assertNull(notifier("d11@police.example, duty@police.example").deliver(Fixtures.received(true)));

        MimeMessage[] got = smtp.received(2);
        Set<String> to = new TreeSet<>();
        for (MimeMessage m : got) {
            Arrays.stream(m.getRecipients(Message.RecipientType.TO)).forEach(a -> to.add(a.toString()));
            assertEquals("[Lapor Predator 12345678] URGENT / SEGERA: a child may be in danger now / kanak-kanak mungkin"
                    + " dalam bahaya sekarang - New report, 2 links / Laporan baharu, 2 pautan", m.getSubject());
            assertEquals("high", m.getHeader("Importance")[0]);
            assertEquals("urgent", m.getHeader("Priority")[0]);
            assertEquals("1", m.getHeader("X-Priority")[0]);
            assertEquals("report.received", m.getHeader("X-Lapor-Event")[0]);
            assertEquals("<lapor.pdrm.report-12345678@laporpredator.example>", m.getMessageID());
            String text = GreenMailRule.text(m);
            assertTrue(text, text.contains("TLP:RED - for the named recipients only / untuk penerima yang dinamakan sahaja.\n\n"
                    + "*** URGENT: the reporter says a child may be in danger now. ***\n"
                    + "*** SEGERA: pelapor menyatakan kanak-kanak mungkin dalam bahaya sekarang. ***\n\nReference / Rujukan: 12345678"));
            assertTrue(text, text.contains("What: a new report to the hotline with 2 links."));
            assertTrue(text, text.contains("Attached: lapor-12345678.json, the same facts as JSON.\n"));
            assertTrue(text, text.contains("Lampiran: lapor-12345678.json, fakta yang sama dalam JSON.\n"));
            assertTrue(text, text.contains("hxxps://bad[.]example/a?q={x|y}"));
            assertFalse(text, text.contains("https://"));
            assertFalse("no contact", text.contains("reporter@example.org"));
            assertFalse("no description", text.contains("what the reporter wrote"));

            BodyPart file = GreenMailRule.part(m, 1);
            assertEquals("lapor-12345678.json", file.getFileName());
            assertTrue(file.getContentType(), file.isMimeType("application/json"));
            String raw = new String(GreenMailRule.bytes(file), StandardCharsets.UTF_8);
            assertFalse(raw.contains("reporter@example.org"));
            assertFalse(raw.contains("what the reporter wrote"));
            JsonNode json = JSON.readTree(raw);
            assertEquals("report.received", json.at("/event/type").asText());
            assertEquals("report-12345678", json.at("/event/idempotencyKey").asText());
            assertEquals("12345678", json.get("reference").asText());
            assertTrue(json.get("urgent").asBoolean());
            assertTrue(json.get("urgentNote").asText().startsWith("The reporter says a child may be in danger now."));
            assertEquals("CSAM", json.get("category").asText());
            assertEquals("CSAM - bahan penderaan seksual kanak-kanak", json.at("/categoryDescription/ms").asText());
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
        MimeMessage[] got = smtp.received(3);
        assertEquals("[Lapor Predator 12345678] New report, 2 links / Laporan baharu, 2 pautan", got[0].getSubject());
        assertNull(got[0].getHeader("Importance"));
        assertNull(got[0].getHeader("X-Priority"));
        String text = GreenMailRule.text(got[0]);
        assertFalse(text, text.contains("URGENT"));
        assertFalse(text, text.contains("SEGERA"));
        assertFalse(JSON.readTree(GreenMailRule.bytes(GreenMailRule.part(got[0], 1))).has("urgentNote"));

        assertEquals("[Lapor Predator 12345678] Link classified CSAM (TELEGRAM CHANNEL) / Pautan dikelaskan CSAM",
                got[1].getSubject());
        JsonNode json = JSON.readTree(GreenMailRule.bytes(GreenMailRule.part(got[1], 1)));
        assertEquals("CSAM", json.get("classification").asText());
        assertEquals("child sexual abuse material (international baseline)",
                json.at("/classificationDescription/en").asText().replace("CSAM - ", ""));
        assertEquals(42, json.get("itemId").asLong());
        assertEquals("https://t.me/some_channel", json.at("/links/0/url").asText());
        assertEquals("23456789", json.at("/reportsNamingTheLink/1").asText());

        assertEquals("[Lapor Predator 12345678] Report status UNDER_REVIEW -> REFERRED / Status laporan UNDER_REVIEW -> REFERRED",
                got[2].getSubject());
        json = JSON.readTree(GreenMailRule.bytes(GreenMailRule.part(got[2], 1)));
        assertEquals("REFERRED", json.at("/status/to").asText());
    }

    @Test
    public void anItemNamedByNoReport() throws Exception {
        notifier("d11@police.example").deliver(Fixtures.classified("", "https://t.me/some_channel"));
        MimeMessage m = smtp.received(1)[0];
        assertTrue(m.getSubject(), m.getSubject().startsWith("[Lapor Predator item-42] "));
        assertEquals("lapor-item-42.json", GreenMailRule.part(m, 1).getFileName());
    }

    @Test
    public void problemsAndFailuresAreThePartnerMails() throws Exception {
        assertEquals("no recipient configured (to)", notifier("").problem());
        assertEquals("to: entry 1 is not an email address", notifier("police").problem());
        assertNull(notifier("d11@police.example").problem());
        assertTrue(GreenMailRule.fails(notifier(""), Fixtures.received(true)).retryable());
        assertFalse(GreenMailRule.fails(notifier("d11@police.example"),
                new OutboxEvent(1, "report.received", "k", "[]", Fixtures.AT)).retryable());
        PdrmNotifier n = notifier("");
        n.modified(new PdrmConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return PdrmConfig.class;
            }

            @Override
            public String to() {
                return "d11@police.example";
            }
        });
        assertNull("a configuration change sets the recipients", n.problem());
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
}
