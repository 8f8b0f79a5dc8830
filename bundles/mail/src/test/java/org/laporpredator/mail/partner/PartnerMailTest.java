package org.laporpredator.mail.partner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Rule;
import org.junit.Test;
import org.laporpredator.mail.Mail;
import org.laporpredator.mail.MailFailed;
import org.laporpredator.mail.Mailer;
import org.laporpredator.mail.internal.Settings;
import org.laporpredator.mail.internal.SmtpMailer;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier.DeliveryFailed;

public class PartnerMailTest {

    @Rule
    public final GreenMailRule smtp = new GreenMailRule();

    /** A mailer that keeps what it is given, or fails with {@code fail}. */
    private static final class Kept implements Mailer {
        final List<Mail> sent = new ArrayList<>();
        MailFailed fail;
        String problem;

        @Override
        public void send(Mail mail) throws MailFailed {
            if (fail != null) {
                throw fail;
            }
            sent.add(mail);
        }

        @Override
        public String problem() {
            return problem;
        }
    }

    private static final PartnerMail.Composer PLAIN = (facts, envelope) -> envelope.mail(Letter.subject(facts),
            Letter.text(facts, null));

    @Test
    public void oneMailToEveryRecipientThroughTheRealMailer() throws Exception {
        PartnerMail partner = new PartnerMail(smtp.mailer(), "test-partner", "desk@cert.example, duty@cert.example");
        partner.deliver(Fixtures.classified("\"12345678\"", "https://t.me/some_channel"),
                (facts, envelope) -> envelope.mail("subject " + facts.label(), "text").withAttachment("a.json",
                        "application/json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        MimeMessage[] got = smtp.received(2);
        assertEquals(2, got.length);
        Set<String> to = new TreeSet<>();
        for (MimeMessage m : got) {
            Arrays.stream(m.getRecipients(Message.RecipientType.TO)).forEach(a -> to.add(a.toString()));
            assertEquals("subject 12345678", m.getSubject());
            assertEquals("auto-generated", m.getHeader("Auto-Submitted")[0]);
            assertEquals("item.classified", m.getHeader("X-Lapor-Event")[0]);
            assertEquals("item-42-77", m.getHeader("X-Lapor-Idempotency-Key")[0]);
            assertEquals("<lapor.test-partner.item-42-77@laporpredator.example>", m.getMessageID());
            assertEquals("a.json", GreenMailRule.part(m, 1).getFileName());
        }
        assertEquals(Set.of("desk@cert.example", "duty@cert.example"), to);
    }

    @Test
    public void theEnvelope() throws Exception {
        Kept kept = new Kept();
        PartnerMail partner = new PartnerMail(kept, "p", "a@x.example;a@x.example b@x.example");
        partner.deliver(Fixtures.removed(true), PLAIN);
        Mail m = kept.sent.get(0);
        assertEquals(List.of("a@x.example", "b@x.example"), m.to());
        assertEquals(Map.of("X-Lapor-Event", "item.removed", "X-Lapor-Idempotency-Key", "item-42-78"), m.headers());
        assertEquals(List.of("X-Lapor-Event", "X-Lapor-Idempotency-Key"), List.copyOf(m.headers().keySet()));
        assertEquals("lapor.p.item-42-78", m.messageId());
        assertEquals(Letter.subject(Facts.of(Fixtures.removed(true))), m.subject());
        assertEquals(List.of(), m.attachments());

        OutboxEvent odd = new OutboxEvent(5, "report.received", "ключ/" + "x".repeat(200), "{\"version\": 1}", Fixtures.AT);
        partner.deliver(odd, PLAIN);
        m = kept.sent.get(1);
        assertEquals("????/" + "x".repeat(200), m.headers().get("X-Lapor-Idempotency-Key"));
        assertEquals(128, m.messageId().length());
        assertTrue(m.messageId(), m.messageId().startsWith("lapor.p.-----xxx"));
        assertEquals(m.messageId(), partner.messageKey(odd));
        assertEquals("lapor.p.none", partner.messageKey(new OutboxEvent(6, "report.received", null, "{}", Fixtures.AT)));
        assertEquals("lapor.p.none", partner.messageKey(new OutboxEvent(6, "report.received", " ", "{}", Fixtures.AT)));
        partner.deliver(new OutboxEvent(6, "report.received", null, "{}", Fixtures.AT), PLAIN);
        assertEquals("none", kept.sent.get(2).headers().get("X-Lapor-Idempotency-Key"));
    }

    @Test
    public void problems() {
        Kept kept = new Kept();
        assertEquals("no recipient configured (to)", new PartnerMail(kept, "p", "").problem());
        assertEquals("no recipient configured (to)", new PartnerMail(kept, "p", " , ").problem());
        assertEquals("no recipient configured (to)", new PartnerMail(kept, "p", null).problem());
        assertEquals("to: entry 1 is not an email address", new PartnerMail(kept, "p", "police").problem());
        assertEquals("to: entry 2 is not an email address", new PartnerMail(kept, "p", "desk@cert.example, desk").problem());
        PartnerMail ok = new PartnerMail(kept, "p", "desk@cert.example");
        assertNull(ok.problem());
        kept.problem = "mailer problem";
        assertEquals("the mailer's, when the recipients are fine", "mailer problem", ok.problem());
        ok.recipients("");
        assertEquals("the recipients' first", "no recipient configured (to)", ok.problem());
        ok.recipients("desk@cert.example");
        assertEquals("mailer problem", ok.problem());

        SmtpMailer unset = new SmtpMailer(Settings.of("", 0, "starttls", "", "", "", 30));
        try {
            assertEquals("no SMTP server configured (etc/org.laporpredator.mail.cfg)",
                    new PartnerMail(unset, "p", "desk@cert.example").problem());
            assertEquals("no recipient configured (to)", new PartnerMail(unset, "p", "").problem());
        } finally {
            unset.close();
        }
    }

    @Test
    public void failures() throws Exception {
        Kept kept = new Kept();
        PartnerMail.Composer never = (facts, envelope) -> {
            throw new AssertionError("composed");
        };
        DeliveryFailed noRecipient = fails(new PartnerMail(kept, "p", ""), Fixtures.removed(true), never);
        assertTrue(noRecipient.retryable());
        assertEquals("no recipient configured (to)", noRecipient.getMessage());
        assertNull(noRecipient.retryAfter());
        assertTrue("the records wait for recipients, even unreadable ones",
                fails(new PartnerMail(kept, "p", "desk"), event("not json"), never).retryable());

        PartnerMail partner = new PartnerMail(kept, "p", "desk@cert.example");
        for (OutboxEvent e : List.of(event("not json"), event("{\"version\": 2}"), event("[]"),
                new OutboxEvent(1, "item.exploded", "k", "{}", Fixtures.AT))) {
            DeliveryFailed f = fails(partner, e, never);
            assertFalse(e.payload(), f.retryable());
            assertEquals(assertUnreadable(e), f.getMessage());
        }

        kept.fail = new MailFailed("SMTP server refused the mail (550) (SMTPAddressFailedException)", false, 550);
        DeliveryFailed refused = fails(partner, Fixtures.removed(true), PLAIN);
        assertFalse("5xx: final", refused.retryable());
        assertEquals("SMTP server refused the mail (550) (SMTPAddressFailedException)", refused.getMessage());
        assertNull(refused.getCause());
        kept.fail = new MailFailed("SMTP server refused the mail for now (451) (SMTPSendFailedException)", true, 451);
        assertTrue("4xx: later", fails(partner, Fixtures.removed(true), PLAIN).retryable());

        smtp.greenMail().stop();
        DeliveryFailed down = fails(new PartnerMail(smtp.mailer(), "p", "desk@cert.example"), Fixtures.received(true), PLAIN);
        assertTrue("a stopped server: try again later", down.retryable());
        assertEquals("SMTP server not reachable (ConnectException)", down.getMessage());
    }

    private static OutboxEvent event(String payload) {
        return new OutboxEvent(1, "item.classified", "k", payload, Fixtures.AT);
    }

    private static String assertUnreadable(OutboxEvent e) {
        try {
            Facts.of(e);
        } catch (Facts.Unreadable u) {
            return u.getMessage();
        }
        throw new AssertionError("read");
    }

    private static DeliveryFailed fails(PartnerMail partner, OutboxEvent e, PartnerMail.Composer composer) {
        try {
            partner.deliver(e, composer);
        } catch (DeliveryFailed f) {
            return f;
        }
        throw new AssertionError("delivered");
    }
}
