package org.laporpredator.status.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lapor Predator status lookups")
public @interface StatusConfig {

    @AttributeDefinition(description = "Status lookups one client may make per minute")
    int lookupsPerMinute() default 20;

    @AttributeDefinition(description = "Lookups a client may make at once before the per-minute rate applies")
    int burst() default 10;

    @AttributeDefinition(description = "Every lookup takes at least this long, found or not (milliseconds)")
    int lookupMillis() default 50;

    @AttributeDefinition(description = "How long the public counters are cached (seconds)")
    int statsCacheSeconds() default 5;
}
