package org.laporpredator.spi;

import java.util.Map;

/**
 * What a parser made of a link.
 *
 * @param platform     platform id, e.g. {@code TELEGRAM}
 * @param kind         e.g. {@code CHANNEL}, {@code WEB_PAGE}
 * @param identifiers  the platform's own identifiers
 * @param canonicalUrl one canonical URL for the item
 * @param dedupKey     the identity of the item: every shape of the same item gives the same key
 */
public record ParsedItem(String platform, String kind, Map<String, String> identifiers, String canonicalUrl,
        String dedupKey) {

    public ParsedItem {
        identifiers = Map.copyOf(identifiers);
    }

    /** An item whose identity is its platform, kind and canonical URL. */
    public static ParsedItem of(String platform, String kind, Map<String, String> identifiers, String canonicalUrl) {
        return new ParsedItem(platform, kind, identifiers, canonicalUrl, platform + "|" + kind + "|" + canonicalUrl);
    }
}
