package org.laporpredator.mail.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.laporpredator.spi.Events;
import org.laporpredator.spi.OutboxEvent;

/**
 * What an outbox event says, read from its payload ({@link Events}): only the fields the mail notifiers know,
 * so that a field added later is not sent on unread (a report's contact and description are never read).
 *
 * @param reference  the report's reference; for item events the first of {@code references}; null when the
 *                   event names none
 * @param at         when it happened: the report's {@code createdAt}, the decision's {@code at}, else when the
 *                   event was written
 * @param links      the items: a report's, or the one item of an item event
 * @param removed    for item events; null otherwise
 */
public record Facts(OutboxEvent event, String reference, List<String> references, Instant at, List<Link> links,
        String category, String platformHint, String language, boolean urgent, Long itemId, String classification,
        Boolean removed, Instant removedAt, String fromStatus, String toStatus) {

    /** One reported item. */
    public record Link(String platform, String kind, String url, Map<String, String> identifiers) {
    }

    /** An event the notifiers cannot read: sending it again will not help. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public String type() {
        return event.type();
    }

    /** item.classified or item.removed. */
    public boolean itemEvent() {
        return Events.ITEM_CLASSIFIED.equals(type()) || Events.ITEM_REMOVED.equals(type());
    }

    /**
     * Reads an event's payload.
     *
     * @throws Unreadable when it is not a JSON object, not payload version 1, or of an event type not known here
     */
    public static Facts of(OutboxEvent event) throws Unreadable {
        JsonNode p;
        try {
            p = JSON.readTree(event.payload() == null ? "" : event.payload());
        } catch (JsonProcessingException e) {
            throw new Unreadable("payload is not JSON");
        }
        if (p == null || !p.isObject()) {
            throw new Unreadable("payload is not a JSON object");
        }
        int version = p.path("version").asInt(1);
        if (version != 1) {
            throw new Unreadable("payload version " + version + " of " + event.type() + " is not known here");
        }
        Instant written = event.createdAt() == null ? Instant.now() : event.createdAt();
        switch (event.type() == null ? "" : event.type()) {
            case Events.REPORT_RECEIVED -> {
                List<Link> links = new ArrayList<>();
                for (JsonNode item : p.path("items")) {
                    links.add(link(item));
                }
                String reference = text(p, "reference");
                return new Facts(event, reference, reference == null ? List.of() : List.of(reference),
                        time(p, "createdAt", written), List.copyOf(links), text(p, "category"), text(p, "platformHint"),
                        text(p, "language"), p.path("urgent").asBoolean(false), null, null, null, null, null, null);
            }
            case Events.ITEM_CLASSIFIED, Events.ITEM_REMOVED -> {
                List<String> refs = new ArrayList<>();
                for (JsonNode r : p.path("references")) {
                    if (r.isTextual() && !r.asText().isBlank()) {
                        refs.add(r.asText().strip());
                    }
                }
                Long itemId = p.path("itemId").canConvertToLong() ? p.path("itemId").asLong() : null;
                return new Facts(event, refs.isEmpty() ? null : refs.get(0), List.copyOf(refs), time(p, "at", written),
                        List.of(link(p)), null, null, null, false, itemId, text(p, "classification"),
                        p.path("removed").asBoolean(false), time(p, "removedAt", null), null, null);
            }
            case Events.REPORT_STATUS_CHANGED -> {
                String reference = text(p, "reference");
                return new Facts(event, reference, reference == null ? List.of() : List.of(reference),
                        time(p, "at", written), List.of(), null, null, null, false, null, null, null, null,
                        text(p, "from"), text(p, "to"));
            }
            default -> throw new Unreadable("event type " + event.type() + " is not known here");
        }
    }

    private static Link link(JsonNode item) {
        Map<String, String> ids = new TreeMap<>();
        JsonNode identifiers = item.path("identifiers");
        for (Iterator<Map.Entry<String, JsonNode>> it = identifiers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                ids.put(e.getKey(), e.getValue().asText());
            }
        }
        return new Link(orUnknown(text(item, "platform")), orUnknown(text(item, "kind")), text(item, "canonicalUrl"),
                Collections.unmodifiableMap(new LinkedHashMap<>(ids)));
    }

    private static String orUnknown(String s) {
        return s == null ? "UNKNOWN" : s;
    }

    private static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }

    private static Instant time(JsonNode p, String field, Instant fallback) {
        String s = text(p, field);
        if (s == null) {
            return fallback;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    /** The reference for subjects and file names: the report's, else {@code item-<id>}, else the event's. */
    public String label() {
        String label = reference != null ? reference : itemId != null ? "item-" + itemId : "event-" + event.id();
        label = label.replaceAll("[^A-Za-z0-9._-]", "-");
        return label.length() > 64 ? label.substring(0, 64) : label;
    }
}
