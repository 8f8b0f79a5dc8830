package org.laporpredator.mail.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import org.laporpredator.mail.Mailer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Registers the {@link Mailer} service from configuration PID {@value Mailer#PID}. It registers the service
 * itself rather than through DS, because DS would publish every configuration property, the password
 * among them, as a service property that {@code service:list} shows. Configuration changes update the one
 * mailer in place: notifiers keep their reference.
 */
@Component(service = {}, immediate = true, configurationPid = Mailer.PID)
@Designate(ocd = MailConfig.class)
public class MailerComponent {

    private final SmtpMailer mailer;
    private final ServiceRegistration<Mailer> registration;

    @Activate
    public MailerComponent(BundleContext context, MailConfig config) {
        mailer = new SmtpMailer(Settings.of(config));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_DESCRIPTION, "Lapor Predator SMTP mailer");
        registration = context.registerService(Mailer.class, mailer, props);
        mailer.checkSoon();
    }

    @Modified
    void modified(MailConfig config) {
        mailer.update(Settings.of(config));
        mailer.checkSoon();
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // the framework is stopping and took it already
        }
        mailer.close();
    }
}
