package org.laporpredator.api;

import java.util.Map;

/**
 * One reported item. Items with the same {@code dedupKey} are one item in the store, whatever
 * report or shape of link they came from.
 *
 * @param input        what the reporter typed for it
 * @param platform     platform id, e.g. {@code WEBSITE}, {@code TELEGRAM}
 * @param kind         what kind of thing, e.g. {@code WEB_PAGE}, {@code CHANNEL}
 * @param identifiers  the platform's own identifiers (name to value)
 * @param canonicalUrl one canonical URL for the item
 * @param dedupKey     the identity of the item
 */
public record NewItem(String input, String platform, String kind, Map<String, String> identifiers,
        String canonicalUrl, String dedupKey) {

    public NewItem {
        identifiers = Map.copyOf(identifiers);
    }
}
