package org.laporpredator.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

public class DashboardCountsTest {

    /** The bucket expression of V13's backfill, as the script has it. */
    private static String bucketSql() throws Exception {
        try (InputStream in = DashboardCountsTest.class.getResourceAsStream("/db/derby/V13__dashboard_counts.sql")) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("CASE WHEN seconds <= 0 THEN 0 ELSE .*? END").matcher(script);
            assertTrue(m.find());
            return m.group();
        }
    }

    @Test
    public void theBackfillsSqlPutsEveryDurationInTheBucketJavaDoes() throws Exception {
        // around every bucket boundary, whole seconds and their last millisecond; negative ones; random ones
        List<Long> millis = new ArrayList<>(List.of(-5000L, -1000L, -999L, -1L, 0L, 1L, 999L));
        for (int k = 0; k <= 460; k++) {
            double bound = Math.pow(DashboardCounts.RATIO, k);
            for (long s = (long) Math.floor(bound) - 2; s <= (long) Math.ceil(bound) + 2; s++) {
                if (s > 0) {
                    millis.add(s * 1000);
                    millis.add(s * 1000 + 999);
                }
            }
        }
        Random random = new Random(13);
        for (int i = 0; i < 2000; i++) {
            millis.add((long) Math.exp(random.nextDouble() * Math.log(3e12)));
        }
        TestDb db = new TestDb();
        try (Connection c = db.dataSource.getConnection()) {
            c.createStatement().execute("CREATE TABLE t (ms BIGINT, a TIMESTAMP, b TIMESTAMP)");
            Instant base = Instant.parse("2020-01-01T00:00:00Z");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (ms, a, b) VALUES (?, ?, ?)")) {
                for (long ms : millis) {
                    ps.setLong(1, ms);
                    Times.set(ps, 2, base);
                    Times.set(ps, 3, base.plusMillis(ms));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            int checked = 0;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT ms, " + bucketSql() + " FROM (SELECT ms,"
                    + " {fn TIMESTAMPDIFF(SQL_TSI_SECOND, a, b)} AS seconds FROM t) x")) {
                while (rs.next()) {
                    long ms = rs.getLong(1);
                    assertEquals("bucket of " + ms + " ms", DashboardCounts.bucket(Duration.ofMillis(ms)), rs.getInt(2));
                    checked++;
                }
            }
            assertEquals(millis.size(), checked);
        } finally {
            db.drop();
        }
    }

    @Test
    public void aBucketsMiddleIsWithinTheAccuracyOfEveryWholeSecondInIt() {
        assertEquals(0, DashboardCounts.bucket(Duration.ofMillis(999)));
        assertEquals(0, DashboardCounts.bucket(Duration.ofSeconds(-3)));
        assertEquals(1, DashboardCounts.bucket(Duration.ofSeconds(1)));
        assertEquals(Duration.ofMillis(500), DashboardCounts.middle(0));
        for (long s = 1; s < 2_000_000_000L; s += s < 100_000 ? 1 : s / 50_000) {
            Duration middle = DashboardCounts.middle(DashboardCounts.bucket(Duration.ofSeconds(s)));
            double error = Math.abs(middle.toMillis() - s * 1000.0) / (s * 1000.0);
            assertTrue(s + " s: " + middle, error <= DashboardCounts.ACCURACY + 0.5 / (s * 1000.0) + 1e-9); // + rounding
        }
        assertTrue(DashboardCounts.ACCURACY < 0.025);
    }

    @Test
    public void theMedianOfAHistogramIsWithinTheAccuracyOfTheExactOne() {
        Random random = new Random(2026);
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(round < 1000 ? 9 : 300);
            long[] millis = new long[n];
            Map<Integer, Long> histogram = new HashMap<>();
            for (int i = 0; i < n; i++) {
                millis[i] = (long) Math.exp(random.nextDouble() * Math.log(30L * 24 * 3600 * 1000)); // to 30 days
                histogram.merge(DashboardCounts.bucket(Duration.ofMillis(millis[i])), 1L, Long::sum);
            }
            Arrays.sort(millis);
            double exact = n % 2 == 1 ? millis[n / 2] : (millis[n / 2 - 1] + millis[n / 2]) / 2.0;
            long median = DashboardCounts.median(histogram).toMillis();
            assertTrue(n + " durations: " + median + " ms for " + exact,
                    Math.abs(median - exact) <= exact * DashboardCounts.ACCURACY + 1000);
        }
        assertNull(DashboardCounts.median(Map.of()));
        assertNull(DashboardCounts.median(Map.of(5, 0L, 7, -1L))); // taken back
        assertEquals(DashboardCounts.middle(9), DashboardCounts.median(Map.of(3, 1L, 9, 2L, 5, 0L)));
    }

    @Test
    public void aBatchHasOneChangePerCounterNotPerReport() {
        DashboardCounts counts = new DashboardCounts();
        Instant at = Instant.parse("2026-03-07T15:00:00Z");
        for (int i = 0; i < 128; i++) {
            DashboardCounts report = new DashboardCounts();
            report.report(at.plusSeconds(i * 30L), i % 2 == 0 ? "CSAM" : "GROOMING", "channel-web"); // 15:00 to 16:03
            report.newItem(at.plusSeconds(i * 30L), "WEBSITE");
            counts.addAll(report);
        }
        LocalDate before = LocalDate.of(2026, 3, 7);
        LocalDate after = LocalDate.of(2026, 3, 8); // from 16:00 UTC, midnight in Malaysia
        Map<DashboardCounts.Key, Long> deltas = counts.deltas();
        assertEquals(2 * 6, deltas.size());
        assertEquals(120L, (long) deltas.get(new DashboardCounts.Key(before, DashboardCounts.REPORTS, DashboardCounts.ALL)));
        assertEquals(8L, (long) deltas.get(new DashboardCounts.Key(after, DashboardCounts.PLATFORM, "WEBSITE")));
        assertEquals(4L, (long) deltas.get(new DashboardCounts.Key(after, DashboardCounts.CATEGORY, "CSAM")));
        assertEquals(8L, (long) deltas.get(new DashboardCounts.Key(after, DashboardCounts.CLASSIFICATION,
                DashboardCounts.UNCLASSIFIED)));
    }
}
