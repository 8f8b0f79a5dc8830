package org.laporpredator.api;

import java.util.List;

/**
 * A report as a channel received it, before validation.
 *
 * @param channel      id of the channel module it came through (e.g. {@code channel-web})
 * @param platformHint the platform the reporter picked, or null
 * @param urls         the links as the reporter typed them, one entry each
 * @param category     what the report is about
 * @param description  free text, or null
 * @param anonymous    true when the reporter gives no contact
 * @param contact      how to reach the reporter, or null; ignored when anonymous
 * @param language     the reporter's language ({@code ms} or {@code en})
 * @param chatExport   a WhatsApp chat export (.txt) as text, or null
 * @param client       an opaque key of the sender (for the web, its address group), used only to limit
 *                     submissions per client in memory; never stored or logged; null when unknown
 * @param idempotencyKey the sender's key for retries of this submission (HTTP {@code Idempotency-Key}), or null
 * @param urgent       the reporter says a child is in danger right now
 */
public record Submission(String channel, PlatformHint platformHint, List<String> urls, Category category,
        String description, boolean anonymous, String contact, String language, String chatExport,
        String client, String idempotencyKey, boolean urgent) {

    public Submission {
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    /** A submission that is not urgent. */
    public Submission(String channel, PlatformHint platformHint, List<String> urls, Category category,
            String description, boolean anonymous, String contact, String language, String chatExport,
            String client, String idempotencyKey) {
        this(channel, platformHint, urls, category, description, anonymous, contact, language, chatExport, client,
                idempotencyKey, false);
    }

    /** A submission without a client key or idempotency key, not urgent. */
    public Submission(String channel, PlatformHint platformHint, List<String> urls, Category category,
            String description, boolean anonymous, String contact, String language, String chatExport) {
        this(channel, platformHint, urls, category, description, anonymous, contact, language, chatExport, null, null,
                false);
    }

    /** The same submission, urgent or not. */
    public Submission withUrgent(boolean isUrgent) {
        return new Submission(channel, platformHint, urls, category, description, anonymous, contact, language,
                chatExport, client, idempotencyKey, isUrgent);
    }

    /** The same submission from the given client with the given idempotency key. */
    public Submission from(String client, String idempotencyKey) {
        return new Submission(channel, platformHint, urls, category, description, anonymous, contact, language,
                chatExport, client, idempotencyKey, urgent);
    }

    /** A submission without a chat export. */
    public Submission(String channel, PlatformHint platformHint, List<String> urls, Category category,
            String description, boolean anonymous, String contact, String language) {
        this(channel, platformHint, urls, category, description, anonymous, contact, language, null);
    }
}
