package org.laporpredator.notifier.webhook.internal;

import java.util.Hashtable;
import java.util.Map;
import org.laporpredator.api.cases.CaseReport;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.spi.ModuleHealth;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.PartnerNotifier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook partner per factory configuration ({@value WebhookSettings#FACTORY_PID}, one
 * {@code etc/org.laporpredator.notifier.webhook-<name>.cfg} per partner). DS cannot compute a service
 * property, and the partner id {@code webhook-<name>} comes from the configuration's file name, so the
 * component registers its {@link PartnerNotifier} itself, with {@code lapor.partner}, and takes it away on
 * deactivation. The component carries the module properties, so the module registry lists the module and
 * switches it through SCR (switching it off deactivates every partner's configuration). With no
 * configuration the module shows as UNSATISFIED: no webhook partner exists until a deployer adds one.
 */
@Component(configurationPid = WebhookSettings.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, property = {
            Modules.ID + "=" + WebhookComponent.MODULE_ID,
            Modules.KIND + "=" + Modules.NOTIFIER,
            Modules.NAME + "=" + WebhookComponent.MODULE_NAME
        })
@Designate(ocd = WebhookConfig.class, factory = true)
public class WebhookComponent {

    static final String MODULE_ID = "notifier-webhook";
    static final String MODULE_NAME = "Webhook notifier (Standard Webhooks)";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookComponent.class);

    private final ServiceRegistration<?> registration;

    @Activate
    public WebhookComponent(BundleContext context, Map<String, Object> properties) {
        WebhookSettings settings = WebhookSettings.from(properties);
        if (settings.partner() == null) {
            LOG.warn("Webhook configuration {} has no partner name: give it a file etc/{}-<name>.cfg "
                    + "or the PID <factory PID>~<name>; no partner registered",
                    properties.get("service.pid"), WebhookSettings.FACTORY_PID);
            registration = null;
            return;
        }
        registration = context.registerService(
                new String[] {PartnerNotifier.class.getName(), ModuleHealth.class.getName()},
                new WebhookNotifier(settings, descriptions(properties)), serviceProperties(settings));
        if (settings.problem() == null) {
            LOG.info("Webhook partner {} delivers to {}", settings.partner(), settings.origin());
        } else {
            LOG.warn("Webhook partner {} cannot deliver: {}; its records wait", settings.partner(), settings.problem());
        }
    }

    /** The analysts' reports, for the descriptions a partner's configuration asks for. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Cases cases;

    /** Null unless {@code description = true}. */
    private WebhookNotifier.Descriptions descriptions(Map<String, Object> properties) {
        if (!"true".equalsIgnoreCase(String.valueOf(properties.get("description")).strip())) {
            return null;
        }
        return reference -> {
            Cases c = cases;
            if (c == null) {
                throw new IllegalStateException("reports not available");
            }
            return c.report(reference).map(CaseReport::description);
        };
    }

    /** The module's properties, the partner id and the dispatcher's routing keys; never the URL or the secret. */
    static Hashtable<String, Object> serviceProperties(WebhookSettings settings) {
        Hashtable<String, Object> props = new Hashtable<>(settings.routing());
        props.put(Modules.ID, MODULE_ID);
        props.put(Modules.KIND, Modules.NOTIFIER);
        props.put(Modules.NAME, MODULE_NAME);
        props.put(Modules.PARTNER, settings.partner());
        return props;
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }
}
