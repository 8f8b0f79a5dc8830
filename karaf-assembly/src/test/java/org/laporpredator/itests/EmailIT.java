package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Test;

/**
 * The email channel in the built distribution, run by its own scripts, against GreenMail as the hotline's
 * IMAP server and the SMTP server the replies go through: mail becomes a report whose reference the reply
 * names and whose status answers; a JVM killed while messages are being made reports gives each message
 * one report; an autoresponder is not answered.
 */
public class EmailIT {

    private static final String HOTLINE = "hotline@laporpredator.test";
    private static final String REPORTER = "ibu.salmah@rumah.test";
    private static final String ADMIN = "ops";
    private static final String PASSWORD = "email-admin-pass";
    private static final Pattern REFERENCE = Pattern.compile("(?:Nombor rujukan|Reference number): (\\d{8})");

    private Distribution karaf;
    private GreenMail mail;
    private int smtpPort;

    @After
    public void stop() {
        if (karaf != null) {
            karaf.stopOrKill();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    private void boot(String name, int port) throws Exception {
        karaf = new Distribution(name, port);
        smtpPort = port + 11;
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", "smtp"),
            new ServerSetup(port + 12, "127.0.0.1", "imap")});
        mail.start();
        mail.setUser(HOTLINE, HOTLINE, "imap-secret");
        mail.setUser(REPORTER, REPORTER, "reporter-secret");
        karaf.setProperty("etc/org.laporpredator.status.cfg", "statsCacheSeconds", "0");
        karaf.setProperty("etc/org.laporpredator.mail.cfg", "host", "127.0.0.1");
        karaf.setProperty("etc/org.laporpredator.mail.cfg", "port", String.valueOf(smtpPort));
        karaf.setProperty("etc/org.laporpredator.mail.cfg", "security", "none");
        karaf.setProperty("etc/org.laporpredator.mail.cfg", "from", HOTLINE);
        String cfg = "etc/org.laporpredator.channel.email.cfg";
        karaf.setProperty(cfg, "host", "127.0.0.1");
        karaf.setProperty(cfg, "port", String.valueOf(port + 12));
        karaf.setProperty(cfg, "security", "none");
        karaf.setProperty(cfg, "username", HOTLINE);
        karaf.setProperty(cfg, "password", "imap-secret");
        karaf.setProperty(cfg, "pollSeconds", "1");
        karaf.setProperty(cfg, "maxBackoffSeconds", "1");
        karaf.setProperty(cfg, "repliesPerSenderPerHour", "1000");
        karaf.run(List.of("sh", "-c", "LAPOR_ADMIN_PASSWORD=" + PASSWORD + " bin/create-admin " + ADMIN), Duration.ofSeconds(30));
        karaf.start();
    }

    private void send(String messageId, String from, String subject, String text, String... headers) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(smtpPort));
        MimeMessage m = new MimeMessage(Session.getInstance(p)) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, HOTLINE);
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            m.setHeader(headers[i], headers[i + 1]);
        }
        Transport.send(m);
    }

    /** The automatic replies that reached the reporter, oldest first. */
    private List<MimeMessage> replies() {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                if ("auto-replied".equals(m.getHeader("Auto-Submitted", null))
                        && m.getAllRecipients()[0].toString().contains(REPORTER)) {
                    out.add(m);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private static String reference(MimeMessage reply) throws Exception {
        Matcher m = REFERENCE.matcher(reply.getContent().toString());
        assertTrue("a reference in the reply", m.find());
        return m.group(1);
    }

    private int count(String folder) {
        try {
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect("127.0.0.1", mail.getImap().getPort(), HOTLINE, "imap-secret");
            try {
                Folder f = store.getFolder(folder);
                if (!f.exists()) {
                    return 0;
                }
                f.open(Folder.READ_ONLY);
                int n = f.getMessageCount();
                f.close(false);
                return n;
            } finally {
                store.close();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String shell(String command) {
        try {
            return karaf.client(ADMIN, PASSWORD, command);
        } catch (Exception e) {
            return "";
        }
    }

    private long incomingReports() throws Exception {
        Http.Reply r = karaf.http.get("/api/stats");
        assertEquals(r.body(), 200, r.status());
        return r.json().get("incomingReports").asLong();
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue("timed out waiting for " + what, System.nanoTime() < end);
            Thread.sleep(100); // polling for the condition
        }
    }

    @Test
    public void mailBecomesAReportAndTheReplyNamesItsReference() throws Exception {
        boot("email-report", 8471);
        await("the channel reading", Duration.ofSeconds(60), () -> {
            String modules = shell("lapor:modules");
            return modules.contains("channel-email") && !modules.contains("cannot read");
        });
        send("<first@rumah.test>", REPORTER, "Kumpulan Telegram berkongsi bahan penderaan seksual kanak-kanak",
                "Salam tuan, saya jumpa kumpulan ini di telefon anak saya: https://t.me/+AbCdEf123456\n"
                + "Dan akaun ini juga: hxxps://www[.]instagram[.]com/jual.gambar.99\nTerima kasih.");
        await("the reply", Duration.ofSeconds(60), () -> replies().size() == 1);
        MimeMessage reply = replies().get(0);
        String ref = reference(reply);
        assertEquals("<first@rumah.test>", reply.getHeader("In-Reply-To", null));
        String text = reply.getContent().toString();
        assertTrue(text, text.contains("15999") && text.contains("/status?ref=" + ref));

        Http.Reply status = karaf.http.get("/api/reports/" + ref + "/status");
        assertEquals(status.body(), 200, status.status());
        assertEquals("RECEIVED", status.json().get("status").asText());
        await("the message moved", Duration.ofSeconds(30), () -> count("Lapor-Processed") == 1 && count("INBOX") == 0);

        // switched off, the channel reads nothing (its component and thread are gone); on, it resumes
        karaf.client(ADMIN, PASSWORD, "lapor:disable channel-email");
        await("the channel off", Duration.ofSeconds(30), () -> shell("lapor:modules")
                .matches("(?s).*channel-email[^\\n]*DISABLED.*"));
        send("<second@rumah.test>", REPORTER, "Grooming", "https://www.tiktok.com/@stranger.danger.1");
        await("the second mail in the folder", Duration.ofSeconds(30), () -> count("INBOX") == 1);
        assertEquals(1, replies().size());
        karaf.client(ADMIN, PASSWORD, "lapor:enable channel-email");
        await("the second mail read once the channel is on", Duration.ofSeconds(60),
                () -> replies().size() == 2 && count("INBOX") == 0 && count("Lapor-Processed") == 2);

        // never is the reporter's address in the log
        String log = new String(java.nio.file.Files.readAllBytes(karaf.home.resolve("data/log/karaf.log")),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue("the reporter's address is never logged", !log.contains(REPORTER) && !log.contains("ibu.salmah"));
    }

    @Test
    public void aJvmKilledWhileMakingReportsGivesEachMessageOneReport() throws Exception {
        boot("email-crash", 8481);
        long before = incomingReports();
        int n = 40;
        for (int i = 0; i < n; i++) {
            send("<crash-" + i + "@rumah.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/" + (1000 + i));
        }
        await("some messages made reports", Duration.ofSeconds(60), () -> count("Lapor-Processed") >= 3);
        karaf.processes().forEach(ProcessHandle::destroyForcibly); // SIGKILL, between some commit and its move
        await("the JVM gone", Duration.ofSeconds(30), () -> karaf.processes().isEmpty());
        karaf.start();
        await("every message processed after the restart", Duration.ofSeconds(120),
                () -> count("Lapor-Processed") == n && count("INBOX") == 0);
        assertEquals("one report per message", before + n, incomingReports());
        Set<String> refs = new HashSet<>();
        for (MimeMessage r : replies()) {
            refs.add(reference(r));
        }
        assertEquals("every message answered with its own reference", n, refs.size());
    }

    @Test
    public void anAutoresponderIsAnsweredOnce() throws Exception {
        boot("email-loop", 8491);
        send("<loop-start@rumah.test>", REPORTER, "Laporan", "https://www.facebook.com/groups/987654321");
        await("the reply", Duration.ofSeconds(60), () -> replies().size() == 1);
        MimeMessage ours = replies().get(0);
        // the reporter's mailbox answers automatically, as RFC 3834 says, three times
        for (int i = 0; i < 3; i++) {
            send("<ooo-" + i + "@rumah.test>", REPORTER, "Auto: " + ours.getSubject(),
                    "I am out of the office.\n> " + ours.getContent().toString().replace("\n", "\n> "),
                    "Auto-Submitted", "auto-replied", "In-Reply-To", ours.getMessageID());
        }
        await("the autoresponder's mails read", Duration.ofSeconds(60), () -> count("INBOX") == 0
                && count("Lapor-Processed") + count("Lapor-Review") == 4);
        assertEquals(1, replies().size());
    }
}
