package org.laporpredator.notifier.cybersecuritymy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Rule;
import org.junit.Test;
import org.laporpredator.mail.partner.Fixtures;
import org.laporpredator.mail.partner.GreenMailRule;
import org.laporpredator.spi.OutboxEvent;

/**
 * The notifier against a real SMTP server (GreenMail) through the real mailer: what is its own (subjects, the
 * STIX file, its Message-IDs, its configuration). The letter's layout, the reading of events, problems and
 * failures are lapor-mail's (org.laporpredator.mail.partner), tested there.
 */
public class CyberSecurityNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public final GreenMailRule smtp = new GreenMailRule();

    private CyberSecurityNotifier notifier(String to) {
        return new CyberSecurityNotifier(smtp.mailer(), to);
    }

    @Test
    public void aClassifiedLinkGoesToEveryRecipientInBothLanguagesWithStix() throws Exception {
        OutboxEvent event = Fixtures.classified("\"12345678\", \"23456789\"", "https://t.me/some_channel");
        assertNull(notifier("desk@cert.example, duty@cert.example").deliver(event));

        MimeMessage[] got = smtp.received(2);
        assertEquals(2, got.length);
        Set<String> to = new TreeSet<>();
        for (MimeMessage m : got) {
            Arrays.stream(m.getRecipients(Message.RecipientType.TO)).forEach(a -> to.add(a.toString()));
            assertEquals("[Lapor Predator 12345678] Link classified CSAM (TELEGRAM CHANNEL) / Pautan dikelaskan CSAM",
                    m.getSubject());
            assertEquals("auto-generated", m.getHeader("Auto-Submitted")[0]);
            assertEquals("item.classified", m.getHeader("X-Lapor-Event")[0]);
            assertEquals("item-42-77", m.getHeader("X-Lapor-Idempotency-Key")[0]);
            assertEquals("<lapor.cybersecurity-my.item-42-77@laporpredator.example>", m.getMessageID());
            String text = GreenMailRule.text(m);
            assertTrue(text, text.contains("== English =="));
            assertTrue(text, text.contains("== Bahasa Malaysia =="));
            assertTrue(text, text.contains("What: a hotline analyst classified a reported link as CSAM."));
            assertTrue(text, text.contains("hxxps://t[.]me/some_channel"));
            assertFalse("links defanged in the text", text.contains("https://t.me"));
            assertTrue(text, text.contains("TLP:RED"));
            assertTrue(text, text.contains("Attached: lapor-12345678.json, a STIX 2.1 bundle (TLP:RED): each link as a url"
                    + " object and an indicator.\n"));
            assertTrue(text, text.contains("Lampiran: lapor-12345678.json, himpunan STIX 2.1 (TLP:RED): setiap pautan sebagai"
                    + " objek url dan penunjuk (indicator).\n"));

            BodyPart file = GreenMailRule.part(m, 1);
            assertEquals("lapor-12345678.json", file.getFileName());
            assertTrue(file.getContentType(), file.getContentType().replace(" ", "").startsWith("application/stix+json;version=2.1"));
            JsonNode bundle = JSON.readTree(GreenMailRule.bytes(file));
            assertEquals(List.of(), StixSchema.errors(bundle));
            assertEquals("bundle", bundle.get("type").asText());
            assertTrue(bundle.toString(), bundle.toString().contains("[url:value = 'https://t.me/some_channel']"));
        }
        assertEquals(Set.of("desk@cert.example", "duty@cert.example"), to);
    }

    @Test
    public void anItemNamedByNoReportIsLabelledByItsId() throws Exception {
        notifier("desk@cert.example").deliver(Fixtures.classified("", "https://t.me/some_channel"));
        MimeMessage m = smtp.received(1)[0];
        assertTrue(m.getSubject(), m.getSubject().startsWith("[Lapor Predator item-42] Link classified CSAM"));
        assertEquals("lapor-item-42.json", GreenMailRule.part(m, 1).getFileName());
        assertTrue(GreenMailRule.text(m).contains("Reference / Rujukan: -"));
    }

    @Test
    public void removalsAndUndoneRemovals() throws Exception {
        CyberSecurityNotifier n = notifier("desk@cert.example");
        n.deliver(Fixtures.removed(true));
        n.deliver(Fixtures.removed(false));
        MimeMessage[] got = smtp.received(2);
        assertEquals("[Lapor Predator 12345678] Link removed (WEBSITE WEB_PAGE) / Pautan telah diturunkan", got[0].getSubject());
        assertTrue(GreenMailRule.text(got[0]).contains("Removed: 2026-03-02 00:59:00 UTC"));
        JsonNode bundle = JSON.readTree(GreenMailRule.bytes(GreenMailRule.part(got[0], 1)));
        assertTrue(bundle.toString(), bundle.toString().contains("\"removed\""));
        assertEquals("[Lapor Predator 12345678] Removal undone (WEBSITE WEB_PAGE) / Rekod penurunan dibatalkan",
                got[1].getSubject());
    }

    @Test
    public void aReportAndAStatusChangeIfRoutedHere() throws Exception {
        CyberSecurityNotifier n = notifier("desk@cert.example");
        n.deliver(Fixtures.received(true));
        n.deliver(Fixtures.statusChanged());
        MimeMessage[] got = smtp.received(2);
        assertEquals("no urgent mark in this partner's subject",
                "[Lapor Predator 12345678] New report, 2 links / Laporan baharu, 2 pautan", got[0].getSubject());
        assertNull(got[0].getHeader("Importance"));
        String text = GreenMailRule.text(got[0]);
        assertTrue(text, text.contains("URGENT: the reporter says a child may be in danger now."));
        assertFalse("no banner", text.contains("***"));
        assertFalse("no contact", text.contains("reporter@example.org"));
        assertFalse("no description", text.contains("what the reporter wrote"));
        String stix = new String(GreenMailRule.bytes(GreenMailRule.part(got[0], 1)), StandardCharsets.UTF_8);
        assertEquals(List.of(), StixSchema.errors(JSON.readTree(stix)));
        assertFalse("no contact", stix.contains("reporter@example.org"));
        assertFalse("no description", stix.contains("what the reporter wrote"));

        assertEquals("[Lapor Predator 12345678] Report status UNDER_REVIEW -> REFERRED / Status laporan UNDER_REVIEW -> REFERRED",
                got[1].getSubject());
        assertTrue("no links, no STIX: plain text", got[1].isMimeType("text/plain"));
        assertFalse(got[1].getContent().toString().contains("Attached:"));
    }

    @Test
    public void problemsAndFailuresAreThePartnerMails() throws Exception {
        assertEquals("no recipient configured (to)", notifier("").problem());
        assertEquals("to: entry 2 is not an email address", notifier("desk@cert.example, desk").problem());
        assertNull(notifier("desk@cert.example").problem());
        assertTrue(GreenMailRule.fails(notifier(""), Fixtures.removed(true)).retryable());
        assertFalse(GreenMailRule.fails(notifier("desk@cert.example"),
                new OutboxEvent(1, "item.classified", "k", "not json", Fixtures.AT)).retryable());
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
        CyberSecurityNotifier n = new CyberSecurityNotifier(smtp.mailer(), cm);
        assertNull(n.problem());
        assertTrue(filter[0], filter[0].contains("(service.factoryPid=org.laporpredator.notifier.cybersecurity)"));
        n.deliver(Fixtures.removed(true));
        assertEquals("desk@cert.example", smtp.received(1)[0].getAllRecipients()[0].toString());
        props.put("to", "");
        n.reload();
        assertEquals("no recipient configured (to)", n.problem());
    }
}
