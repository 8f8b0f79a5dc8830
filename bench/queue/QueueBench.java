package org.laporpredator.store.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.laporpredator.api.Category;
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.cases.QueueQuery;

/**
 * The analysts' queue at a million reports: seeds an embedded Derby database (batched SQL, as the
 * writer and the decisions would leave it after V13: pending set, classifications stored, the dashboard's
 * daily counters added) once under bench/target, then times the store's own calls. Run by bench/queue/run.sh.
 */
public final class QueueBench {

    static final Instant END = Instant.parse("2026-11-30T00:00:00Z");
    static final long STEP_SECONDS = 30; // a report every 30 s: a million over about 347 days

    public static void main(String[] args) throws Exception {
        int reports = Integer.parseInt(System.getProperty("reports", "1000000"));
        int calls = Integer.parseInt(System.getProperty("calls", "200"));
        Path dir = Path.of(System.getProperty("dir", "bench/target/queue-db"));
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.toAbsolutePath().toString());
        ds.setCreateDatabase("create");
        Path keyFile = dir.resolveSibling("queue-contact.key");
        boolean seeded = Files.exists(dir.resolve("seeded"));
        new Migrations(ds).migrate();
        if (!seeded) {
            long t0 = System.nanoTime();
            seed(ds, reports);
            Files.writeString(dir.resolve("seeded"), Integer.toString(reports));
            System.out.printf(Locale.ROOT, "seeded %,d reports in %.0f s%n", reports, (System.nanoTime() - t0) / 1e9);
        }
        JdbcReportStore store = new JdbcReportStore(ds, keyFile);
        JdbcCases cases = new JdbcCases(ds, keyFile, Clock.fixed(END, ZoneOffset.UTC));
        long n;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM report")) {
            rs.next();
            n = rs.getLong(1);
        }
        Random random = new Random(7);
        System.out.printf(Locale.ROOT, "%,d reports; %d calls each (text: %d)%n", n, calls, Math.max(3, calls / 40));
        List<Object[]> rows = new ArrayList<>();
        rows.add(time("isHealthy() (baseline)", calls, store::isHealthy));
        rows.add(time("SELECT 1 (baseline)", calls, () -> select1(ds)));
        rows.add(time("queue: oldest first", calls, () -> cases.queue(q(null, null, false))));
        rows.add(time("queue: newest first", calls, () -> cases.queue(q(null, null, true))));
        rows.add(time("queue: classified=false", calls, () -> cases.queue(q(null, false, false))));
        rows.add(time("queue: status=RECEIVED", calls, () -> cases.queue(q(ReportStatus.RECEIVED, null, false))));
        rows.add(time("queue: category=GROOMING", calls, () -> cases.queue(new QueueQuery(null, Category.GROOMING, null,
                null, null, false, 0, 20))));
        rows.add(time("report(reference)", calls, () -> cases.report(reference(1 + random.nextInt((int) n)))));
        rows.add(time("queue: text (a URL part)", Math.max(3, calls / 40), () -> cases.queue(new QueueQuery(null, null,
                null, null, "example.net/p/12345", false, 0, 20))));
        rows.add(time("dashboard(90)", calls, () -> cases.dashboard(90))); // V13: counters, as cheap as the queue
        double base = (double) rows.get(0)[2];
        System.out.println();
        double base50 = (double) rows.get(0)[1];
        System.out.println("| call | p50 ms | p99 ms | p50 / isHealthy p50 | p99 / isHealthy p99 |");
        System.out.println("|---|---|---|---|---|");
        for (Object[] r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1fx | %.1fx |%n", r[0], r[1], r[2],
                    (double) r[1] / base50, (double) r[2] / base);
        }
        store.close();
    }

    static QueueQuery q(ReportStatus status, Boolean classified, boolean newest) {
        return new QueueQuery(status, null, null, classified, null, newest, 0, 20);
    }

    static Object select1(EmbeddedDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "VALUES 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static Object[] time(String name, int calls, Callable<?> call) throws Exception {
        for (int i = 0; i < Math.min(20, Math.max(1, calls / 5)); i++) {
            call.call(); // warm-up
        }
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            call.call();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        double p50 = ms[calls / 2];
        double p99 = ms[Math.min(calls - 1, (int) Math.ceil(calls * 0.99) - 1)];
        System.out.printf(Locale.ROOT, "%-28s p50 %8.2f ms  p99 %8.2f ms%n", name, p50, p99);
        return new Object[] {name, p50, p99};
    }

    static String reference(long id) {
        return ReferenceNumbers.complete(String.format(Locale.ROOT, "%07d", id));
    }

    /**
     * Reports 1..n, a report every 30 s up to END, each with 1-3 items; a fifth of the items named are an
     * earlier item (shared). Items first named in the older 60% of reports are classified (9 in 10),
     * the rest 1 in 20, so the oldest not-classified report sits deep in the table, as after months of work.
     */
    static void seed(EmbeddedDataSource ds, int n) throws Exception {
        Random random = new Random(42);
        Category[] categories = Category.values();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        BitSet classified = new BitSet();
        // the dashboard's counters, as the writer (reports, new items) and the decisions (classifications) add them;
        // the seed runs after the migrations, so V13's backfill does not see these rows
        DashboardCounts counts = new DashboardCounts();
        int[] reportCount = new int[n * 3 + 2];
        long nextItem = 1;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            PreparedStatement report = c.prepareStatement("INSERT INTO report (id, reference, channel, category,"
                    + " platform_hint, description, language, anonymous, status, created_at, updated_at, pending)"
                    + " VALUES (?, ?, 'channel-web', ?, 'WEBSITE', ?, 'ms', TRUE, ?, ?, ?, ?)");
            PreparedStatement item = c.prepareStatement("INSERT INTO item (id, key_hash, dedup_key, platform, kind,"
                    + " canonical_url, identifiers, report_count, first_reported_at, last_reported_at)"
                    + " VALUES (?, ?, ?, 'WEBSITE', 'WEB_PAGE', ?, '{\"host\":\"example.net\"}', 1, ?, ?)");
            PreparedStatement link = c.prepareStatement("INSERT INTO report_item (report_id, item_id, position,"
                    + " input_text, source) VALUES (?, ?, ?, ?, 'URLS')");
            PreparedStatement decision = c.prepareStatement("INSERT INTO classification (item_id, classification,"
                    + " removed, classified_at, classified_by) VALUES (?, ?, FALSE, ?, 'bench')");
            for (int id = 1; id <= n; id++) {
                Timestamp at = Timestamp.from(END.minusSeconds((long) (n - id) * STEP_SECONDS + 60));
                // the instant the store reads back (timestamps are set here in the JVM's zone, read as UTC)
                Instant stored = at.toLocalDateTime().toInstant(ZoneOffset.UTC);
                int items = 1 + random.nextInt(3);
                boolean pending = false;
                long[] ids = new long[items];
                for (int p = 0; p < items; p++) {
                    long itemId;
                    if (nextItem > 100 && random.nextInt(5) == 0) {
                        itemId = 1 + (long) (random.nextDouble() * (nextItem - 1)); // shared
                        reportCount[(int) itemId]++;
                    } else {
                        itemId = nextItem++;
                        String url = "https://example.net/p/" + itemId;
                        item.setLong(1, itemId);
                        item.setBytes(2, sha.digest(("web:" + url).getBytes()));
                        item.setString(3, "web:" + url);
                        item.setString(4, url);
                        item.setTimestamp(5, at);
                        item.setTimestamp(6, at);
                        item.addBatch();
                        reportCount[(int) itemId] = 1;
                        counts.newItem(stored, "WEBSITE");
                        if (random.nextInt(id < n * 0.6 ? 10 : 20) < (id < n * 0.6 ? 9 : 1)) {
                            classified.set((int) itemId);
                            String value = random.nextInt(4) == 0 ? "CSAM" : "NOT_ILLEGAL";
                            Instant decided = at.toInstant().plusSeconds(3600);
                            decision.setLong(1, itemId);
                            decision.setString(2, value);
                            decision.setTimestamp(3, Timestamp.from(decided));
                            decision.addBatch();
                            counts.decision(stored, null, value, null, null, stored.plusSeconds(3600));
                        }
                    }
                    ids[p] = itemId;
                    pending |= !classified.get((int) itemId);
                }
                report.setLong(1, id);
                report.setString(2, reference(id));
                String category = categories[random.nextInt(categories.length)].name();
                report.setString(3, category);
                counts.report(stored, category, "channel-web");
                report.setString(4, "seen in a group chat " + id);
                int s = random.nextInt(100);
                report.setString(5, (s < 85 ? ReportStatus.RECEIVED : s < 93 ? ReportStatus.UNDER_REVIEW
                        : ReportStatus.CLOSED).name());
                report.setTimestamp(6, at);
                report.setTimestamp(7, at);
                report.setInt(8, pending ? 1 : 0);
                report.addBatch();
                for (int p = 0; p < items; p++) {
                    link.setLong(1, id);
                    link.setLong(2, ids[p]);
                    link.setInt(3, p);
                    link.setString(4, "https://example.net/p/" + ids[p]);
                    link.addBatch();
                }
                if (id % 5000 == 0 || id == n) {
                    item.executeBatch();
                    decision.executeBatch();
                    report.executeBatch();
                    link.executeBatch();
                    c.commit();
                    if (id % 100_000 == 0) {
                        System.out.printf(Locale.ROOT, "  %,d reports%n", id);
                    }
                }
            }
            // report counts of shared items, and the counters V10 keeps
            try (PreparedStatement count = c.prepareStatement("UPDATE item SET report_count = ? WHERE id = ?")) {
                int batch = 0;
                for (int i = 1; i < nextItem; i++) {
                    if (reportCount[i] > 1) {
                        count.setInt(1, reportCount[i]);
                        count.setLong(2, i);
                        count.addBatch();
                        if (++batch % 5000 == 0) {
                            count.executeBatch();
                        }
                    }
                }
                count.executeBatch();
            }
            counts.write(c);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE counter SET value = (SELECT COUNT(*) FROM classification"
                        + " WHERE classification IN ('CSAM', 'CSAM_NATIONAL')) WHERE name = 'classified_csam'");
                for (String table : List.of("REPORT", "ITEM", "REPORT_ITEM", "CLASSIFICATION", "DASHBOARD_COUNT")) {
                    st.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', '" + table + "', NULL)");
                }
            }
            c.commit();
        }
    }
}
