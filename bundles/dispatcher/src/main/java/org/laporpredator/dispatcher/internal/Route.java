package org.laporpredator.dispatcher.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Set;
import java.util.stream.Collectors;
import org.laporpredator.spi.Events;

/**
 * What one partner takes, from its configuration: event types, and for them classifications, categories
 * and platforms (empty: any), event types that go only when the report is urgent, and whether the partner
 * is an authority (a delivered classification then moves the item's reports to REFERRED). A key that is
 * absent takes the partner's default; a key present and empty means any.
 */
record Route(String partner, Set<String> events, Set<String> classifications, Set<String> categories,
        Set<String> platforms, Set<String> urgentOnly, boolean authority) {

    static final Set<String> ALL_EVENTS = Set.of(Events.REPORT_RECEIVED, Events.ITEM_CLASSIFIED, Events.ITEM_REMOVED,
            Events.REPORT_STATUS_CHANGED);

    /** The routing of a partner without settings of its own. */
    static Route defaults(String partner) {
        if (partner.equals("cybersecurity-my")) {
            return new Route(partner, Set.of(Events.ITEM_CLASSIFIED, Events.ITEM_REMOVED), Set.of("CSAM", "CSAM_NATIONAL"),
                    Set.of(), Set.of(), Set.of(), true);
        }
        if (partner.equals("pdrm")) {
            return new Route(partner, Set.of(Events.REPORT_RECEIVED, Events.ITEM_CLASSIFIED),
                    Set.of("CSAM", "CSAM_NATIONAL", "GROOMING", "SEXTORTION"), Set.of(), Set.of(),
                    Set.of(Events.REPORT_RECEIVED), true);
        }
        if (partner.equals("reporters")) { // the chats' status updates (the conversation's chat-follow-up)
            return new Route(partner, Set.of(Events.REPORT_STATUS_CHANGED), Set.of(), Set.of(), Set.of(), Set.of(), false);
        }
        return new Route(partner, ALL_EVENTS, Set.of(), Set.of(), Set.of(), Set.of(), false);
    }

    /** The partner's defaults, overridden by the keys its configuration has. */
    static Route of(String partner, Dictionary<String, ?> config) {
        Route d = defaults(partner);
        return new Route(partner, set(config, "events", d.events), set(config, "classifications", d.classifications),
                set(config, "categories", d.categories), set(config, "platforms", d.platforms),
                set(config, "urgentOnly", d.urgentOnly), bool(config, "authority", d.authority));
    }

    private static Set<String> set(Dictionary<String, ?> config, String key, Set<String> fallback) {
        Object v = config == null ? null : config.get(key);
        if (v == null) {
            return fallback;
        }
        String[] parts = v instanceof String[] a ? a : String.valueOf(v).split(",");
        return Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    private static boolean bool(Dictionary<String, ?> config, String key, boolean fallback) {
        Object v = config == null ? null : config.get(key);
        return v == null || String.valueOf(v).isBlank() ? fallback : Boolean.parseBoolean(String.valueOf(v).strip());
    }

    /** Whether the partner takes this event, by its type and payload. */
    boolean wants(String type, JsonNode payload) {
        if (!events.contains(type)) {
            return false;
        }
        if (urgentOnly.contains(type) && !payload.path("urgent").asBoolean(false)) {
            return false;
        }
        switch (type) {
            case Events.ITEM_CLASSIFIED, Events.ITEM_REMOVED -> {
                return any(classifications, payload.path("classification"))
                        && any(platforms, payload.path("platform"));
            }
            case Events.REPORT_RECEIVED -> {
                if (!any(categories, payload.path("category"))) {
                    return false;
                }
                if (platforms.isEmpty()) {
                    return true;
                }
                for (JsonNode item : payload.path("items")) {
                    if (platforms.contains(item.path("platform").asText())) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return true; // status changes: by type only
            }
        }
    }

    private static boolean any(Set<String> allowed, JsonNode value) {
        return allowed.isEmpty() || (value.isTextual() && allowed.contains(value.asText()));
    }
}
