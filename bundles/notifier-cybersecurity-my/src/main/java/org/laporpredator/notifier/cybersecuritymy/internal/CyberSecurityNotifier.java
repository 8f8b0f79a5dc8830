package org.laporpredator.notifier.cybersecuritymy.internal;

import java.io.IOException;
import java.util.Dictionary;
import org.laporpredator.mail.Mail;
import org.laporpredator.mail.Mailer;
import org.laporpredator.mail.partner.Letter;
import org.laporpredator.mail.partner.PartnerMail;
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
 * <p>Reading the event, the letter's layout, the recipients, the problem and the failures are lapor-mail's
 * {@link PartnerMail} and {@link Letter}, shared with the PDRM notifier; the STIX bundle is this notifier's.
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
    /** What the text says of the STIX file. */
    static final String STIX_EN = "a STIX 2.1 bundle (TLP:RED): each link as a url object and an indicator";
    static final String STIX_MS = "himpunan STIX 2.1 (TLP:RED): setiap pautan sebagai objek url dan penunjuk (indicator)";

    private static final Logger LOG = LoggerFactory.getLogger(CyberSecurityNotifier.class);

    private final PartnerMail partner;
    private final ConfigurationAdmin configAdmin;

    @Activate
    public CyberSecurityNotifier(@Reference Mailer mailer, @Reference ConfigurationAdmin configAdmin) {
        this.partner = new PartnerMail(mailer, PARTNER, "");
        this.configAdmin = configAdmin;
        reload();
    }

    CyberSecurityNotifier(Mailer mailer, String to) {
        this.partner = new PartnerMail(mailer, PARTNER, to);
        this.configAdmin = null;
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
        partner.recipients(list);
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

    @Override
    public String problem() {
        return partner.problem();
    }

    /** The mail: the shared letter and, when the event names links, the STIX bundle. */
    @Override
    public String deliver(OutboxEvent event) throws DeliveryFailed {
        partner.deliver(event, (facts, envelope) -> {
            String file = Stix.applies(facts) ? "lapor-" + facts.label() + ".json" : null;
            Mail mail = envelope.mail(Letter.subject(facts),
                    Letter.text(facts, file == null ? null : new Letter.Attached(file, STIX_EN, STIX_MS)));
            return file == null ? mail : mail.withAttachment(file, Stix.MEDIA_TYPE, Stix.bundle(facts));
        });
        return null;
    }
}
