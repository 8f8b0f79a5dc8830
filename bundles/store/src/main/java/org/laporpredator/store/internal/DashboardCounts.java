package org.laporpredator.store.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.laporpredator.api.StatusRecord;
import org.laporpredator.api.cases.Dashboard;

/**
 * The dashboard's daily counters (V13, table {@code dashboard_count (day, dimension, name, value)}, row
 * locks): changes to them gathered in memory, then added to the table in the transaction that made them,
 * one {@code UPDATE ... SET value = value + ?} per distinct (day, dimension, name), an {@code INSERT} when
 * there is no row yet. Days are Malaysian ({@link StatusRecord#ZONE}), computed here for new writes (SQL
 * has no portable "day in a zone"; V13's backfill uses Derby's functions and the same rules).
 *
 * <ul>
 * <li>{@value #REPORTS} / {@value #ALL}, {@value #CATEGORY}, {@value #CHANNEL}: reports, on the day they
 * were received (the report writer).</li>
 * <li>{@value #PLATFORM}, {@value #CLASSIFICATION}: items, on the day they were first reported; a new item
 * counts as {@value #UNCLASSIFIED} (the writer), a decision moves it to its classification (a removal
 * alone leaves it unclassified).</li>
 * <li>{@value #TO_CLASSIFICATION}: from an item's first report to its first classification, on the day of
 * that classification; {@value #TO_REMOVAL}: from the first report to the recorded removal time, on the
 * day of that removal time (an undo takes it back, a removal recorded again moves it). Both are
 * histograms: the name is the {@link #bucket} of the duration.</li>
 * </ul>
 */
final class DashboardCounts {

    static final String REPORTS = "reports";
    static final String ALL = "all";
    static final String CATEGORY = "category";
    static final String CHANNEL = "channel";
    static final String PLATFORM = "platform";
    static final String CLASSIFICATION = "classification";
    static final String TO_CLASSIFICATION = "to_classification";
    static final String TO_REMOVAL = "to_removal";
    static final String UNCLASSIFIED = "UNCLASSIFIED";

    /** Each bucket of a histogram is this many times as wide as the one before. */
    static final double RATIO = 1.05;
    private static final double LN_RATIO = StrictMath.log(RATIO);
    /** How far a median may be from the true one: the bucket's half width, plus the seconds cut off. */
    static final double ACCURACY = Math.sqrt(RATIO) - 1; // 2.47 %

    static final String ADD = "UPDATE dashboard_count SET value = value + ? WHERE day = ? AND dimension = ? AND name = ?";
    static final String INSERT = "INSERT INTO dashboard_count (day, dimension, name, value) VALUES (?, ?, ?, ?)";
    private static final String UNIQUE_VIOLATION = "23505";

    /** One counter. Ordered by day, dimension, name: every transaction updates its rows in that order. */
    record Key(LocalDate day, String dimension, String name) implements Comparable<Key> {

        @Override
        public int compareTo(Key o) {
            int c = day.compareTo(o.day);
            if (c == 0) {
                c = dimension.compareTo(o.dimension);
            }
            return c == 0 ? name.compareTo(o.name) : c;
        }
    }

    private final TreeMap<Key, Long> deltas = new TreeMap<>();

    /** The Malaysian day of an instant. */
    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, StatusRecord.ZONE);
    }

    /**
     * A duration's bucket: 0 below one second (and for a negative one), else {@code 1 + floor(ln s / ln 1.05)}
     * for its whole seconds {@code s}, so bucket {@code b} holds {@code [1.05^(b-1), 1.05^b)} seconds. V13
     * computes the same in SQL (StrictMath's logarithm is Derby's {@code LN}); a test holds them equal.
     */
    static int bucket(Duration d) {
        long seconds = d.isNegative() ? 0 : d.getSeconds();
        return seconds == 0 ? 0 : 1 + (int) Math.floor(StrictMath.log(seconds) / LN_RATIO);
    }

    /**
     * The middle of a bucket: half a second for bucket 0, else {@code 1.05^(b-1/2)} seconds (its geometric
     * middle), within {@link #ACCURACY} of every whole number of seconds in the bucket.
     */
    static Duration middle(int bucket) {
        if (bucket <= 0) {
            return Duration.ofMillis(500);
        }
        return Duration.ofMillis(Math.round(1000 * Math.pow(RATIO, bucket - 0.5)));
    }

    /**
     * The median of a histogram (bucket to count; counts of 0 or below are ignored): the middle of the bucket
     * holding the middle duration, or the mean of the two middles' buckets' middles; null when empty.
     */
    static Duration median(Map<Integer, Long> histogram) {
        TreeMap<Integer, Long> sorted = new TreeMap<>();
        long total = 0;
        for (Map.Entry<Integer, Long> e : histogram.entrySet()) {
            if (e.getValue() > 0) {
                sorted.put(e.getKey(), e.getValue());
                total += e.getValue();
            }
        }
        if (total == 0) {
            return null;
        }
        long low = (total + 1) / 2; // 1-based ranks of the middle one or two
        long high = total / 2 + 1;
        Integer lowBucket = null;
        Integer highBucket = null;
        long seen = 0;
        for (Map.Entry<Integer, Long> e : sorted.entrySet()) {
            seen += e.getValue();
            if (lowBucket == null && seen >= low) {
                lowBucket = e.getKey();
            }
            if (seen >= high) {
                highBucket = e.getKey();
                break;
            }
        }
        Duration a = middle(lowBucket);
        Duration b = middle(highBucket);
        return a.plus(b).dividedBy(2);
    }

    void add(LocalDate day, String dimension, String name, long delta) {
        if (delta != 0) {
            deltas.merge(new Key(day, dimension, name), delta, Long::sum);
        }
    }

    /** A report received at {@code at}. */
    void report(Instant at, String category, String channel) {
        LocalDate day = day(at);
        add(day, REPORTS, ALL, 1);
        add(day, CATEGORY, category, 1);
        add(day, CHANNEL, channel, 1);
    }

    /** A new item, first reported at {@code at}: unclassified. */
    void newItem(Instant at, String platform) {
        LocalDate day = day(at);
        add(day, PLATFORM, platform, 1);
        add(day, CLASSIFICATION, UNCLASSIFIED, 1);
    }

    /**
     * A decision on an item first reported at {@code firstReported}: its classification and removal time
     * before and after (null: none). Reclassifying moves the item's count, not its first classification.
     */
    void decision(Instant firstReported, String classificationBefore, String classificationAfter, Instant removedBefore,
            Instant removedAfter, Instant now) {
        String before = classificationBefore == null ? UNCLASSIFIED : classificationBefore;
        String after = classificationAfter == null ? UNCLASSIFIED : classificationAfter;
        if (!before.equals(after)) {
            LocalDate first = day(firstReported);
            add(first, CLASSIFICATION, before, -1);
            add(first, CLASSIFICATION, after, 1);
        }
        if (classificationBefore == null && classificationAfter != null) {
            add(day(now), TO_CLASSIFICATION, Integer.toString(bucket(Duration.between(firstReported, now))), 1);
        }
        if (!Objects.equals(removedBefore, removedAfter)) {
            if (removedBefore != null) {
                add(day(removedBefore), TO_REMOVAL, Integer.toString(bucket(Duration.between(firstReported,
                        removedBefore))), -1);
            }
            if (removedAfter != null) {
                add(day(removedAfter), TO_REMOVAL, Integer.toString(bucket(Duration.between(firstReported,
                        removedAfter))), 1);
            }
        }
    }

    void addAll(DashboardCounts other) {
        other.deltas.forEach((k, v) -> add(k.day(), k.dimension(), k.name(), v));
    }

    boolean isEmpty() {
        return deltas.isEmpty();
    }

    void clear() {
        deltas.clear();
    }

    /** The changes, in key order (for tests and the bench's seed). */
    Map<Key, Long> deltas() {
        return Collections.unmodifiableMap(deltas);
    }

    /** Adds the changes on {@code c}, statements prepared and closed here. */
    void write(Connection c) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        try (PreparedStatement add = c.prepareStatement(ADD); PreparedStatement insert = c.prepareStatement(INSERT)) {
            write(c, add, insert);
        }
    }

    /**
     * Adds the changes with {@link #ADD} and {@link #INSERT} prepared on {@code c}, in key order; then forgets
     * them. A counter another transaction inserted meanwhile (duplicate key) is updated again; the insert runs
     * under a savepoint, as a database that aborts the transaction on a failed statement needs.
     */
    void write(Connection c, PreparedStatement add, PreparedStatement insert) throws SQLException {
        for (Map.Entry<Key, Long> e : deltas.entrySet()) {
            Key k = e.getKey();
            Date day = Date.valueOf(k.day());
            if (update(add, day, k, e.getValue())) {
                continue;
            }
            insert.setDate(1, day);
            insert.setString(2, k.dimension());
            insert.setString(3, k.name());
            insert.setLong(4, e.getValue());
            Savepoint before = c.setSavepoint();
            try {
                insert.executeUpdate();
                c.releaseSavepoint(before);
            } catch (SQLException duplicate) {
                if (!UNIQUE_VIOLATION.equals(duplicate.getSQLState())) {
                    throw duplicate;
                }
                c.rollback(before);
                if (!update(add, day, k, e.getValue())) {
                    throw new SQLException("Dashboard counter neither insertable nor present", "40001");
                }
            }
        }
        deltas.clear();
    }

    private static boolean update(PreparedStatement add, Date day, Key k, long delta) throws SQLException {
        add.setLong(1, delta);
        add.setDate(2, day);
        add.setString(3, k.dimension());
        add.setString(4, k.name());
        return add.executeUpdate() == 1;
    }

    /**
     * The dashboard of the {@code days} days from {@code first}, read from the counters alone: one statement
     * over the primary key's range of those days. {@code removedShare} comes from elsewhere (all time).
     */
    static Dashboard read(Connection c, LocalDate first, int days, double removedShare) throws SQLException {
        long[] perDay = new long[days];
        Map<String, Long> byCategory = new HashMap<>();
        Map<String, Long> byChannel = new HashMap<>();
        Map<String, Long> byPlatform = new HashMap<>();
        Map<String, Long> byClassification = new HashMap<>();
        Map<Integer, Long> toClassification = new HashMap<>();
        Map<Integer, Long> toRemoval = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT day, dimension, name, value FROM dashboard_count"
                + " WHERE day >= ? AND day <= ?")) {
            ps.setDate(1, Date.valueOf(first));
            ps.setDate(2, Date.valueOf(first.plusDays(days - 1L)));
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(3).trim();
                    long value = rs.getLong(4);
                    switch (rs.getString(2).trim()) {
                        case REPORTS -> {
                            int index = (int) (rs.getDate(1).toLocalDate().toEpochDay() - first.toEpochDay());
                            if (index >= 0 && index < days) {
                                perDay[index] += value;
                            }
                        }
                        case CATEGORY -> byCategory.merge(name, value, Long::sum);
                        case CHANNEL -> byChannel.merge(name, value, Long::sum);
                        case PLATFORM -> byPlatform.merge(name, value, Long::sum);
                        case CLASSIFICATION -> byClassification.merge(name, value, Long::sum);
                        case TO_CLASSIFICATION -> toClassification.merge(Integer.parseInt(name), value, Long::sum);
                        case TO_REMOVAL -> toRemoval.merge(Integer.parseInt(name), value, Long::sum);
                        default -> {
                            // a dimension a later version counts
                        }
                    }
                }
            }
        }
        List<Dashboard.DayCount> reportsPerDay = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            reportsPerDay.add(new Dashboard.DayCount(first.plusDays(i), perDay[i]));
        }
        return new Dashboard(days, reportsPerDay, positive(byCategory), positive(byChannel), positive(byPlatform),
                positive(byClassification), removedShare, median(toClassification), median(toRemoval));
    }

    /** Counters that went back to 0 (an item reclassified away) are left out. */
    private static Map<String, Long> positive(Map<String, Long> counts) {
        counts.values().removeIf(v -> v <= 0);
        return counts;
    }
}
