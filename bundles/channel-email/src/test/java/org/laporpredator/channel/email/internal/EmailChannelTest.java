package org.laporpredator.channel.email.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.laporpredator.api.ChannelState;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReportIntake;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.Submission;
import org.laporpredator.api.SubmissionRejected;
import org.laporpredator.api.TooManySubmissions;
import org.laporpredator.mail.internal.Settings;
import org.laporpredator.mail.internal.SmtpMailer;

/** The channel against GreenMail's IMAP and SMTP servers, with an intake that keeps reports in memory. */
public class EmailChannelTest {

    static final String HOTLINE = "hotline@lapor.test";
    static final String REPORTER = "cikgu.aminah@sekolah.test";

    private GreenMail mail;
    private SmtpMailer mailer;
    private final Intake intake = new Intake();
    private final MemoryState state = new MemoryState();
    private final Map<String, Object> cfg = new HashMap<>();
    private final List<EmailChannel> running = new ArrayList<>();

    @Before
    public void start() {
        mail = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
        mail.start();
        mail.setUser(HOTLINE, HOTLINE, "secret");
        mail.setUser(REPORTER, REPORTER, "secret");
        mailer = new SmtpMailer(Settings.of("127.0.0.1", mail.getSmtp().getPort(), "none", "", "", HOTLINE, 5));
        cfg.put("host", "127.0.0.1");
        cfg.put("port", mail.getImap().getPort());
        cfg.put("security", "none");
        cfg.put("username", HOTLINE);
        cfg.put("password", "secret");
        cfg.put("pollSeconds", 1);
        cfg.put("maxBackoffSeconds", 1);
        cfg.put("siteUrl", "https://lapor.test");
    }

    @After
    public void stop() throws Exception {
        for (EmailChannel c : running) {
            c.deactivate();
        }
        mailer.close();
        mail.stop();
    }

    // ---- the message's way

    @Test
    public void aMessageBecomesOneReportIsAnsweredAndMoved() throws Exception {
        send(message("<m1@sekolah.test>", REPORTER, "Kumpulan Telegram berkongsi gambar kanak-kanak",
                "Salam, murid saya tunjukkan kumpulan ini: https://t.me/+AbCdEf123456 sila ambil tindakan."));
        pass(channel());

        assertEquals(1, intake.reports.size());
        Submission s = intake.submissions.get(0);
        assertEquals("channel-email", s.channel());
        assertEquals(REPORTER, s.contact());
        assertFalse(s.anonymous());
        assertEquals("ms", s.language());
        assertTrue(s.description(), s.description().contains("https://t.me/+AbCdEf123456"));
        assertNotNull(s.idempotencyKey());
        assertNotNull("limited per sender, by a hash", s.client());
        assertFalse(s.client().contains("sekolah"));

        MimeMessage reply = onlyReply();
        assertEquals("auto-replied", reply.getHeader("Auto-Submitted", null));
        assertEquals("<m1@sekolah.test>", reply.getHeader("In-Reply-To", null));
        String text = reply.getContent().toString();
        String ref = intake.reports.values().iterator().next();
        assertTrue(text, text.contains("Nombor rujukan: " + ref));
        assertTrue(text, text.contains("https://lapor.test/status?ref=" + ref));
        assertTrue(text, text.contains("15999") && text.contains("999"));
        assertTrue(reply.getSubject().contains(ref));

        assertEquals(0, count("INBOX"));
        assertEquals(1, count("Lapor-Processed"));
        assertEquals(0, count("Lapor-Review"));
    }

    @Test
    public void anEnglishMessageIsAnsweredInEnglish() throws Exception {
        send(message("<en1@x.test>", REPORTER, "Grooming on Instagram",
                "Hello, a man keeps messaging my son with this account https://www.instagram.com/bad.actor.99 and"
                        + " asking him for photos. Please help us, thank you."));
        pass(channel());
        assertEquals("en", intake.submissions.get(0).language());
        String text = onlyReply().getContent().toString();
        assertTrue(text, text.contains("Reference number: "));
        assertTrue(text, text.contains("&lang=en"));
    }

    @Test
    public void aChineseMessageIsAnsweredInChinese() throws Exception {
        send(message("<zh1@x.test>", REPORTER, "Telegram群组分享儿童色情图片",
                "您好，我在这个群组看到有人分享儿童的不雅照片：https://t.me/+ZhGroup12345 请帮忙处理，谢谢。"));
        pass(channel());
        assertEquals("zh", intake.submissions.get(0).language());
        MimeMessage reply = onlyReply();
        String text = reply.getContent().toString();
        String ref = intake.reports.values().iterator().next();
        assertTrue(text, text.contains("参考编号：" + ref));
        assertTrue(text, text.contains("https://lapor.test/status?ref=" + ref + "&lang=zh"));
        assertTrue(text, text.contains("999") && text.contains("Talian Kasih 15999") && text.contains("019-261 5999"));
        assertTrue(reply.getSubject(), reply.getSubject().startsWith("已收到举报：" + ref));
    }

    @Test
    public void aTamilMessageIsAnsweredInTamil() throws Exception {
        send(message("<ta1@x.test>", REPORTER, "Facebook குழுவில் குழந்தைகளின் படங்கள்",
                "வணக்கம், இந்தக் குழுவில் குழந்தைகளின் ஆபாசப் படங்களைப் பகிர்கிறார்கள்: "
                        + "https://www.facebook.com/groups/987654321 தயவுசெய்து நடவடிக்கை எடுங்கள்."));
        pass(channel());
        assertEquals("ta", intake.submissions.get(0).language());
        MimeMessage reply = onlyReply();
        String text = reply.getContent().toString();
        String ref = intake.reports.values().iterator().next();
        assertTrue(text, text.contains("குறிப்பு எண்: " + ref));
        assertTrue(text, text.contains("&lang=ta"));
        assertTrue(text, text.contains("999") && text.contains("Talian Kasih 15999") && text.contains("019-261 5999"));
        assertTrue(reply.getSubject(), reply.getSubject().startsWith("புகார் பெறப்பட்டது: " + ref));
    }

    @Test
    public void anAnonymousSenderIsAnsweredButNotKept() throws Exception {
        send(message("<anon@x.test>", REPORTER, "Laporan tanpa nama",
                "https://www.facebook.com/groups/123456789"));
        pass(channel());
        Submission s = intake.submissions.get(0);
        assertTrue(s.anonymous());
        assertNull(s.contact());
        assertNotNull(onlyReply());
    }

    @Test
    public void aMessageWithoutLinksIsAskedForLinksAndLeftForReview() throws Exception {
        send(message("<nolink@x.test>", REPORTER, "Tolong", "Ada orang ganggu anak saya di WhatsApp. Apa patut saya buat?"));
        pass(channel());
        assertEquals(0, intake.reports.size());
        String text = onlyReply().getContent().toString();
        assertTrue(text, text.contains("tidak menemui pautan"));
        assertEquals(0, count("INBOX"));
        assertEquals(1, count("Lapor-Review"));
    }

    @Test
    public void anAttachmentIsCountedNeverKeptAndTheReplyAsksForLinks() throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream((
                "Message-ID: <img@x.test>\r\nFrom: " + REPORTER + "\r\nTo: " + HOTLINE + "\r\nSubject: bukti\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhttps://t.me/jualgambar\r\n"
                + "--b\r\nContent-Type: image/png; name=a.png\r\nContent-Disposition: attachment; filename=a.png\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk\r\n"
                + "--b--\r\n").getBytes(StandardCharsets.US_ASCII)));
        send(m);
        pass(channel());
        String d = intake.submissions.get(0).description();
        assertTrue(d, d.contains("image/png"));
        assertFalse(d, d.contains("iVBORw0KGgo"));
        assertTrue(onlyReply().getContent().toString().contains("tidak dibuka dan tidak disimpan"));
    }

    // ---- exactly once

    @Test
    public void aCrashBetweenCommitAndMoveGivesOneReportAndOneReply() throws Exception {
        send(message("<crash@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/55"));
        state.failOn = "msg:"; // the report is committed, then the node dies before it notes or moves anything
        try {
            pass(channel());
        } catch (RuntimeException e) {
            // the crash
        }
        assertEquals(1, intake.reports.size());
        assertEquals(1, count("INBOX"));
        state.failOn = null;

        pass(channel()); // after the restart
        assertEquals(1, intake.reports.size());
        assertEquals(2, intake.submissions.size());
        assertEquals(1, replies().length);
        assertEquals(1, count("Lapor-Processed"));
    }

    @Test
    public void aMailboxReadAgainFromScratchMakesNoSecondReport() throws Exception {
        MimeMessage m = message("<again@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/56");
        send(m);
        pass(channel());
        // the processed message lands in the folder again (an admin moved it back) and the cursor is gone
        append("INBOX", m);
        state.values.keySet().removeIf(k -> k.contains("uid:"));
        pass(channel());
        assertEquals(1, intake.reports.size());
        assertEquals(1, intake.submissions.size());
        assertEquals(1, replies().length);
        assertEquals(2, count("Lapor-Processed"));
    }

    @Test
    public void aChangedUidValidityReadsTheFolderAgainWithoutDuplicates() throws Exception {
        send(message("<v1@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/57"));
        EmailChannel c = channel();
        pass(c);
        String stored = state.values.entrySet().stream().filter(e -> e.getKey().contains("uid:INBOX"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        state.values.replaceAll((k, v) -> k.contains("uid:INBOX") ? "1:999999" : v);
        send(message("<v2@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/58"));
        pass(c);
        assertEquals("the cursor of another UIDVALIDITY is not used", 2, intake.reports.size());
        assertTrue(stored.matches("\\d+:\\d+"));
        assertEquals(0, EmailChannel.cursor(Optional.of("1:999999"), 2));
        assertEquals(40, EmailChannel.cursor(Optional.of("2:40"), 2));
    }

    @Test
    public void theSameMessageArrivingTwiceIsOneReport() throws Exception {
        MimeMessage m = message("<twice@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/59");
        send(m);
        send(m);
        pass(channel());
        assertEquals(1, intake.reports.size());
        assertEquals(1, replies().length);
        assertEquals(2, count("Lapor-Processed"));
    }

    // ---- no mail loops (RFC 3834)

    @Test
    public void autoRepliesBouncesListsAndNoreplySendersGetNoAnswer() throws Exception {
        MimeMessage auto = message("<ooo@x.test>", REPORTER, "Out of office", "I am away. https://example.org/cal");
        auto.setHeader("Auto-Submitted", "auto-replied");
        MimeMessage list = message("<list@x.test>", "list@lists.test", "[digest] links", "https://t.me/somegroup1");
        list.setHeader("List-Id", "<news.lists.test>");
        MimeMessage noreply = message("<nr@x.test>", "no-reply@platform.test", "Notice", "https://t.me/somegroup2");
        send(auto);
        send(list);
        send(noreply);
        pass(channel());
        assertEquals(3, intake.reports.size());
        assertEquals(0, replies().length);
    }

    @Test
    public void aBotAnsweringOurRepliesIsAnsweredOnce() throws Exception {
        send(message("<loop1@bot.test>", REPORTER, "links", "https://t.me/loopgroup"));
        EmailChannel c = channel();
        pass(c);
        MimeMessage ours = onlyReply();
        for (int i = 0; i < 5; i++) {
            // a bot that writes back to whatever it gets, without Auto-Submitted, quoting our reply
            MimeMessage echo = message("<echo" + i + "@bot.test>", REPORTER, "Re: " + ours.getSubject(),
                    "Thanks for your message!\n> " + ours.getContent().toString().replace("\n", "\n> "));
            echo.setHeader("In-Reply-To", ours.getMessageID());
            send(echo);
            pass(c);
        }
        assertEquals(1, replies().length);
        assertEquals("our own status link is not reported", 1, intake.reports.size());
    }

    @Test
    public void aSenderGetsAFewRepliesAnHourAtMost() throws Exception {
        cfg.put("repliesPerSenderPerHour", 3);
        for (int i = 0; i < 5; i++) {
            send(message("<many" + i + "@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/" + (100 + i)));
        }
        pass(channel());
        assertEquals(5, intake.reports.size());
        assertEquals(3, replies().length);
    }

    // ---- nothing lost

    @Test
    public void aSenderOverTheSubmissionLimitWaitsInTheMailbox() throws Exception {
        send(message("<limited@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/60"));
        intake.limited = true;
        EmailChannel c = channel();
        assertTrue("left for later", c.pass(open()));
        assertEquals(0, intake.reports.size());
        assertEquals(1, count("INBOX"));
        intake.limited = false;
        pass(c);
        assertEquals(1, intake.reports.size());
        assertEquals(0, count("INBOX"));
    }

    @Test
    public void withoutSmtpTheReportIsMadeAndTheMessageWaitsForItsReply() throws Exception {
        send(message("<nosmtp@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/61"));
        SmtpMailer none = new SmtpMailer(Settings.of("", 0, "none", "", "", HOTLINE, 5));
        EmailChannel c = new EmailChannel(intake, state, none, config(), Clock.systemUTC(), false);
        c.pass(open());
        assertEquals(1, intake.reports.size());
        assertEquals(1, count("INBOX"));
        assertTrue(c.problem(), c.problem().startsWith("replies wait"));
        pass(channel());
        assertEquals(1, intake.reports.size());
        assertEquals(1, replies().length);
        assertEquals(0, count("INBOX"));
        none.close();
    }

    @Test
    public void manyMessagesOfOnePassAreReportedByTheWorkersAndMovedOnceEach() throws Exception {
        cfg.put("workers", 4);
        cfg.put("repliesPerSenderPerHour", 1000);
        int n = EmailChannel.BATCH + 20;
        for (int i = 0; i < n; i++) {
            send(message("<many" + i + "@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/" + (1000 + i)));
        }
        EmailChannel c = channel();
        try (Mailbox box = open()) {
            assertTrue("a full batch leaves more", c.pass(box));
            assertEquals(EmailChannel.BATCH, intake.reports.size());
            assertEquals(20, count("INBOX"));
            assertFalse(c.pass(box));
        }
        assertEquals(n, intake.reports.size());
        assertEquals(n, intake.submissions.size());
        await(() -> replies().length == n);
        assertEquals(n, replies().length);
        assertEquals(0, count("INBOX"));
        assertEquals(n, count("Lapor-Processed"));
        assertEquals(0, count("Lapor-Review"));
        assertTrue("the cursor is past them all", state.values.entrySet().stream()
                .anyMatch(e -> e.getKey().endsWith("uid:INBOX") && e.getValue().endsWith(":" + n)));
        c.deactivate();
    }

    @Test
    public void newMailIsReadAsItArrivesWithIdleNotAtTheNextPoll() throws Exception {
        cfg.put("pollSeconds", 600);
        try (Mailbox box = open()) {
            assertTrue("GreenMail offers IDLE", box.idles());
        }
        EmailChannel c = running(new EmailChannel(intake, state, mailer, config(), Clock.systemUTC(), true));
        send(message("<idle1@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/71"));
        await(() -> count("Lapor-Processed") == 1); // within 20 s, not 600
        send(message("<idle2@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/72"));
        await(() -> count("Lapor-Processed") == 2);
        assertEquals(2, intake.reports.size());
        long before = System.nanoTime();
        c.deactivate();
        assertTrue("switching off ends the IDLE", System.nanoTime() - before < 10_000_000_000L);
    }

    @Test
    public void mailArrivingWhileTheChannelWorksIsReadToo() throws Exception {
        cfg.put("repliesPerSenderPerHour", 1000);
        EmailChannel c = running(new EmailChannel(intake, state, mailer, config(), Clock.systemUTC(), true));
        for (int round = 0; round < 4; round++) {
            int before = count("Lapor-Processed");
            for (int i = 0; i < 3; i++) {
                send(message("<busy" + round + "-" + i + "@x.test>", REPORTER, "CSAM",
                        "https://t.me/c/1234567890/" + (2000 + round * 10 + i)));
            }
            await(() -> count("Lapor-Processed") == before + 3);
        }
        assertEquals(12, intake.reports.size());
    }

    @Test
    public void mailArrivingOverSmtpDuringIdleIsAllReadEvenWhenTheServerMiscounts() throws Exception {
        // GreenMail announces mail delivered during IDLE with EXISTS counts that were seen to fall behind: the
        // last message stayed hidden from the open folder until it was selected again
        EmailChannel c = running(new EmailChannel(intake, state, mailer, config(), Clock.systemUTC(), true));
        MimeMessage first = message("<smtp0@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/3000");
        smtpSend(first);
        await(() -> count("Lapor-Processed") == 1);
        for (int i = 1; i <= 3; i++) {
            MimeMessage m = message("<smtp" + i + "@x.test>", REPORTER, "Auto: out of office", "I am away.");
            m.setHeader("Auto-Submitted", "auto-replied");
            m.saveChanges();
            smtpSend(m);
        }
        await(() -> count("INBOX") == 0 && count("Lapor-Processed") + count("Lapor-Review") == 4);
    }

    @Test
    public void anIdleWaitWithNothingArrivingEndsAfterThePollInterval() throws Exception {
        try (Mailbox box = open()) {
            long before = System.nanoTime();
            box.await(java.time.Duration.ofMillis(300));
            long waited = System.nanoTime() - before;
            assertTrue("waited " + waited / 1_000_000 + " ms", waited >= 300_000_000L && waited < 10_000_000_000L);
            send(message("<idle3@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/73"));
            box.await(java.time.Duration.ofSeconds(600)); // the EXISTS ends it
            assertEquals(1, box.after(0, 10).size());
        }
    }

    @Test
    public void aWrongPasswordIsShownAndTheChannelReadsOnceItIsRight() throws Exception {
        send(message("<pw@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/62"));
        cfg.put("password", "wrong");
        EmailChannel wrong = running(new EmailChannel(intake, state, mailer, config(), Clock.systemUTC(), true));
        await(() -> wrong.problem() != null && wrong.problem().contains("refused the login"));
        assertEquals(0, intake.reports.size());
        wrong.deactivate();
        cfg.put("password", "secret");
        EmailChannel right = running(new EmailChannel(intake, state, mailer, config(), Clock.systemUTC(), true));
        await(() -> intake.reports.size() == 1 && count("INBOX") == 0);
        assertNull(right.problem());
    }

    @Test
    public void aServerDownIsRetriedUntilItIsBack() throws Exception {
        int port = mail.getImap().getPort();
        mail.stop();
        EmailChannel c = running(new EmailChannel(intake, state, mailer, config(), Clock.systemUTC(), true));
        await(() -> c.problem() != null && c.problem().startsWith("cannot read the mailbox"));
        mail = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), new ServerSetup(port, "127.0.0.1", "imap")});
        mail.start();
        mail.setUser(HOTLINE, HOTLINE, "secret");
        send(message("<down@x.test>", REPORTER, "CSAM", "https://t.me/c/1234567890/63"));
        await(() -> intake.reports.size() == 1);
        await(() -> c.problem() == null || c.problem().startsWith("replies wait"));
    }

    @Test
    public void anUnconfiguredChannelSaysSo() {
        cfg.put("host", "");
        EmailChannel c = new EmailChannel(intake, state, mailer, config(), Clock.systemUTC(), false);
        assertTrue(c.problem(), c.problem().startsWith("not configured"));
        cfg.put("host", "imap.example.org");
        cfg.put("security", "none");
        assertTrue(new EmailChannel(intake, state, mailer, config(), Clock.systemUTC(), false).problem()
                .contains("only allowed for a server on this machine"));
    }

    // ---- helpers

    private EmailChannel channel() {
        return new EmailChannel(intake, state, mailer, config(), Clock.systemUTC(), false);
    }

    private EmailChannel running(EmailChannel c) {
        running.add(c);
        return c;
    }

    private void pass(EmailChannel c) throws Exception {
        try (Mailbox box = open()) {
            c.pass(box);
        }
    }

    private Mailbox open() throws Exception {
        Mailbox box = new Mailbox(MailboxSettings.of(config()));
        box.open();
        return box;
    }

    private EmailChannelConfig config() {
        Map<String, Object> values = new HashMap<>(cfg);
        return (EmailChannelConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EmailChannelConfig.class}, (proxy, method, args) -> {
                    Object v = values.get(method.getName());
                    return v != null ? v : method.getDefaultValue();
                });
    }

    static MimeMessage message(String id, String from, String subject, String text) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", id);
            }
        };
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, HOTLINE);
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        m.saveChanges();
        return m;
    }

    /** Through GreenMail's SMTP server, as a reporter's mail arrives. */
    private void smtpSend(MimeMessage m) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
        try (jakarta.mail.Transport t = Session.getInstance(p).getTransport("smtp")) {
            t.connect();
            t.sendMessage(m, new jakarta.mail.Address[] {new InternetAddress(HOTLINE)});
        }
    }

    private void send(MimeMessage m) {
        GreenMailUser user = mail.getUserManager().getUser(HOTLINE);
        user.deliver(m);
    }

    private void append(String folder, MimeMessage m) throws Exception {
        try (Store store = imap(HOTLINE)) {
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_WRITE);
            f.appendMessages(new Message[] {m});
            f.close(false);
        }
    }

    private int count(String folder) {
        try (Store store = imap(HOTLINE)) {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return 0;
            }
            f.open(Folder.READ_ONLY);
            int n = f.getMessageCount();
            f.close(false);
            return n;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Store imap(String user) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", mail.getImap().getPort(), user, "secret");
        return store;
    }

    private MimeMessage[] replies() {
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                if ("auto-replied".equals(m.getHeader("Auto-Submitted", null)) && m.getFrom() != null
                        && m.getFrom()[0].toString().contains(HOTLINE)) {
                    to.add(m);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return to.toArray(new MimeMessage[0]);
    }

    private MimeMessage onlyReply() {
        await(() -> replies().length >= 1);
        MimeMessage[] r = replies();
        assertEquals(1, r.length);
        return r[0];
    }

    private static void await(BooleanSupplier condition) {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached in 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** An intake that keeps reports by idempotency key, as the store does; no link, no report. */
    static final class Intake implements ReportIntake {
        private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile("https://(?!lapor\\.test)");
        final List<Submission> submissions = new ArrayList<>();
        final Map<String, String> reports = new ConcurrentHashMap<>();
        volatile boolean limited;

        @Override
        public synchronized Receipt submit(Submission s) {
            submissions.add(s);
            if (s.description() == null || !LINK.matcher(s.description()).find()) {
                throw new SubmissionRejected("no_urls", "no link");
            }
            if (limited) {
                throw new TooManySubmissions(30);
            }
            String ref = reports.computeIfAbsent(s.idempotencyKey(), k -> String.valueOf(10_000_000 + reports.size()));
            return new Receipt(ref, ReportStatus.RECEIVED, List.of());
        }
    }

    /** The channel's state in memory; {@code failOn}: a key prefix whose put fails (a crash). */
    static final class MemoryState implements ChannelState {
        final Map<String, String> values = new ConcurrentHashMap<>();
        volatile String failOn;

        @Override
        public Optional<String> get(String channel, String key) {
            return Optional.ofNullable(values.get(channel + " " + key));
        }

        @Override
        public void put(String channel, String key, String value) {
            if (failOn != null && key.startsWith(failOn)) {
                throw new IllegalStateException("crash");
            }
            values.put(channel + " " + key, value);
        }
    }
}
