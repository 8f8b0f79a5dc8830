package org.laporpredator.api;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One reported item. Items with the same {@code dedupKey} are one item in the store, whatever
 * report or shape of link they came from.
 *
 * @param input        what the reporter typed for it (or the text found in the description or chat)
 * @param platform     platform id, e.g. {@code WEBSITE}, {@code TELEGRAM}
 * @param kind         what kind of thing, e.g. {@code WEB_PAGE}, {@code CHANNEL}
 * @param identifiers  the platform's own identifiers (name to value)
 * @param canonicalUrl one canonical URL for the item
 * @param dedupKey     the identity of the item
 * @param source       where in the report it was found
 * @param seenAt       the time of the chat message it appeared in (local time as the export shows it), or null
 */
public record NewItem(String input, String platform, String kind, Map<String, String> identifiers,
        String canonicalUrl, String dedupKey, ItemSource source, LocalDateTime seenAt) {

    public NewItem {
        identifiers = Map.copyOf(identifiers);
        source = source == null ? ItemSource.URLS : source;
    }

    /** An item from the report's list of links. */
    public NewItem(String input, String platform, String kind, Map<String, String> identifiers, String canonicalUrl,
            String dedupKey) {
        this(input, platform, kind, identifiers, canonicalUrl, dedupKey, ItemSource.URLS, null);
    }
}
