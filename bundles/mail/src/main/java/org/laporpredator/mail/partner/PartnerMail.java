package org.laporpredator.mail.partner;

import java.util.List;
import org.laporpredator.mail.Mail;
import org.laporpredator.mail.MailFailed;
import org.laporpredator.mail.Mailer;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier.DeliveryFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partner's mail, for a notifier that mails each event it is given: the configured recipients, the
 * problem for {@code lapor:modules}, and the delivery of one event as one mail through the shared
 * {@link Mailer}. The notifier says what the mail holds ({@link Composer}); everything else is done here the
 * same for every partner:
 * <ul>
 * <li>no recipient, or an entry that is not an address: {@link DeliveryFailed} retryable (the records wait
 * for the configuration), before the event is read;</li>
 * <li>an event {@link Facts} cannot read: not retryable (logged by event id and the reason only);</li>
 * <li>headers {@code X-Lapor-Event} and {@code X-Lapor-Idempotency-Key}, and a Message-ID made from the
 * idempotency key for this partner ({@link #messageKey}), the same on every attempt;</li>
 * <li>a {@link MailFailed} becomes a {@link DeliveryFailed} with its message and {@code retryable()}.</li>
 * </ul>
 * Safe to use from several threads; {@link #recipients(String)} may be called at any time.
 */
public final class PartnerMail {

    /** What the mail for one event holds. */
    @FunctionalInterface
    public interface Composer {

        /**
         * @param envelope gives the mail, addressed, with the partner's headers and Message-ID, for a subject
         *                 and a text; attachments and further headers are added to that
         */
        Mail compose(Facts facts, Envelope envelope);
    }

    /** The addressing of one event's mail. */
    public static final class Envelope {

        private final List<String> to;
        private final OutboxEvent event;
        private final String messageKey;

        private Envelope(List<String> to, OutboxEvent event, String messageKey) {
            this.to = to;
            this.event = event;
            this.messageKey = messageKey;
        }

        /** The mail to the partner's recipients with this subject and text. */
        public Mail mail(String subject, String text) {
            return Mail.of(to, subject, text)
                    .withHeader("X-Lapor-Event", event.type())
                    .withHeader("X-Lapor-Idempotency-Key", safe(event.idempotencyKey()))
                    .withMessageId(messageKey);
        }
    }

    private record Recipients(List<String> to, String problem) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PartnerMail.class);

    private final Mailer mailer;
    private final String partner;
    private volatile Recipients recipients = new Recipients(List.of(), "no recipient configured (to)");

    /**
     * @param partner the partner's name ({@code Modules.PARTNER}), in logs and Message-IDs
     * @param to      the configured recipients, as {@link #recipients(String)} takes them
     */
    public PartnerMail(Mailer mailer, String partner, String to) {
        this.mailer = mailer;
        this.partner = partner;
        recipients(to);
    }

    /**
     * Sets the recipients from a configured list ({@link Mail#addresses(String)}): none, or an entry that is not
     * an address, is this partner's problem until a usable list is set.
     */
    public void recipients(String list) {
        try {
            List<String> to = Mail.addresses(list);
            recipients = new Recipients(to, to.isEmpty() ? "no recipient configured (to)" : null);
        } catch (IllegalArgumentException e) {
            recipients = new Recipients(List.of(), "to: " + e.getMessage());
        }
    }

    /** The recipients' problem, else the mailer's, else null. */
    public String problem() {
        String p = recipients.problem();
        return p != null ? p : mailer.problem();
    }

    /**
     * Mails one event: reads it, has the composer write the mail, sends it.
     *
     * @throws DeliveryFailed when it was not sent (see the class's description for which are retryable)
     */
    public void deliver(OutboxEvent event, Composer composer) throws DeliveryFailed {
        Recipients r = recipients;
        if (r.problem() != null) {
            throw new DeliveryFailed(r.problem(), true, null);
        }
        Facts facts;
        try {
            facts = Facts.of(event);
        } catch (Facts.Unreadable e) {
            LOG.warn("Event {} not sent to {}: {}", event.id(), partner, e.getMessage());
            throw new DeliveryFailed(e.getMessage(), false, null);
        }
        Mail mail = composer.compose(facts, new Envelope(r.to(), event, messageKey(event)));
        try {
            mailer.send(mail);
        } catch (MailFailed f) {
            throw new DeliveryFailed(f.getMessage(), f.retryable(), null);
        }
    }

    /**
     * The key of the Message-ID, the same on every attempt: {@code lapor.<partner>.<idempotency key>}, with
     * what a key may not hold as {@code -}, at most 128 characters.
     */
    public String messageKey(OutboxEvent event) {
        String key = safe(event.idempotencyKey()).replaceAll("[^A-Za-z0-9._-]", "-");
        String id = "lapor." + partner + "." + key;
        return id.length() > 128 ? id.substring(0, 128) : id;
    }

    private static String safe(String s) {
        return s == null || s.isBlank() ? "none" : s.replaceAll("[^ -~]", "?");
    }
}
