package org.laporpredator.api.cases;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.laporpredator.api.ItemSource;

/**
 * An item as an analyst sees it within a report.
 *
 * @param source        where this report had it from; null outside a report
 * @param seenAt        the chat message's time, or null
 * @param reportCount   how many reports name this item
 * @param classification null until classified
 * @param removedAt     null unless a removal is recorded
 */
public record CaseItem(long id, String platform, String kind, Map<String, String> identifiers, String canonicalUrl,
        ItemSource source, LocalDateTime seenAt, int reportCount, Classification classification, String classifiedBy,
        Instant classifiedAt, Instant removedAt) {

    public CaseItem {
        identifiers = Map.copyOf(identifiers);
    }
}
