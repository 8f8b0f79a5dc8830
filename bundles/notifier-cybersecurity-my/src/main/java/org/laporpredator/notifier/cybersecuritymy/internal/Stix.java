package org.laporpredator.notifier.cybersecuritymy.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.laporpredator.mail.partner.Facts;
import org.laporpredator.mail.partner.Letter;
import org.laporpredator.mail.partner.Words;
import org.laporpredator.spi.Events;

/**
 * The STIX 2.1 bundle for one event: for each link a {@code url} observable and an {@code indicator}
 * ({@code [url:value = '...']}), a {@code report} naming them, the {@code identity} of Lapor Predator as
 * their creator, and the TLP 2.0 TLP:RED marking definition as published by OASIS, marking every object.
 *
 * <p>Every id and time comes from the event, so a retry sends the same bundle: url ids are the STIX
 * deterministic ones (UUIDv5 in the SCO namespace over the canonical JSON of {@code value}); the others
 * are UUIDv5 in a Lapor Predator namespace over the idempotency key.
 */
final class Stix {

    static final String MEDIA_TYPE = "application/stix+json;version=2.1";
    /** STIX 2.1 section 2.9: the namespace of deterministic SCO ids. */
    static final UUID SCO_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");
    /** Lapor Predator's own namespace for the ids of the objects it makes. */
    static final UUID LAPOR_NAMESPACE = UUID.fromString("7421ccb2-4a70-4fe7-973a-732cd4ac7504");
    /** TLP 2.0 TLP:RED (oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0). */
    static final String TLP_RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
    static final String TLP_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
    static final String IDENTITY = "identity--" + Uuid5.of(LAPOR_NAMESPACE, "identity|Lapor Predator");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Stix() {
    }

    /** Whether the event has anything to put in a bundle: links. */
    static boolean applies(Facts f) {
        return f.links().stream().anyMatch(l -> l.url() != null);
    }

    static byte[] bundle(Facts f) {
        String key = f.event().idempotencyKey();
        String time = STAMP.format(f.at().truncatedTo(ChronoUnit.MILLIS));
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + Uuid5.of(LAPOR_NAMESPACE, "bundle|" + key));
        ArrayNode objects = bundle.putArray("objects");
        objects.add(tlpRed());
        objects.add(identity());

        List<String> refs = new ArrayList<>();
        Set<String> urls = new LinkedHashSet<>();
        for (Facts.Link l : f.links()) {
            if (l.url() == null) {
                continue;
            }
            String value = Rfc3986.encode(l.url());
            if (!urls.add(value)) {
                continue;
            }
            ObjectNode url = objects.addObject();
            String urlId = urlId(value);
            url.put("type", "url");
            url.put("spec_version", "2.1");
            url.put("id", urlId);
            url.put("value", value);
            marked(url);
            ObjectNode ind = objects.addObject();
            String indId = "indicator--" + Uuid5.of(LAPOR_NAMESPACE, "indicator|" + key + "|" + value);
            ind.put("type", "indicator");
            ind.put("spec_version", "2.1");
            ind.put("id", indId);
            ind.put("created_by_ref", IDENTITY);
            ind.put("created", time);
            ind.put("modified", time);
            ind.put("name", indicatorName(f, l));
            ind.putArray("indicator_types").add("malicious-activity");
            ind.put("pattern", pattern(value));
            ind.put("pattern_type", "stix");
            ind.put("pattern_version", "2.1");
            ind.put("valid_from", time);
            ArrayNode labels = ind.putArray("labels");
            labels.add("platform:" + l.platform().toLowerCase(Locale.ROOT));
            labels.add("kind:" + l.kind().toLowerCase(Locale.ROOT));
            if (f.classification() != null) {
                labels.add("classification:" + f.classification().toLowerCase(Locale.ROOT));
            }
            if (Boolean.TRUE.equals(f.removed())) {
                labels.add("removed");
            }
            marked(ind);
            refs.add(indId);
            refs.add(urlId);
        }

        ObjectNode report = objects.addObject();
        report.put("type", "report");
        report.put("spec_version", "2.1");
        report.put("id", "report--" + Uuid5.of(LAPOR_NAMESPACE, "report|" + key));
        report.put("created_by_ref", IDENTITY);
        report.put("created", time);
        report.put("modified", time);
        report.put("name", reportName(f));
        report.put("description", Letter.subject(f));
        report.putArray("report_types").add("indicator");
        report.put("published", time);
        ArrayNode objectRefs = report.putArray("object_refs");
        refs.forEach(objectRefs::add);
        ArrayNode external = report.putArray("external_references");
        for (String r : f.references()) {
            ObjectNode ref = external.addObject();
            ref.put("source_name", "lapor-predator");
            ref.put("external_id", r);
            ref.put("description", "Lapor Predator report reference");
        }
        ObjectNode event = external.addObject();
        event.put("source_name", "lapor-predator-event");
        event.put("external_id", key);
        event.put("description", "Lapor Predator outbox event " + f.type() + " (idempotency key)");
        marked(report);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            JSON.writeValue(out, bundle);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The TLP:RED marking definition exactly as OASIS publishes it. */
    static ObjectNode tlpRed() {
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "marking-definition");
        m.put("spec_version", "2.1");
        m.put("id", TLP_RED);
        m.put("created", "2022-10-01T00:00:00.000Z");
        m.put("name", "TLP:RED");
        ObjectNode ext = m.putObject("extensions").putObject(TLP_EXTENSION);
        ext.put("extension_type", "property-extension");
        ext.put("tlp_2_0", "red");
        return m;
    }

    private static ObjectNode identity() {
        ObjectNode i = JSON.createObjectNode();
        i.put("type", "identity");
        i.put("spec_version", "2.1");
        i.put("id", IDENTITY);
        i.put("created", "2026-01-01T00:00:00.000Z");
        i.put("modified", "2026-01-01T00:00:00.000Z");
        i.put("name", "Lapor Predator");
        i.put("description", "Malaysian hotline for reports of online child sexual exploitation");
        i.put("identity_class", "organization");
        marked(i);
        return i;
    }

    private static void marked(ObjectNode o) {
        o.putArray("object_marking_refs").add(TLP_RED);
    }

    /** STIX 2.1 section 2.9: UUIDv5 over the JCS (RFC 8785) serialisation of the id contributing properties. */
    static String urlId(String value) {
        return "url--" + Uuid5.of(SCO_NAMESPACE, "{\"value\":" + jcsString(value) + "}");
    }

    /** A string as RFC 8785 writes it (ECMAScript JSON.stringify). */
    static String jcsString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A STIX pattern matching exactly this URL: quotes and backslashes escaped (STIX 2.1 patterning, 9.4). */
    static String pattern(String value) {
        return "[url:value = '" + value.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private static String indicatorName(Facts f, Facts.Link l) {
        String what = f.classification() != null ? f.classification() + " link" : "Reported link";
        return what + " (" + l.platform() + " " + l.kind() + ")";
    }

    private static String reportName(Facts f) {
        String label = "Lapor Predator " + f.label() + ": ";
        return label + switch (f.type()) {
            case Events.ITEM_CLASSIFIED -> "link classified " + (f.classification() == null ? "" : f.classification());
            case Events.ITEM_REMOVED -> Boolean.TRUE.equals(f.removed()) ? "link removed" : "removal undone";
            case Events.REPORT_RECEIVED -> "new report, " + Words.links(f.links().size(), false);
            default -> f.type();
        };
    }
}
