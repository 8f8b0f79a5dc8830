package org.laporpredator.api;

import java.time.LocalDateTime;

/** One item of a receipt: what the reporter typed (or what was found) and what the platform made of it. */
public record ReceiptItem(String input, String platform, String kind, String canonicalUrl, ItemSource source,
        LocalDateTime seenAt) {

    public ReceiptItem {
        source = source == null ? ItemSource.URLS : source;
    }

    public ReceiptItem(String input, String platform, String kind, String canonicalUrl) {
        this(input, platform, kind, canonicalUrl, ItemSource.URLS, null);
    }
}
