package org.laporpredator.mail.partner;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import org.junit.rules.ExternalResource;
import org.laporpredator.mail.internal.Settings;
import org.laporpredator.mail.internal.SmtpMailer;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier;
import org.laporpredator.spi.PartnerNotifier.DeliveryFailed;

/**
 * A GreenMail SMTP server on a free port and the real mailer to it ({@code security = none}, from
 * {@value #FROM}), for a test's {@code @Rule}; shared with the notifiers' tests through this bundle's test-jar.
 */
public final class GreenMailRule extends ExternalResource {

    public static final String FROM = "hotline@laporpredator.example";

    private GreenMail greenMail;
    private SmtpMailer mailer;

    @Override
    protected void before() {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        mailer = new SmtpMailer(Settings.of("127.0.0.1", greenMail.getSmtp().getPort(), "none", "", "", FROM, 5));
    }

    @Override
    protected void after() {
        mailer.close();
        greenMail.stop();
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    public SmtpMailer mailer() {
        return mailer;
    }

    /** The first {@code n} mails received, waiting up to 5 s for them. */
    public MimeMessage[] received(int n) {
        if (!greenMail.waitForIncomingEmail(5000, n)) {
            throw new AssertionError("fewer than " + n + " mails received");
        }
        return greenMail.getReceivedMessages();
    }

    /** Part {@code i} of a multipart mail (0: the text). */
    public static BodyPart part(MimeMessage m, int i) throws Exception {
        return ((Multipart) m.getContent()).getBodyPart(i);
    }

    /** The text of a multipart mail, its lines ending in {@code \n} (SMTP carries CRLF). */
    public static String text(MimeMessage m) throws Exception {
        return part(m, 0).getContent().toString().replace("\r\n", "\n");
    }

    public static byte[] bytes(BodyPart part) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.getInputStream().transferTo(out);
        return out.toByteArray();
    }

    /** The failure of a delivery that must fail. */
    public static DeliveryFailed fails(PartnerNotifier n, OutboxEvent e) {
        try {
            n.deliver(e);
        } catch (DeliveryFailed f) {
            return f;
        }
        throw new AssertionError("delivered");
    }
}
