package org.laporpredator.notifier.pdrm.internal;

import org.laporpredator.mail.Mail;
import org.laporpredator.mail.Mailer;
import org.laporpredator.mail.partner.Facts;
import org.laporpredator.mail.partner.Letter;
import org.laporpredator.mail.partner.PartnerMail;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Mails each event it is given to PDRM: a short text in English and Bahasa Malaysia (what, where, when,
 * classification, with the links defanged) and the same facts as a JSON file. A report the reporter marked
 * urgent ("Is a child in danger right now?") says URGENT / SEGERA and "a child may be in danger now" in the
 * subject, and is marked high priority. Which events come here is the dispatcher's routing (by default
 * report.received, urgent ones only, and item.classified for CSAM, CSAM_NATIONAL, GROOMING and SEXTORTION).
 *
 * <p>Reading the event, the letter's layout, the recipients, the problem and the failures are lapor-mail's
 * {@link PartnerMail} and {@link Letter}, shared with the CyberSecurity Malaysia notifier; the urgent marks and
 * the JSON file are this notifier's.
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

    /** Put before the subject's headlines of an urgent report. */
    static final String URGENT = "URGENT / SEGERA: a child may be in danger now / kanak-kanak mungkin dalam bahaya sekarang";
    /** Set apart at the top of an urgent report's text. */
    static final String URGENT_BANNER = "*** URGENT: the reporter says a child may be in danger now. ***\n"
            + "*** SEGERA: pelapor menyatakan kanak-kanak mungkin dalam bahaya sekarang. ***\n";

    private final PartnerMail partner;

    @Activate
    public PdrmNotifier(@Reference Mailer mailer, PdrmConfig config) {
        this(mailer, config.to());
    }

    PdrmNotifier(Mailer mailer, String to) {
        this.partner = new PartnerMail(mailer, PARTNER, to);
    }

    @Modified
    void modified(PdrmConfig config) {
        partner.recipients(config.to());
    }

    @Override
    public String problem() {
        return partner.problem();
    }

    /** The mail: the shared letter, marked when urgent, and the JSON file. */
    @Override
    public String deliver(OutboxEvent event) throws DeliveryFailed {
        partner.deliver(event, (facts, envelope) -> {
            String file = "lapor-" + facts.label() + ".json";
            Mail mail = envelope.mail(subject(facts), Letter.text(facts, facts.urgent() ? URGENT_BANNER : null,
                    new Letter.Attached(file, "the same facts as JSON", "fakta yang sama dalam JSON")))
                    .withAttachment(file, FactsJson.MEDIA_TYPE, FactsJson.of(facts));
            return facts.urgent()
                    ? mail.withHeader("Importance", "high").withHeader("Priority", "urgent").withHeader("X-Priority", "1")
                    : mail;
        });
        return null;
    }

    /** The shared subject; an urgent report's starts with {@link #URGENT}. */
    static String subject(Facts facts) {
        return Letter.subject(facts, facts.urgent() ? URGENT + " - " : "");
    }
}
