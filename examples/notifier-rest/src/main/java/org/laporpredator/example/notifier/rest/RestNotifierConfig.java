package org.laporpredator.example.notifier.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.laporpredator.example.notifier.rest.cfg}. */
@ObjectClassDefinition(name = "Lapor Predator example REST notifier",
        description = "Classified and removed items POSTed as JSON to one partner's REST endpoint")
public @interface RestNotifierConfig {

    @AttributeDefinition(description = "Where items are POSTed: https (http for a test endpoint); empty: nothing is sent")
    String url() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "Sent as Authorization: Bearer <token>; typically ${env:LAPOR_EXAMPLE_REST_TOKEN}")
    String token() default "";

    @AttributeDefinition(min = "1", max = "300", description = "Connect and response timeout, in seconds")
    int timeoutSeconds() default RestNotifier.DEFAULT_TIMEOUT_SECONDS;
}
