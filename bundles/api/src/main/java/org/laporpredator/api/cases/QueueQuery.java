package org.laporpredator.api.cases;

import org.laporpredator.api.Category;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.ReportStatus;

/**
 * A page of the analysts' queue; every filter may be null (any).
 *
 * @param classified  true: every item classified; false: some item not classified yet
 * @param text        found in the reference, the description or an item's canonical URL
 * @param newestFirst false: oldest first (the default: the longest waiting first)
 * @param page        from 0
 * @param size        1 to 200
 */
public record QueueQuery(ReportStatus status, Category category, PlatformHint platform,
        Boolean classified, String text, boolean newestFirst, int page, int size) {

    public QueueQuery {
        if (page < 0 || size < 1 || size > 200) {
            throw new IllegalArgumentException("page from 0, size from 1 to 200");
        }
    }

    /** The first page, oldest first, no filter. */
    public static QueueQuery first(int size) {
        return new QueueQuery(null, null, null, null, null, false, 0, size);
    }
}
