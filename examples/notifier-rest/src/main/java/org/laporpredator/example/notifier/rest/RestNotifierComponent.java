package org.laporpredator.example.notifier.rest;

import java.util.Hashtable;
import org.laporpredator.spi.ModuleHealth;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.PartnerNotifier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module: configuration {@value #PID} ({@link RestNotifierConfig}), optional, so that without one the
 * module is there and says what it lacks ({@code problem()}: "no url configured"). DS would copy every
 * configuration property onto a service it registers, the token too, so the component registers its
 * {@link PartnerNotifier} itself, with the module properties and {@code lapor.partner} only, and takes it away
 * when deactivated (a new configuration re-activates it). The component description carries the module
 * properties, so the platform's module registry lists the module and switches it through SCR.
 */
@Component(configurationPid = RestNotifierComponent.PID, service = {}, property = {
    Modules.ID + "=" + RestNotifierComponent.MODULE_ID,
    Modules.KIND + "=" + Modules.NOTIFIER,
    Modules.NAME + "=" + RestNotifierComponent.MODULE_NAME,
    Modules.PARTNER + "=" + RestNotifierComponent.PARTNER
})
@Designate(ocd = RestNotifierConfig.class)
public class RestNotifierComponent {

    public static final String PID = "org.laporpredator.example.notifier.rest";
    public static final String MODULE_ID = "notifier-rest-example";
    public static final String MODULE_NAME = "REST notifier (example)";
    /** The partner id; the dispatcher's routing for it is {@code etc/org.laporpredator.notifier.rest-example.cfg}. */
    public static final String PARTNER = "rest-example";
    /** {@code User-Agent: lapor-example-notifier-rest/<bundle version>}. */
    public static final String PRODUCT = "lapor-example-notifier-rest";

    private static final Logger LOG = LoggerFactory.getLogger(RestNotifierComponent.class);

    private final ServiceRegistration<?> registration;

    @Activate
    public RestNotifierComponent(BundleContext context, RestNotifierConfig config) {
        String userAgent = PRODUCT + "/" + context.getBundle().getVersion();
        RestNotifier notifier = new RestNotifier(RestSettings.of(config), userAgent);
        registration = context.registerService(
                new String[] {PartnerNotifier.class.getName(), ModuleHealth.class.getName()}, notifier,
                serviceProperties());
        if (notifier.problem() == null) {
            LOG.info("Partner {} delivers to {} as {}", PARTNER, notifier.settings().origin(), userAgent);
        } else {
            LOG.warn("Partner {} cannot deliver: {}; its records wait", PARTNER, notifier.problem());
        }
    }

    /** The module's properties and the partner id; never the URL or the token. */
    static Hashtable<String, Object> serviceProperties() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(Modules.ID, MODULE_ID);
        p.put(Modules.KIND, Modules.NOTIFIER);
        p.put(Modules.NAME, MODULE_NAME);
        p.put(Modules.PARTNER, PARTNER);
        return p;
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
    }
}
