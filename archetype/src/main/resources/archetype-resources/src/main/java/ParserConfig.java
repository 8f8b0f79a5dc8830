package ${package};

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The parser's settings, PID {@code ${package}} ({@code etc/${package}.cfg}). */
@ObjectClassDefinition(name = "Lapor Predator parser: ${platform}",
        description = "Recognises the links of platform ${platform}")
public @interface ParserConfig {

    @AttributeDefinition(description = "The platform's registrable domains, comma-separated; each claims its "
            + "subdomains too; the first is the host of the canonical URLs")
    String domains() default Parser.DEFAULT_DOMAIN;
}
