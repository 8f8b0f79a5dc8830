package org.laporpredator.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lapor Predator intake limits")
public @interface CoreConfig {

    @AttributeDefinition(description = "Most links in one report")
    int maxUrls() default 50;

    @AttributeDefinition(description = "Longest link, in characters")
    int maxUrlLength() default 2048;

    @AttributeDefinition(description = "Longest description, in characters")
    int maxDescriptionLength() default 10000;

    @AttributeDefinition(description = "Longest contact, in characters")
    int maxContactLength() default 500;

    @AttributeDefinition(description = "Most items in one report, counting links found in the description and chat export")
    int maxItems() default 500;

    @AttributeDefinition(description = "Longest run of base64 or hex taken in any field; longer runs are refused as media")
    int maxEncodedRun() default 512;

    @AttributeDefinition(description = "Reports one client may send per minute, after its burst")
    int submissionsPerMinute() default 10;

    @AttributeDefinition(description = "Reports one client may send at once before the per-minute rate applies")
    int submissionBurst() default 20;

    @AttributeDefinition(required = false, description = "Reverse proxies whose Forwarded / X-Forwarded-For headers are"
            + " believed: addresses or networks, comma-separated (e.g. 127.0.0.1, 10.0.0.0/8). Empty: none")
    String trustedProxies() default "";
}
