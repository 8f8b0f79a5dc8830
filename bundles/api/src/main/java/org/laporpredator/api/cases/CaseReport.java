package org.laporpredator.api.cases;

import java.time.Instant;
import java.util.List;
import org.laporpredator.api.Category;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.StatusMessage;

/**
 * A report as an analyst reads it: never the contact (see {@link Cases#revealContact}).
 *
 * @param statusMessage the message the reporter sees with the status (the status's default when none was chosen)
 * @param urgent        the reporter said a child is in danger right now
 */
public record CaseReport(String reference, Instant createdAt, String channel, Category category, PlatformHint platformHint,
        String description, String language, boolean anonymous, ReportStatus status, StatusMessage statusMessage, List<CaseItem> items,
        List<HistoryEntry> history, boolean urgent) {

    public CaseReport {
        items = List.copyOf(items);
        history = List.copyOf(history);
    }
}
