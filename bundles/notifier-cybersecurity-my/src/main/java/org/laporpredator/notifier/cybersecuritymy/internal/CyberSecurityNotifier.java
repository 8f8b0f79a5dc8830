package org.laporpredator.notifier.cybersecuritymy.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.List;
import org.laporpredator.mail.Mail;
import org.laporpredator.mail.MailFailed;
import org.laporpredator.mail.Mailer;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails each event it is given to CyberSecurity Malaysia (MyCERT's Cyber999 desk): a short text in English
 * and Bahasa Malaysia (what, where, when, classification, with the links defanged) and, when the event names
 * links, a STIX 2.1 bundle marked TLP:RED. Which events come here is the dispatcher's routing (by default
 * item.classified and item.removed for CSAM and CSAM_NATIONAL).
 *
 * <p>Its configuration, PID {@value #PID}, is read from Configuration Admin as the dispatcher reads it, not
 * bound by DS: FileInstall takes the {@code -} in {@code etc/org.laporpredator.notifier.cybersecurity-my.cfg}
 * for a factory configuration ({@value #FACTORY_PID}, named {@code my}), while {@code config:edit} of the PID
 * makes a plain one; both are this partner's. The recipients are thus no service property either.
 *
 * <p>Never sent: a reporter's contact, a description, media (the payloads hold none of them); the links are
 * never opened.
 */
@Component(service = {PartnerNotifier.class, ConfigurationListener.class}, immediate = true,
        property = {
            Modules.ID + "=" + CyberSecurityNotifier.MODULE_ID,
            Modules.KIND + "=" + Modules.NOTIFIER,
            Modules.PARTNER + "=" + CyberSecurityNotifier.PARTNER,
            Modules.NAME + "=CyberSecurity Malaysia (MyCERT Cyber999): mail with STIX 2.1"
        })
public class CyberSecurityNotifier implements PartnerNotifier, ConfigurationListener {

    public static final String MODULE_ID = "notifier-cybersecurity-my";
    public static final String PARTNER = "cybersecurity-my";
    public static final String PID = "org.laporpredator.notifier." + PARTNER;
    /** What FileInstall makes of the cfg file's name: this factory PID, configuration name {@code my}. */
    static final String FACTORY_PID = "org.laporpredator.notifier.cybersecurity";
    static final String TO = "to";

    private static final Logger LOG = LoggerFactory.getLogger(CyberSecurityNotifier.class);

    private final Mailer mailer;
    private final ConfigurationAdmin configAdmin;
    private volatile List<String> to = List.of();
    private volatile String toProblem;

    @Activate
    public CyberSecurityNotifier(@Reference Mailer mailer, @Reference ConfigurationAdmin configAdmin) {
        this.mailer = mailer;
        this.configAdmin = configAdmin;
        reload();
    }

    CyberSecurityNotifier(Mailer mailer, String to) {
        this.mailer = mailer;
        this.configAdmin = null;
        recipients(to);
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (PID.equals(event.getPid()) || FACTORY_PID.equals(event.getFactoryPid())) {
            reload();
        }
    }

    /** Reads {@code to} from this partner's configuration; none: no recipient. */
    synchronized void reload() {
        String list = "";
        try {
            Configuration[] configs = configAdmin.listConfigurations(
                    "(|(service.pid=" + PID + ")(service.factoryPid=" + FACTORY_PID + "))");
            int found = 0;
            for (Configuration c : configs == null ? new Configuration[0] : configs) {
                Dictionary<String, Object> props = c.getProperties();
                if (props != null && isOurs(c.getPid(), c.getFactoryPid(), props.get("felix.fileinstall.filename"))) {
                    Object v = props.get(TO);
                    list = v instanceof String[] a ? String.join(",", a) : v == null ? "" : String.valueOf(v);
                    found++;
                }
            }
            if (found > 1) {
                LOG.warn("{} configurations for {}: the last read is used", found, PARTNER);
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("Reading the configuration of {} failed: {}", PARTNER, e.getClass().getSimpleName());
        }
        recipients(list);
    }

    /**
     * Whether a configuration is this partner's, by the dispatcher's rule: PID {@value #PID}, or a factory
     * configuration of {@value #FACTORY_PID} named {@code my} (PID {@code ...~my}, or FileInstall's file name).
     */
    static boolean isOurs(String pid, String factoryPid, Object fileName) {
        if (PID.equals(pid)) {
            return true;
        }
        if (!FACTORY_PID.equals(factoryPid)) {
            return false;
        }
        if (pid != null && pid.endsWith("~my")) {
            return true;
        }
        return fileName != null && String.valueOf(fileName).endsWith("/" + PID + ".cfg");
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
        String file = Stix.applies(facts) ? "lapor-" + facts.label() + ".json" : null;
        Mail mail = Mail.of(recipients, Letter.subject(facts), Letter.text(facts, file))
                .withHeader("X-Lapor-Event", event.type())
                .withHeader("X-Lapor-Idempotency-Key", safe(event.idempotencyKey()))
                .withMessageId(messageKey(event));
        if (file != null) {
            mail = mail.withAttachment(file, Stix.MEDIA_TYPE, Stix.bundle(facts));
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
