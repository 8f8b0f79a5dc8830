package org.laporpredator.conversation.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lapor Predator conversation", description = "The reporting conversation of the chat channels")
public @interface ConversationConfig {

    @AttributeDefinition(description = "The public web address reporters check their status at, named in the answers")
    String siteUrl() default "http://localhost:8181";
}
