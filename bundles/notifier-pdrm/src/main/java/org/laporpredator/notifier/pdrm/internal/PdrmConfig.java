package org.laporpredator.notifier.pdrm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lapor Predator notifier: PDRM (Royal Malaysia Police)",
        description = "Mails each event to PDRM with its facts as JSON. The routing (events, classifications,"
                + " urgentOnly, authority) is read from the same PID by the dispatcher.")
public @interface PdrmConfig {

    @AttributeDefinition(description = "Recipients, comma-separated, as agreed with PDRM; empty: nothing is sent and the records wait")
    String to() default "";
}
