package org.laporpredator.api.cases;

import java.time.Instant;
import org.laporpredator.api.Category;
import org.laporpredator.api.ReportStatus;

/**
 * One line of the queue.
 *
 * @param urgent the reporter said a child is in danger right now
 */
public record QueueEntry(String reference, Instant createdAt, String channel, Category category, ReportStatus status,
        int itemCount, int unclassifiedCount, boolean urgent) {
}
