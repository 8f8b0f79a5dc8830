package org.laporpredator.itests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a JSON value against an OpenAPI 3.0 schema: $ref, type, nullable, required, properties, items, enum, pattern, oneOf. */
final class OpenApi {

    private final JsonNode document;

    OpenApi(JsonNode document) {
        this.document = document;
    }

    JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        while (n != null && n.has("$ref")) {
            n = document.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }

    /** The problems of a value against a schema, empty when it conforms. */
    List<String> check(JsonNode schema, JsonNode value, String where) {
        List<String> problems = new ArrayList<>();
        check(resolve(schema), value, where, problems);
        return problems;
    }

    private void check(JsonNode s, JsonNode v, String where, List<String> problems) {
        if (s == null || s.isMissingNode()) {
            return;
        }
        if (v == null || v.isNull()) {
            if (!s.path("nullable").asBoolean(false) && s.has("type")) {
                problems.add(where + " is null");
            }
            return;
        }
        if (s.has("oneOf")) {
            for (JsonNode option : s.get("oneOf")) {
                if (check(option, v, where).isEmpty()) {
                    return;
                }
            }
            problems.add(where + " matches none of oneOf");
            return;
        }
        String type = s.path("type").asText("");
        boolean ok = switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            default -> true;
        };
        if (!ok) {
            problems.add(where + " is not " + type + ": " + v);
            return;
        }
        if (s.has("enum")) {
            boolean found = false;
            for (JsonNode e : s.get("enum")) {
                found |= e.equals(v);
            }
            if (!found) {
                problems.add(where + " = " + v + " is not one of " + s.get("enum"));
            }
        }
        if (s.has("pattern") && v.isTextual() && !Pattern.compile(s.get("pattern").asText()).matcher(v.asText()).find()) {
            problems.add(where + " = " + v + " does not match " + s.get("pattern"));
        }
        if (s.has("required")) {
            for (JsonNode r : s.get("required")) {
                if (!v.has(r.asText())) {
                    problems.add(where + " lacks " + r.asText());
                }
            }
        }
        if (s.has("properties")) {
            Iterator<Map.Entry<String, JsonNode>> props = s.get("properties").fields();
            while (props.hasNext()) {
                Map.Entry<String, JsonNode> p = props.next();
                if (v.has(p.getKey())) {
                    check(resolve(p.getValue()), v.get(p.getKey()), where + "." + p.getKey(), problems);
                }
            }
        }
        if (s.has("items") && v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                check(resolve(s.get("items")), v.get(i), where + "[" + i + "]", problems);
            }
        }
    }
}
