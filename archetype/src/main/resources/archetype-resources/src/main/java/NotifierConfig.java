package ${package};

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The notifier's settings, PID {@code ${package}} ({@code etc/${package}.cfg}). The dispatcher's routing of
 * the partner is its own PID, {@code org.laporpredator.notifier.${partner}}. The token's key is {@code .token}:
 * a private property, never published with the service.
 */
@ObjectClassDefinition(name = "Lapor Predator notifier: ${partner}",
        description = "POSTs each event's JSON to the partner.")
public @interface NotifierConfig {

    @AttributeDefinition(description = "Where events are POSTed: https, or http to a loopback address only; "
            + "empty: nothing is sent and the records wait")
    String url() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Sent as a bearer token; "
            + "taken from an environment variable")
    String _token() default "";

    @AttributeDefinition(min = "1", max = "300", description = "Connect and response timeout, in seconds")
    int timeoutSeconds() default 15;
}
