package org.laporpredator.mail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lapor Predator mail (SMTP)", description = "The SMTP server notifiers send through")
public @interface MailConfig {

    @AttributeDefinition(description = "SMTP server host name; empty: no mail is sent (notifiers' records wait)")
    String host() default "";

    @AttributeDefinition(description = "SMTP port; 0: 587 for starttls, 465 for smtps, 25 for none")
    int port() default 0;

    @AttributeDefinition(description = "none (only for a loopback host), starttls (required) or smtps (TLS from the start)")
    String security() default "starttls";

    @AttributeDefinition(description = "SMTP login; empty: no login")
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "SMTP password, e.g. ${env:LAPOR_SMTP_PASSWORD} in the cfg file")
    String password() default "";

    @AttributeDefinition(description = "The sender address (From and envelope sender)")
    String from() default "";

    @AttributeDefinition(description = "Connect, read and write timeout (seconds)")
    int timeoutSeconds() default 30;
}
