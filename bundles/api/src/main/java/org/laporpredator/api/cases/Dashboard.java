package org.laporpredator.api.cases;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures of the last {@code days} days (in Malaysian time) for the console's dashboard.
 *
 * @param reportsPerDay             every day of the period, oldest first, zero days included
 * @param byCategory                reports by category name
 * @param byChannel                 reports by channel id
 * @param byPlatform                items by platform, of the reports of the period
 * @param itemsByClassification     items of the period by classification name, {@code UNCLASSIFIED} for the rest
 * @param removedShare              of the items classified CSAM or CSAM_NATIONAL, the share with a removal (0 to 1)
 * @param medianToFirstClassification from an item's first report to its first classification; null without any
 * @param medianToRemoval           from an item's first report to its recorded removal; null without any
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
