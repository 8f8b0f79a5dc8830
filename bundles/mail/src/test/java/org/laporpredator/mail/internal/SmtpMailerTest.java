package org.laporpredator.mail.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.After;
import org.junit.Test;
import org.laporpredator.mail.Mail;
import org.laporpredator.mail.MailFailed;

public class SmtpMailerTest {

    private static final String FROM = "hotline@laporpredator.example";
    private GreenMail greenMail;
    private SmtpMailer mailer;

    @After
    public void stop() {
        if (mailer != null) {
            mailer.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private GreenMail start(ServerSetup setup) {
        greenMail = new GreenMail(setup.dynamicPort());
        greenMail.start();
        return greenMail;
    }

    private static Settings plain(int port) {
        return Settings.of("127.0.0.1", port, "none", "", "", FROM, 5);
    }

    @Test
    public void sendsTextAttachmentsAndHeadersToEveryRecipient() throws Exception {
        int port = start(ServerSetupTest.SMTP).getSmtp().getPort();
        mailer = new SmtpMailer(plain(port));
        assertNull(mailer.problem());
        byte[] json = "{\"reference\":\"12345678\",\"note\":\"Kanak-kanak – ünïcödé\"}".getBytes(StandardCharsets.UTF_8);
        Mail mail = Mail.of(List.of("a@partner.example", "b@partner.example"),
                        "[Lapor Predator 12345678] Laporan baharu – 2 pautan", "English\n\nBahasa Malaysia: laporan baharu\n")
                .withAttachment("lapor-12345678.json", "application/stix+json;version=2.1", json)
                .withHeader("X-Lapor-Event", "report.received")
                .withMessageId("report-12345678.pdrm");

        mailer.send(mail);

        assertTrue(greenMail.waitForIncomingEmail(5000, 2));
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertEquals(2, got.length);
        Set<String> to = new TreeSet<>();
        for (MimeMessage m : got) {
            assertEquals("[Lapor Predator 12345678] Laporan baharu – 2 pautan", m.getSubject());
            assertEquals(FROM, m.getFrom()[0].toString());
            assertEquals("auto-generated", m.getHeader("Auto-Submitted")[0]);
            assertEquals("All", m.getHeader("X-Auto-Response-Suppress")[0]);
            assertEquals("report.received", m.getHeader("X-Lapor-Event")[0]);
            assertEquals("<report-12345678.pdrm@laporpredator.example>", m.getMessageID());
            Arrays.stream(m.getRecipients(Message.RecipientType.TO)).forEach(a -> to.add(a.toString()));
            Multipart mixed = (Multipart) m.getContent();
            assertEquals(2, mixed.getCount());
            BodyPart text = mixed.getBodyPart(0);
            assertTrue(text.getContentType(), text.isMimeType("text/plain"));
            assertTrue(text.getContentType().toLowerCase().contains("charset=utf-8"));
            assertEquals("English\n\nBahasa Malaysia: laporan baharu\n", text.getContent().toString().replace("\r\n", "\n"));
            BodyPart file = mixed.getBodyPart(1);
            assertEquals(Part.ATTACHMENT, file.getDisposition());
            assertEquals("lapor-12345678.json", file.getFileName());
            assertTrue(file.getContentType(), file.getContentType().startsWith("application/stix+json"));
            assertArrayEquals(json, bytes(file.getInputStream()));
        }
        assertEquals(Set.of("a@partner.example", "b@partner.example"), to);
    }

    @Test
    public void aMailWithoutAttachmentIsPlainText() throws Exception {
        int port = start(ServerSetupTest.SMTP).getSmtp().getPort();
        mailer = new SmtpMailer(plain(port));
        mailer.send(Mail.of(List.of("a@partner.example"), "Subject", "Body"));
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertTrue(m.isMimeType("text/plain"));
        assertEquals("Body", m.getContent().toString().strip());
        assertTrue(m.getMessageID().endsWith("@laporpredator.example>") || m.getMessageID().startsWith("<"));
    }

    @Test
    public void smtpsSendsOverTlsCheckingTheServerName() throws Exception {
        int port = start(ServerSetupTest.SMTPS).getSmtps().getPort();
        mailer = new SmtpMailer(Settings.of("127.0.0.1", port, "smtps", "", "", FROM, 5));
        assertNull(mailer.problem());
        mailer.send(Mail.of(List.of("a@partner.example"), "over TLS", "Body"));
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        assertEquals("over TLS", greenMail.getReceivedMessages()[0].getSubject());
    }

    @Test
    public void starttlsIsRequiredNotOptional() throws Exception {
        int port = start(ServerSetupTest.SMTP).getSmtp().getPort(); // GreenMail offers no STARTTLS
        mailer = new SmtpMailer(Settings.of("localhost", port, "starttls", "", "", FROM, 5));
        assertNull(mailer.problem());
        MailFailed f = sendFails(Mail.of(List.of("a@partner.example"), "s", "t"));
        assertTrue(f.retryable());
        assertEquals("the SMTP server offers no STARTTLS (security = starttls)", mailer.problem());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    public void loginWithTheConfiguredAccountAndARefusedLoginIsAProblem() throws Exception {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay@laporpredator.example", "lapor", "s3cret"));
        greenMail.start();
        int port = greenMail.getSmtp().getPort();
        mailer = new SmtpMailer(Settings.of("127.0.0.1", port, "none", "lapor", "s3cret", FROM, 5));
        mailer.send(Mail.of(List.of("a@partner.example"), "with login", "Body"));
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));

        mailer.update(Settings.of("127.0.0.1", port, "none", "lapor", "wrong", FROM, 5));
        MailFailed f = sendFails(Mail.of(List.of("a@partner.example"), "s", "t"));
        assertTrue("a refused login is the mailer's problem, not the mail's", f.retryable());
        assertTrue(mailer.problem(), mailer.problem().startsWith("SMTP login refused"));
        assertFalse(mailer.check());

        mailer.update(Settings.of("127.0.0.1", port, "none", "lapor", "s3cret", FROM, 5));
        assertTrue(mailer.check());
        assertNull(mailer.problem());
    }

    @Test
    public void aStoppedServerIsRetryableAndAProblemUntilACheckWorks() throws Exception {
        int port = start(ServerSetupTest.SMTP).getSmtp().getPort();
        greenMail.stop();
        mailer = new SmtpMailer(plain(port), Duration.ofMillis(200));
        MailFailed f = sendFails(Mail.of(List.of("a@partner.example"), "s", "t"));
        assertTrue(f.retryable());
        assertEquals(-1, f.replyCode());
        assertEquals("SMTP server not reachable (ConnectException)", f.getMessage());
        assertEquals("SMTP server not reachable (ConnectException)", mailer.problem());

        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        greenMail.start();
        long until = System.currentTimeMillis() + 10_000;
        while (mailer.problem() != null && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertNull("the background check clears the problem", mailer.problem());
        mailer.send(Mail.of(List.of("a@partner.example"), "s", "t"));
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
    }

    @Test
    public void fiveHundredRepliesAreFinalFourHundredRetryable() throws Exception {
        try (FakeSmtp smtp = new FakeSmtp()) {
            mailer = new SmtpMailer(plain(smtp.port()));
            smtp.rcpt = a -> "550 5.1.1 <" + a + ">: Recipient address rejected";
            MailFailed f = sendFails(Mail.of(List.of("gone@partner.example"), "s", "t"));
            assertFalse(f.retryable());
            assertEquals(550, f.replyCode());
            assertFalse("no address in the reason", f.getMessage().contains("@"));
            assertNull("a refused mail is not the mailer's problem", mailer.problem());

            smtp.rcpt = a -> "451 4.3.0 try later";
            f = sendFails(Mail.of(List.of("busy@partner.example"), "s", "t"));
            assertTrue(f.retryable());
            assertEquals(451, f.replyCode());

            smtp.rcpt = a -> "250 ok";
            smtp.data = "554 5.7.1 rejected as spam";
            f = sendFails(Mail.of(List.of("a@partner.example"), "s", "t"));
            assertFalse(f.retryable());
            assertEquals(554, f.replyCode());

            smtp.data = "452 4.3.1 insufficient storage";
            assertTrue(sendFails(Mail.of(List.of("a@partner.example"), "s", "t")).retryable());
        }
    }

    @Test
    public void mailsOneAfterAnotherShareAConnectionAndAHungUpOneIsReplaced() throws Exception {
        try (FakeSmtp smtp = new FakeSmtp()) {
            mailer = new SmtpMailer(plain(smtp.port()));
            for (int i = 0; i < 3; i++) {
                mailer.send(Mail.of(List.of("desk@partner.example"), "s" + i, "t"));
            }
            assertEquals(3, smtp.messages);
            assertEquals("one connection, one EHLO", 1, smtp.connections);
            assertEquals(1, smtp.commands.stream().filter("EHLO"::equals).count());
            assertEquals("checked with NOOP before each reuse", 2, smtp.commands.stream().filter("NOOP"::equals).count());
            assertEquals(1, mailer.keptConnections());

            smtp.hangUpAfterData = true;
            mailer.send(Mail.of(List.of("desk@partner.example"), "s3", "t")); // the kept one, then hung up
            mailer.send(Mail.of(List.of("desk@partner.example"), "s4", "t")); // a new one
            assertEquals(5, smtp.messages);
            assertEquals(2, smtp.connections);
            assertNull(mailer.problem());

            mailer.update(plain(smtp.port()));
            assertEquals("new settings close what was kept", 0, mailer.keptConnections());
        }
    }

    @Test
    public void aFailedMailClosesItsConnection() throws Exception {
        try (FakeSmtp smtp = new FakeSmtp()) {
            mailer = new SmtpMailer(plain(smtp.port()));
            smtp.data = "554 5.7.1 rejected";
            sendFails(Mail.of(List.of("a@partner.example"), "s", "t"));
            assertEquals(0, mailer.keptConnections());
            smtp.data = "250 queued";
            mailer.send(Mail.of(List.of("a@partner.example"), "s", "t"));
            assertEquals(2, smtp.connections);
            assertEquals(1, mailer.keptConnections());
        }
    }

    @Test
    public void oneRefusedRecipientOfTwoStillSends() throws Exception {
        try (FakeSmtp smtp = new FakeSmtp()) {
            mailer = new SmtpMailer(plain(smtp.port()));
            smtp.rcpt = a -> a.startsWith("gone") ? "550 5.1.1 no such user" : "250 ok";
            mailer.send(Mail.of(List.of("gone@partner.example", "desk@partner.example"), "s", "t"));
            assertEquals(1, smtp.messages);
        }
    }

    @Test
    public void aRefusedSenderIsTheMailersProblem() throws Exception {
        try (FakeSmtp smtp = new FakeSmtp()) {
            mailer = new SmtpMailer(plain(smtp.port()));
            smtp.mail = "553 5.7.1 sender not allowed";
            MailFailed f = sendFails(Mail.of(List.of("a@partner.example"), "s", "t"));
            assertTrue(f.retryable());
            assertEquals("SMTP server refused the sender (from) (553)", mailer.problem());
        }
    }

    @Test
    public void securityNoneOnlyForThisMachine() throws Exception {
        mailer = new SmtpMailer(Settings.of("smtp.partner.example", 25, "none", "", "", FROM, 5));
        assertEquals("security = none is only allowed for a server on this machine (use starttls or smtps)", mailer.problem());
        MailFailed f = sendFails(Mail.of(List.of("a@partner.example"), "s", "t"));
        assertTrue(f.retryable());
        assertEquals(mailer.problem(), f.getMessage());
        for (String host : List.of("localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "mail.localhost")) {
            assertTrue(host, Settings.isLoopback(host));
        }
        for (String host : List.of("10.0.0.1", "192.168.1.1", "smtp.example.org", "localhost.example.org", "0.0.0.0")) {
            assertFalse(host, Settings.isLoopback(host));
        }
    }

    @Test
    public void problemTexts() {
        assertEquals("no SMTP server configured (etc/org.laporpredator.mail.cfg)",
                Settings.of("", 0, "starttls", "", "", FROM, 30).problem());
        assertEquals("unknown security (none, starttls or smtps) in etc/org.laporpredator.mail.cfg",
                Settings.of("smtp.example.org", 0, "ssl", "", "", FROM, 30).problem());
        assertEquals("no sender address configured (from)",
                Settings.of("smtp.example.org", 0, "starttls", "", "", "", 30).problem());
        assertEquals("the sender address (from) is not an email address",
                Settings.of("smtp.example.org", 0, "starttls", "", "", "Lapor <x@y>", 30).problem());
        assertEquals("no SMTP password for the username (set LAPOR_SMTP_PASSWORD)",
                Settings.of("smtp.example.org", 0, "starttls", "lapor", "", FROM, 30).problem());
        assertNull(Settings.of("smtp.example.org", 0, "STARTTLS", "lapor", "pw", FROM, 30).problem());
        assertEquals(587, Settings.of("smtp.example.org", 0, "starttls", "", "", FROM, 30).port());
        assertEquals(465, Settings.of("smtp.example.org", 0, "smtps", "", "", FROM, 30).port());
        assertEquals(25, Settings.of("localhost", 0, "none", "", "", FROM, 30).port());
        assertEquals(2525, Settings.of("localhost", 2525, "none", "", "", FROM, 30).port());
        assertFalse("no password in logs", Settings.of("h", 0, "smtps", "u", "s3cret", FROM, 30).toString().contains("s3cret"));
    }

    @Test
    public void theTlsSettingsCheckTheServer() {
        var starttls = SmtpMailer.properties(Settings.of("smtp.example.org", 0, "starttls", "", "", FROM, 7));
        assertEquals("true", starttls.getProperty("mail.smtp.starttls.required"));
        assertEquals("true", starttls.getProperty("mail.smtp.ssl.checkserveridentity"));
        assertEquals("7000", starttls.getProperty("mail.smtp.timeout"));
        assertEquals("7000", starttls.getProperty("mail.smtp.connectiontimeout"));
        assertNull("no trust-all", starttls.getProperty("mail.smtp.ssl.trust"));
        var smtps = SmtpMailer.properties(Settings.of("smtp.example.org", 0, "smtps", "", "", FROM, 7));
        assertEquals("true", smtps.getProperty("mail.smtp.ssl.enable"));
        assertEquals("465", smtps.getProperty("mail.smtp.port"));
    }

    @Test
    public void mailChecksWhatItCarries() {
        assertEquals(List.of("a@x.example", "b@y.example"), Mail.addresses(" a@x.example, b@y.example;a@x.example "));
        assertEquals(List.of(), Mail.addresses(" , "));
        try {
            Mail.addresses("a@x.example, not-an-address");
            fail();
        } catch (IllegalArgumentException e) {
            assertEquals("entry 2 is not an email address", e.getMessage());
        }
        rejects(() -> Mail.of(List.of(), "s", "t"));
        rejects(() -> Mail.of(List.of("Name <a@x.example>"), "s", "t"));
        rejects(() -> Mail.of(List.of("a@x.example"), "s", "t").withHeader("Bcc", "b@x.example"));
        rejects(() -> Mail.of(List.of("a@x.example"), "s", "t").withHeader("Content-Type", "text/html"));
        rejects(() -> Mail.of(List.of("a@x.example"), "s", "t").withHeader("X-A", "one\r\nBcc: b@x.example"));
        rejects(() -> Mail.of(List.of("a@x.example"), "s", "t").withMessageId("a b"));
        rejects(() -> Mail.of(List.of("a@x.example"), "s", "t").withAttachment("a.json", "json", new byte[0]));
        assertEquals("a b", Mail.of(List.of("a@x.example"), "a\r\nb", "t").subject());
        assertEquals("_etc_passwd", Mail.of(List.of("a@x.example"), "s", "t")
                .withAttachment("/etc/passwd", "text/plain", new byte[0]).attachments().get(0).name());
    }

    private static void rejects(Runnable r) {
        try {
            r.run();
            fail("accepted");
        } catch (IllegalArgumentException expected) {
            // as it should
        }
    }

    private MailFailed sendFails(Mail mail) {
        try {
            mailer.send(mail);
        } catch (MailFailed f) {
            return f;
        }
        throw new AssertionError("sent");
    }

    private static byte[] bytes(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
