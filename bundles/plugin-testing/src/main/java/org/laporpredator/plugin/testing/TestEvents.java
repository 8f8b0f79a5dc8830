package org.laporpredator.plugin.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.StatusMessage;
import org.laporpredator.links.Url;
import org.laporpredator.spi.Events;
import org.laporpredator.spi.Kinds;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.Platforms;

/**
 * Outbox events as the platform writes them, for notifier tests: the types, payloads (version 1, every
 * field {@link Events} documents, in the store's order) and idempotency keys ({@code report-<reference>},
 * {@code item-<id>-<outbox id>}, {@code status-<reference>-<outbox id>}) of {@link Events}. Outbox ids
 * increase across all factories of the JVM, so every event is a new one.
 *
 * <p>Items are websites ({@code WEBSITE}, {@code WEB_PAGE}, identifier {@code host}, dedup key
 * {@code WEBSITE|WEB_PAGE|<canonical URL>}), the fallback every link can be; the payloads hold no contact,
 * description or note, as the platform's never do.
 */
public final class TestEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();

    private TestEvents() {
    }

    /** A new report: category a name of {@code org.laporpredator.api.Category}, e.g. {@code CSAM}. */
    public static OutboxEvent reportReceived(String reference, String category, String... canonicalUrls) {
        Instant at = now();
        ObjectNode p = JSON.createObjectNode();
        p.put("version", 1);
        p.put("reference", reference);
        p.put("category", category);
        p.putNull("platformHint");
        p.put("language", "ms");
        p.put("urgent", false);
        p.put("createdAt", at.toString());
        ArrayNode items = p.putArray("items");
        Set<String> seen = new LinkedHashSet<>();
        for (String url : canonicalUrls) {
            if (seen.add(url)) { // each distinct item once, in the order reported
                ObjectNode item = items.addObject();
                item.put("platform", Platforms.WEBSITE);
                item.put("kind", Kinds.WEB_PAGE);
                item.put("canonicalUrl", url);
                item.putObject("identifiers").put("host", host(url));
                item.put("dedupKey", dedupKey(url));
            }
        }
        return new OutboxEvent(IDS.incrementAndGet(), Events.REPORT_RECEIVED, "report-" + reference, p.toString(), at);
    }

    /** An analyst's classification of an item: classification a name of {@code Classification}, e.g. {@code CSAM}. */
    public static OutboxEvent itemClassified(long itemId, String canonicalUrl, String classification,
            String... references) {
        return item(Events.ITEM_CLASSIFIED, itemId, canonicalUrl, classification, false, references);
    }

    /** A removal recorded ({@code removed} true) or undone (false) for an item not classified yet (classification null). */
    public static OutboxEvent itemRemoved(long itemId, String canonicalUrl, boolean removed, String... references) {
        return item(Events.ITEM_REMOVED, itemId, canonicalUrl, null, removed, references);
    }

    /** A removal recorded or undone for an item with a classification. */
    public static OutboxEvent itemRemoved(long itemId, String canonicalUrl, String classification, boolean removed,
            String... references) {
        return item(Events.ITEM_REMOVED, itemId, canonicalUrl, classification, removed, references);
    }

    /** A report's status change: statuses names of {@code org.laporpredator.api.ReportStatus}, e.g. {@code RECEIVED}. */
    public static OutboxEvent statusChanged(String reference, String from, String to) {
        Instant at = now();
        long id = IDS.incrementAndGet();
        ObjectNode p = JSON.createObjectNode();
        p.put("version", 1);
        p.put("reference", reference);
        p.put("from", from);
        p.put("to", to);
        p.put("messageKey", messageKey(to));
        p.put("at", at.toString());
        return new OutboxEvent(id, Events.REPORT_STATUS_CHANGED, "status-" + reference + "-" + id, p.toString(), at);
    }

    private static OutboxEvent item(String type, long itemId, String canonicalUrl, String classification,
            boolean removed, String... references) {
        Instant at = now();
        long id = IDS.incrementAndGet();
        ObjectNode p = JSON.createObjectNode();
        p.put("version", 1);
        p.put("itemId", itemId);
        p.put("platform", Platforms.WEBSITE);
        p.put("kind", Kinds.WEB_PAGE);
        p.put("canonicalUrl", canonicalUrl);
        p.putObject("identifiers").put("host", host(canonicalUrl));
        p.put("dedupKey", dedupKey(canonicalUrl));
        p.put("classification", classification);
        p.put("removed", removed);
        p.put("removedAt", removed ? at.toString() : null);
        ArrayNode refs = p.putArray("references");
        for (String r : references) {
            refs.add(r);
        }
        p.put("at", at.toString());
        return new OutboxEvent(id, type, "item-" + itemId + "-" + id, p.toString(), at);
    }

    /** The key of the status's default message, as the store sends it ({@code UNDER_REVIEW} → {@code under-review}). */
    private static String messageKey(String status) {
        try {
            return StatusMessage.defaultFor(ReportStatus.valueOf(status)).key();
        } catch (RuntimeException e) {
            return status == null ? null : status.toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static String dedupKey(String canonicalUrl) {
        return Platforms.WEBSITE + "|" + Kinds.WEB_PAGE + "|" + canonicalUrl;
    }

    private static String host(String url) {
        try {
            return Url.parse(url).hostname();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
