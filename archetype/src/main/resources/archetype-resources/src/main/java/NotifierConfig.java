package ${package};

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The partner's settings, PID {@code org.laporpredator.notifier.${partner}} ({@code etc/org.laporpredator.notifier.${partner}.cfg}). The
 * routing keys in the same PID ({@code events}, {@code classifications}, {@code categories}, {@code platforms},
 * {@code urgentOnly}, {@code authority}) belong to the dispatcher and are not described here.
 */
@ObjectClassDefinition(name = "Lapor Predator notifier: ${partner}",
        description = "POSTs each event's JSON to the partner. The routing is read from the same PID by the dispatcher.")
public @interface NotifierConfig {

    @AttributeDefinition(description = "Where events are POSTed: https, or http to a loopback address only; "
            + "empty: nothing is sent and the records wait")
    String url() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Sent as a bearer token; "
            + "taken from an environment variable")
    String token() default "";

    @AttributeDefinition(min = "1", max = "300", description = "Connect and response timeout, in seconds")
    int timeoutSeconds() default 15;
}
