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
}
