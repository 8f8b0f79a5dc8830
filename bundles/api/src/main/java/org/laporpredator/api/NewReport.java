package org.laporpredator.api;

import java.util.List;

/** A validated report with its parsed items, ready to be stored in one transaction. */
public record NewReport(String channel, Category category, PlatformHint platformHint, String description,
        String language, boolean anonymous, String contact, List<NewItem> items) {

    public NewReport {
        items = List.copyOf(items);
        if (anonymous) {
            contact = null;
        }
    }
}
