package org.laporpredator.api;

import java.util.List;

/**
 * A validated report with its parsed items, ready to be stored in one transaction.
 *
 * @param idempotency the sender's retry key, stored with the report so a retry finds it; or null
 * @param urgent      the reporter says a child is in danger right now: the police are told at once
 */
public record NewReport(String channel, Category category, PlatformHint platformHint, String description,
        String language, boolean anonymous, String contact, List<NewItem> items, IdempotencyKey idempotency,
        boolean urgent) {

    public NewReport {
        items = List.copyOf(items);
        if (anonymous) {
            contact = null;
        }
    }

    /** A report that is not urgent. */
    public NewReport(String channel, Category category, PlatformHint platformHint, String description,
            String language, boolean anonymous, String contact, List<NewItem> items, IdempotencyKey idempotency) {
        this(channel, category, platformHint, description, language, anonymous, contact, items, idempotency, false);
    }

    /** A report without an idempotency key, not urgent. */
    public NewReport(String channel, Category category, PlatformHint platformHint, String description,
            String language, boolean anonymous, String contact, List<NewItem> items) {
        this(channel, category, platformHint, description, language, anonymous, contact, items, null, false);
    }
}
