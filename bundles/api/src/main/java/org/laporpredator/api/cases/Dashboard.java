package org.laporpredator.api.cases;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures of the last {@code days} days (in Malaysian time) for the console's dashboard. Items are those
 * <em>first reported</em> in the period (an item named again in the period but first reported before it is
 * not counted). The medians are read from histograms of log-scale buckets: within 2.5 % of the exact median,
 * plus under a second.
 *
 * @param reportsPerDay             every day of the period, oldest first, zero days included
 * @param byCategory                reports of the period by category name
 * @param byChannel                 reports of the period by channel id
 * @param byPlatform                items first reported in the period, by platform
 * @param itemsByClassification     items first reported in the period, by their classification name now,
 *                                  {@code UNCLASSIFIED} for the rest (a removal alone included)
 * @param removedShare              of the items classified CSAM or CSAM_NATIONAL, the share with a removal (0 to 1);
 *                                  all time, not the period's
 * @param medianToFirstClassification over the first classifications made in the period: from the item's first
 *                                  report to its first classification; null without any
 * @param medianToRemoval           over the removals whose recorded time is in the period: from the item's first
 *                                  report to that time; null without any
 */
public record Dashboard(int days, List<DayCount> reportsPerDay, Map<String, Long> byCategory, Map<String, Long> byChannel,
        Map<String, Long> byPlatform, Map<String, Long> itemsByClassification, double removedShare,
        Duration medianToFirstClassification, Duration medianToRemoval) {

    public Dashboard {
        reportsPerDay = List.copyOf(reportsPerDay);
        byCategory = Map.copyOf(byCategory);
        byChannel = Map.copyOf(byChannel);
        byPlatform = Map.copyOf(byPlatform);
        itemsByClassification = Map.copyOf(itemsByClassification);
    }

    /** Reports received on one day. */
    public record DayCount(LocalDate day, long reports) {
    }
}
