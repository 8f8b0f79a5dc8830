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
 */
public record Submission(String channel, PlatformHint platformHint, List<String> urls, Category category,
        String description, boolean anonymous, String contact, String language, String chatExport) {

    public Submission {
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    /** A submission without a chat export. */
    public Submission(String channel, PlatformHint platformHint, List<String> urls, Category category,
            String description, boolean anonymous, String contact, String language) {
        this(channel, platformHint, urls, category, description, anonymous, contact, language, null);
    }
}
