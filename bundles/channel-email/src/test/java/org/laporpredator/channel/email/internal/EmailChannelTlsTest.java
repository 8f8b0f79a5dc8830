package org.laporpredator.channel.email.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.After;
import org.junit.Test;
import org.laporpredator.mail.internal.Settings;
import org.laporpredator.mail.internal.SmtpMailer;

/** IMAPS: the mailbox over TLS, the server's certificate checked against its name. */
public class EmailChannelTlsTest {

    private final GreenMail mail = new GreenMail(ServerSetupTest.IMAPS.dynamicPort().createCopy("0.0.0.0"));
    private final EmailChannelTest.Intake intake = new EmailChannelTest.Intake();
    private final EmailChannelTest.MemoryState state = new EmailChannelTest.MemoryState();
    private final SmtpMailer mailer = new SmtpMailer(Settings.of("", 0, "none", "", "", EmailChannelTest.HOTLINE, 5));
    private EmailChannel channel;

    @After
    public void stop() throws Exception {
        if (channel != null) {
            channel.deactivate();
        }
        mailer.close();
        mail.stop();
    }

    private EmailChannelConfig config(String host) {
        Map<String, Object> values = new HashMap<>();
        values.put("host", host);
        values.put("port", mail.getImaps().getPort());
        values.put("security", "imaps");
        values.put("username", EmailChannelTest.HOTLINE);
        values.put("password", "secret");
        values.put("pollSeconds", 1);
        values.put("maxBackoffSeconds", 1);
        return (EmailChannelConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EmailChannelConfig.class}, (proxy, method, args) -> {
                    Object v = values.get(method.getName());
                    return v != null ? v : method.getDefaultValue();
                });
    }

    @Test
    public void imapsReadsTheMailboxOverTls() throws Exception {
        mail.start();
        mail.setUser(EmailChannelTest.HOTLINE, EmailChannelTest.HOTLINE, "secret");
        mail.getUserManager().getUser(EmailChannelTest.HOTLINE).deliver(EmailChannelTest.message("<tls@x.test>",
                EmailChannelTest.REPORTER, "CSAM", "https://t.me/c/1234567890/77"));
        channel = new EmailChannel(intake, state, mailer, config("localhost"), Clock.systemUTC(), true);
        long end = System.nanoTime() + 20_000_000_000L;
        while (intake.reports.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20); // polling for the condition
        }
        assertEquals(1, intake.reports.size());
        assertTrue(channel.problem(), channel.problem() == null || channel.problem().startsWith("replies wait"));
    }

    @Test
    public void aCertificateForAnotherNameIsRefused() throws Exception {
        mail.start();
        mail.setUser(EmailChannelTest.HOTLINE, EmailChannelTest.HOTLINE, "secret");
        // the certificate names localhost and 127.0.0.1; 127.0.0.2 reaches the same server but is not in it
        channel = new EmailChannel(intake, state, mailer, config("127.0.0.2"), Clock.systemUTC(), true);
        long end = System.nanoTime() + 20_000_000_000L;
        while (channel.problem() == null || channel.problem().startsWith("replies wait")) {
            assertTrue("no failure seen", System.nanoTime() < end);
            Thread.sleep(20); // polling for the condition
        }
        assertTrue(channel.problem(), channel.problem().startsWith("TLS with the IMAP server at 127.0.0.2 failed"));
        assertEquals(0, intake.reports.size());
    }
}
