package ${package};

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The channel's settings, PID {@code ${package}} ({@code etc/${package}.cfg}). */
@ObjectClassDefinition(name = "Lapor Predator channel: ${moduleId}",
        description = "Takes reports from its transport and submits them to the platform")
public @interface ChannelConfig {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The shared secret a sender presents; "
            + "taken from an environment variable; empty: the channel takes nothing")
    String _token() default "";

    @AttributeDefinition(options = {
        @org.osgi.service.metatype.annotations.Option(value = "ms", label = "Bahasa Malaysia"),
        @org.osgi.service.metatype.annotations.Option(value = "en", label = "English")
    }, description = "The reporters' language when a message does not say it")
    String language() default "ms";

    @AttributeDefinition(min = "1", max = "100", description = "The most links one message may carry")
    int maxLinks() default 20;
}
