package org.laporpredator.notifier.webhook.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One webhook partner: {@code etc/org.laporpredator.notifier.webhook-<name>.cfg}, partner id
 * {@code webhook-<name>}. The routing keys ({@code events}, {@code categories}, {@code classifications},
 * {@code platforms}, {@code urgentOnly}, {@code authority}) belong to the dispatcher and are not described
 * here. Read by {@link WebhookSettings}, which tolerates what metatype would reject (a bad timeout falls back
 * to 15 s).
 */
@ObjectClassDefinition(name = "Lapor Predator webhook partner",
        description = "Signed Standard Webhooks POSTs to one partner; one factory configuration per partner")
public @interface WebhookConfig {

    @AttributeDefinition(description = "Where events are POSTed: https, or http only to a loopback host")
    String url();

    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "whsec_ followed by the base64 of 24 to 64 random bytes, shared with the partner; "
                    + "typically taken from an environment variable")
    String secret();

    @AttributeDefinition(description = "Send the reporter's description with report.received as data.description "
            + "(it may hold what reporters wrote about themselves; never their contact)")
    boolean description() default false;

    @AttributeDefinition(min = "1", max = "300", description = "Connect and response timeout, in seconds")
    int timeoutSeconds() default WebhookSettings.DEFAULT_TIMEOUT_SECONDS;
}
