package org.laporpredator.notifier.cybersecuritymy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The official STIX 2.1 bundle schema (JSON Schema draft 2020-12), read from the copy in the test resources:
 * the schemas' {@code $id}s and relative {@code $ref}s resolve under their published prefix, mapped here to
 * the classpath. Formats ({@code uri} for url values) are asserted, not only annotated.
 */
final class StixSchema {

    static final String PREFIX = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
    private static final JsonSchema BUNDLE;

    static {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(PREFIX, "classpath:stix2.1-json-schemas/schemas/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        BUNDLE = factory.getSchema(SchemaLocation.of(PREFIX + "common/bundle.json"), config);
    }

    private StixSchema() {
    }

    /** What the schema finds wrong with a bundle; empty when it is valid. */
    static List<String> errors(JsonNode bundle) {
        Set<ValidationMessage> messages = BUNDLE.validate(bundle);
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }
}
