package org.laporpredator.dispatcher.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lapor Predator dispatcher")
public @interface DispatcherConfig {

    @AttributeDefinition(description = "With nothing to do, look for new events and due records this often (milliseconds)")
    int pollMillis() default 250;

    @AttributeDefinition(description = "Deliveries in flight at once, over all partners")
    int threads() default 16;

    @AttributeDefinition(description = "Records leased per claim")
    int batch() default 100;

    @AttributeDefinition(description = "While intake is busy, deliver at most this many records per second, so that submissions keep their speed (0: no limit)")
    int busyDeliveriesPerSecond() default 100;

    @AttributeDefinition(description = "Intake counts as busy while new events come faster than this (records fanned out per second)")
    int busyEventsPerSecond() default 50;

    @AttributeDefinition(description = "A lease lasts this long (seconds): a dispatcher that crashed mid-delivery leaves its records to others after it")
    int leaseSeconds() default 120;

    @AttributeDefinition(description = "The first retry comes after about this long (seconds); each further one waits twice as long")
    int firstRetrySeconds() default 30;

    @AttributeDefinition(description = "The longest wait between two attempts (minutes)")
    int maxRetryMinutes() default 240;

    @AttributeDefinition(description = "A record still failing this many days after its event is dead (shown to admins)")
    int maxAgeDays() default 7;

    @AttributeDefinition(description = "A failure the partner says no retry mends (e.g. HTTP 400) makes the record dead after this many attempts")
    int maxRefusedAttempts() default 3;

    @AttributeDefinition(description = "When an authority (a partner with authority = true) took an item's classification, move its reports to REFERRED")
    boolean referOnAuthority() default true;
}
