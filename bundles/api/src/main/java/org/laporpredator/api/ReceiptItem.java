package org.laporpredator.api;

/** One item of a receipt: what the reporter typed and what the platform made of it. */
public record ReceiptItem(String input, String platform, String kind, String canonicalUrl) {
}
