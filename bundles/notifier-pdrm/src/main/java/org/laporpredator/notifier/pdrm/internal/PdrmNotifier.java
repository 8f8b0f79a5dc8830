package org.laporpredator.notifier.pdrm.internal;

import java.util.List;
import org.laporpredator.mail.Mail;
import org.laporpredator.mail.MailFailed;
import org.laporpredator.mail.Mailer;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails each event it is given to PDRM: a short text in English and Bahasa Malaysia (what, where, when,
 * classification, with the links defanged) and the same facts as a JSON file. A report the reporter marked
 * urgent ("Is a child in danger right now?") says URGENT / SEGERA and "a child may be in danger now" in the
 * subject, and is marked high priority. Which events come here is the dispatcher's routing (by default
 * report.received, urgent ones only, and item.classified for CSAM, CSAM_NATIONAL, GROOMING and SEXTORTION).
 *
 * <p>Never sent: a reporter's contact, a description, media (the payloads hold none of them); the links are
 * never opened.
 */
@Component(service = PartnerNotifier.class, immediate = true, configurationPid = PdrmNotifier.PID,
        property = {
            Modules.ID + "=" + PdrmNotifier.MODULE_ID,
            Modules.KIND + "=" + Modules.NOTIFIER,
            Modules.PARTNER + "=" + PdrmNotifier.PARTNER,
            Modules.NAME + "=PDRM (Royal Malaysia Police): mail with JSON"
        })
@Designate(ocd = PdrmConfig.class)
public class PdrmNotifier implements PartnerNotifier {

    public static final String MODULE_ID = "notifier-pdrm";
    public static final String PARTNER = "pdrm";
    public static final String PID = "org.laporpredator.notifier." + PARTNER;

    private static final Logger LOG = LoggerFactory.getLogger(PdrmNotifier.class);

    private final Mailer mailer;
    private volatile List<String> to = List.of();
    private volatile String toProblem;

    @Activate
    public PdrmNotifier(@Reference Mailer mailer, PdrmConfig config) {
        this(mailer, config.to());
    }

    PdrmNotifier(Mailer mailer, String to) {
        this.mailer = mailer;
        recipients(to);
    }

    @Modified
    void modified(PdrmConfig config) {
        recipients(config.to());
    }

    private void recipients(String list) {
        try {
            to = Mail.addresses(list);
            toProblem = to.isEmpty() ? "no recipient configured (to)" : null;
        } catch (IllegalArgumentException e) {
            to = List.of();
            toProblem = "to: " + e.getMessage();
        }
    }

    @Override
    public String problem() {
        String p = toProblem;
        return p != null ? p : mailer.problem();
    }

    @Override
    public String deliver(OutboxEvent event) throws DeliveryFailed {
        List<String> recipients = to;
        String p = toProblem;
        if (p != null) {
            throw new DeliveryFailed(p, true, null);
        }
        Facts facts;
        try {
            facts = Facts.of(event);
        } catch (Facts.Unreadable e) {
            LOG.warn("Event {} not sent to {}: {}", event.id(), PARTNER, e.getMessage());
            throw new DeliveryFailed(e.getMessage(), false, null);
        }
        String file = "lapor-" + facts.label() + ".json";
        Mail mail = Mail.of(recipients, Letter.subject(facts), Letter.text(facts, file))
                .withHeader("X-Lapor-Event", event.type())
                .withHeader("X-Lapor-Idempotency-Key", safe(event.idempotencyKey()))
                .withMessageId(messageKey(event))
                .withAttachment(file, FactsJson.MEDIA_TYPE, FactsJson.of(facts));
        if (facts.urgent()) {
            mail = mail.withHeader("Importance", "high").withHeader("Priority", "urgent").withHeader("X-Priority", "1");
        }
        try {
            mailer.send(mail);
        } catch (MailFailed f) {
            throw new DeliveryFailed(f.getMessage(), f.retryable(), null);
        }
        return null;
    }

    /** The same Message-ID on every attempt: the idempotency key, for this partner. */
    static String messageKey(OutboxEvent event) {
        String key = safe(event.idempotencyKey()).replaceAll("[^A-Za-z0-9._-]", "-");
        String id = "lapor." + PARTNER + "." + key;
        return id.length() > 128 ? id.substring(0, 128) : id;
    }

    private static String safe(String s) {
        return s == null || s.isBlank() ? "none" : s.replaceAll("[^ -~]", "?");
    }
}
