package org.laporpredator.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.laporpredator.api.Stats;
import org.laporpredator.api.cases.Classification;

public class MigrationsTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final TestDb db = new TestDb();

    @After
    public void drop() {
        db.drop();
    }

    @Test
    public void appliesEveryScriptOnceAndThenNothing() throws Exception {
        Migrations migrations = new Migrations(db.dataSource);
        assertEquals(Migrations.SCRIPTS.size(), migrations.migrate());
        assertEquals(0, migrations.migrate());
        assertEquals(Migrations.SCRIPTS.size(), db.count("SELECT COUNT(*) FROM schema_version"));
        try (Connection c = db.dataSource.getConnection()) {
            for (String table : List.of("REPORT", "ITEM", "REPORT_ITEM", "OUTBOX")) {
                try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), table, null)) {
                    assertTrue(table, rs.next());
                }
            }
        }
    }

    @Test
    public void secondActivationKeepsDataAndAppliesNothing() throws Exception {
        JdbcReportStore first = new JdbcReportStore(db.dataSource, tmp.getRoot().toPath().resolve("k"));
        String reference = first.save(Reports.report(false, null, Reports.item("https://a.example/x")), new Reports.Issuer());
        JdbcReportStore second = new JdbcReportStore(db.dataSource, tmp.getRoot().toPath().resolve("k"));
        assertTrue(second.status(reference).isPresent());
        assertEquals(Migrations.SCRIPTS.size(), db.count("SELECT COUNT(*) FROM schema_version"));
    }

    @Test
    public void upgradesADatabaseOfVersion2AndKeepsItsData() throws Exception {
        Migrations migrations = new Migrations(db.dataSource);
        assertEquals(2, migrations.migrate(Migrations.SCRIPTS.subList(0, 2)));
        assertEquals(List.of("REPORT", "ITEM"), foreignKeysOfReportItem());
        db.update("INSERT INTO report (reference, channel, category, language, anonymous, created_at, updated_at)"
                + " VALUES ('12345674', 'web', 'CSAM', 'en', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        db.update("INSERT INTO outbox (event_type, idempotency_key, reference, payload, created_at)"
                + " VALUES ('report.created', 'report-12345674', '12345674', '{}', CURRENT_TIMESTAMP)");
        for (String url : List.of("https://a.example/x", "https://b.example/y")) {
            db.update("INSERT INTO item (key_hash, dedup_key, platform, kind, canonical_url, identifiers, report_count,"
                    + " first_reported_at, last_reported_at) VALUES (?, ?, 'WEBSITE', 'WEB_PAGE', ?, '{}', 1,"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", JdbcReportStore.keyHash("web:" + url), "web:" + url, url);
        }
        db.update("UPDATE item SET classification = 'CSAM', removed = TRUE WHERE dedup_key = 'web:https://b.example/y'");

        assertEquals(Migrations.SCRIPTS.size() - 2, migrations.migrate());

        // V3: no unique outbox key, no foreign key to report; V8: none to item either, but an index on item_id
        assertEquals(List.of(), foreignKeysOfReportItem());
        assertEquals(List.of("ITEM_ID", "REPORT_ID,POSITION"), indexes("REPORT_ITEM"));
        assertEquals(1, db.update("INSERT INTO outbox (event_type, idempotency_key, reference, payload, created_at)"
                + " VALUES ('report.created', 'report-12345674', '12345674', '{}', CURRENT_TIMESTAMP)"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM report WHERE reference = '12345674'"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM outbox WHERE reference = '12345674'"));
        try {
            db.update("INSERT INTO report (reference, channel, category, language, anonymous, created_at, updated_at)"
                    + " VALUES ('12345674', 'web', 'CSAM', 'en', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            fail("the reference must stay unique");
        } catch (SQLException e) {
            assertEquals("23505", e.getSQLState());
        }
        // V5: the outbox has no index but its primary key
        assertEquals(List.of("ID"), indexes("OUTBOX"));
        // V7: the tables only the writer writes are locked whole, reports by row
        assertEquals("R", lockSize("REPORT"));
        assertEquals("T", lockSize("ITEM"));
        assertEquals("T", lockSize("REPORT_ITEM"));
        assertEquals("T", lockSize("OUTBOX"));
        // V8: classifications live apart from items, earlier ones kept
        assertEquals(1, db.count("SELECT COUNT(*) FROM classification c JOIN item i ON i.id = c.item_id"
                + " WHERE i.dedup_key = 'web:https://b.example/y' AND c.classification = 'CSAM' AND c.removed = TRUE"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM sys.syscolumns k JOIN sys.systables t ON t.tableid = k.referenceid"
                + " WHERE t.tablename = 'ITEM' AND k.columnname IN ('CLASSIFICATION', 'REMOVED')"));
        // V4: the store gives ids after the largest one; V6: items stored before are found by their key
        JdbcReportStore store = new JdbcReportStore(db.dataSource, tmp.getRoot().toPath().resolve("k"));
        String reference = store.save(Reports.report(false, null, Reports.item("https://a.example/x"),
                Reports.item("https://c.example/z")), new Reports.Issuer());
        assertEquals(2, db.count("SELECT id FROM report WHERE reference = ?", reference));
        assertEquals(3, db.count("SELECT id FROM outbox WHERE reference = ?", reference));
        assertEquals(2, db.count("SELECT report_count FROM item WHERE dedup_key = 'web:https://a.example/x'"));
        assertEquals(1, db.count("SELECT report_count FROM item WHERE dedup_key = 'web:https://b.example/y'"));
        assertEquals(3, db.count("SELECT id FROM item WHERE dedup_key = 'web:https://c.example/z'"));
        assertEquals(3, db.count("SELECT COUNT(*) FROM item"));
        try {
            db.update("UPDATE item SET key_hash = (SELECT key_hash FROM item WHERE id = 1) WHERE id = 2");
            fail("the item key must stay unique");
        } catch (SQLException e) {
            assertEquals("23505", e.getSQLState());
        }
        assertEquals(new Stats(2, 1, 1), store.stats());
        store.close();
    }

    @Test
    public void version11MarksTheReportsWithAnItemNotClassified() throws Exception {
        Migrations migrations = new Migrations(db.dataSource);
        assertEquals(10, migrations.migrate(Migrations.SCRIPTS.subList(0, 10)));
        for (int id = 1; id <= 3; id++) {
            db.update("INSERT INTO item (id, key_hash, dedup_key, platform, kind, canonical_url, identifiers, report_count,"
                    + " first_reported_at, last_reported_at) VALUES (?, ?, ?, 'WEBSITE', 'WEB_PAGE', 'u', '{}', 1,"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", id,
                    java.util.HexFormat.of().parseHex(JdbcReportStore.keyHash("k" + id)), "k" + id);
        }
        for (int id = 1; id <= 4; id++) {
            db.update("INSERT INTO report (id, reference, channel, category, language, anonymous, status, created_at,"
                    + " updated_at) VALUES (?, ?, 'channel-web', 'CSAM', 'ms', TRUE, 'RECEIVED', CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP)", id, "1000000" + id);
        }
        // report 1: items 1 (classified) and 2 (a removal only); 2: item 1; 3: item 3 (none); 4: no item
        db.update("INSERT INTO report_item (report_id, item_id, position, input_text) VALUES (1, 1, 0, 'u'),"
                + " (1, 2, 1, 'u'), (2, 1, 0, 'u'), (3, 3, 0, 'u')");
        db.update("INSERT INTO classification (item_id, classification, removed, classified_at) VALUES"
                + " (1, 'CSAM', FALSE, CURRENT_TIMESTAMP)");
        db.update("INSERT INTO classification (item_id, removed, removed_at) VALUES (2, TRUE, CURRENT_TIMESTAMP)");

        assertEquals(Migrations.SCRIPTS.size() - 10, migrations.migrate());

        assertEquals(List.of(1L, 0L, 1L, 0L), List.of(db.count("SELECT pending FROM report WHERE id = 1"),
                db.count("SELECT pending FROM report WHERE id = 2"), db.count("SELECT pending FROM report WHERE id = 3"),
                db.count("SELECT pending FROM report WHERE id = 4")));
    }

    @Test
    public void upgradesADatabaseOfVersion9WithClassifiedItemsAndKeepsTheCountersRight() throws Exception {
        Migrations migrations = new Migrations(db.dataSource);
        assertEquals(9, migrations.migrate(Migrations.SCRIPTS.subList(0, 9)));
        // as the store of version 9 left them: items and an event with the writer's ids, classifications
        for (String url : List.of("https://a.example/1", "https://a.example/2", "https://a.example/3")) {
            db.update("INSERT INTO item (id, key_hash, dedup_key, platform, kind, canonical_url, identifiers, report_count,"
                    + " first_reported_at, last_reported_at) VALUES (?, ?, ?, 'WEBSITE', 'WEB_PAGE', ?, '{}', 1,"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", 10 + url.charAt(url.length() - 1) - '0',
                    java.util.HexFormat.of().parseHex(JdbcReportStore.keyHash("web:" + url)), "web:" + url, url);
        }
        db.update("INSERT INTO classification (item_id, classification, removed, classified_at)"
                + " VALUES (11, 'CSAM', TRUE, CURRENT_TIMESTAMP), (12, 'CSAM', FALSE, CURRENT_TIMESTAMP),"
                + " (13, 'NOT_CSAM', TRUE, CURRENT_TIMESTAMP)");
        db.update("INSERT INTO outbox (id, event_type, idempotency_key, reference, payload, created_at)"
                + " VALUES (41, 'report.created', 'report-12345674', '12345674', '{}', CURRENT_TIMESTAMP)");

        assertEquals(Migrations.SCRIPTS.size() - 9, migrations.migrate());

        assertEquals(2, db.count("SELECT value FROM counter WHERE name = 'classified_csam'"));
        assertEquals(1, db.count("SELECT value FROM counter WHERE name = 'removed_csam'"));
        assertEquals(41, db.count("SELECT last_id FROM outbox_ids"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM classification WHERE removed_at IS NOT NULL"));
        JdbcReportStore store = new JdbcReportStore(db.dataSource, tmp.getRoot().toPath().resolve("k"));
        JdbcCases cases = new JdbcCases(db.dataSource, tmp.getRoot().toPath().resolve("k"));
        assertEquals(new Stats(0, 2, 1), store.stats());
        assertEquals(Classification.CSAM, cases.undoRemoval(11, "ana").classification());
        assertEquals(new Stats(0, 2, 0), store.stats());
        cases.classify(12, Classification.NOT_ILLEGAL, null, "ana");
        assertEquals(new Stats(0, 1, 0), store.stats());
        cases.classify(13, Classification.CSAM, null, "ana"); // its removal was recorded before
        assertEquals(new Stats(0, 2, 1), store.stats());
        assertEquals(List.of(42L, 43L, 44L), outboxIdsAbove(41));
        store.save(Reports.report(true, null, Reports.item("https://a.example/new")), new Reports.Issuer());
        assertEquals(List.of(42L, 43L, 44L, 45L), outboxIdsAbove(41));
        store.close();
    }

    /** Runs an insert, instants set as UTC as the store does. */
    private void insert(String sql, Object... args) throws SQLException {
        try (Connection c = db.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof java.time.Instant at) {
                    Times.set(ps, i + 1, at);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            ps.executeUpdate();
        }
    }

    private static String bucket(String from, String to) {
        return Integer.toString(DashboardCounts.bucket(java.time.Duration.between(java.time.Instant.parse(from),
                java.time.Instant.parse(to))));
    }

    @Test
    public void version13CountsTheDashboardFromTheRowsInMalaysianDays() throws Exception {
        Migrations migrations = new Migrations(db.dataSource);
        int v13 = Migrations.SCRIPTS.indexOf("V13__dashboard_counts.sql");
        assertEquals(v13, migrations.migrate(Migrations.SCRIPTS.subList(0, v13)));
        String last = "2026-03-07T15:59:59.999Z"; // 03-07 23:59:59.999 in Malaysia
        String midnight = "2026-03-07T16:00:00Z"; // 03-08 00:00 in Malaysia
        String evening = "2026-03-08T10:00:00Z"; // 03-08 18:00
        String[][] reports = {{last, "CSAM", "channel-web"}, {midnight, "GROOMING", "channel-telegram"},
            {evening, "CSAM", "channel-web"}};
        for (int id = 1; id <= reports.length; id++) {
            java.time.Instant at = java.time.Instant.parse(reports[id - 1][0]);
            insert("INSERT INTO report (id, reference, channel, category, language, anonymous, status, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, 'ms', TRUE, 'RECEIVED', ?, ?)", id, "1000000" + id,
                    reports[id - 1][2], reports[id - 1][1], at, at);
        }
        String[][] items = {{last, "WEBSITE"}, {midnight, "TELEGRAM"}, {midnight, "WEBSITE"}, {evening, "WEBSITE"}};
        for (int id = 1; id <= items.length; id++) {
            java.time.Instant at = java.time.Instant.parse(items[id - 1][0]);
            insert("INSERT INTO item (id, key_hash, dedup_key, platform, kind, canonical_url, identifiers, report_count,"
                    + " first_reported_at, last_reported_at) VALUES (?, ?, ?, ?, 'WEB_PAGE', 'u', '{}', 1, ?, ?)", id,
                    java.util.HexFormat.of().parseHex(JdbcReportStore.keyHash("k" + id)), "k" + id, items[id - 1][1], at, at);
        }
        // 1: CSAM, decided before the history was kept, 2 h after (03-08 01:59); removed 48 h after (03-10 00:00)
        insert("INSERT INTO classification (item_id, classification, removed, classified_at, removed_at)"
                + " VALUES (1, 'CSAM', TRUE, ?, ?)", java.time.Instant.parse("2026-03-07T17:59:59.999Z"),
                java.time.Instant.parse("2026-03-09T16:00:00Z"));
        // 2: first CSAM at 1 h, then NOT_ILLEGAL
        insert("INSERT INTO classification (item_id, classification, removed, classified_at)"
                + " VALUES (2, 'NOT_ILLEGAL', FALSE, ?)", java.time.Instant.parse("2026-03-08T00:00:00Z"));
        insert("INSERT INTO classification_history (item_id, action, classification, actor, happened_at)"
                + " VALUES (2, 'item-classified', 'CSAM', 'ana', ?)", java.time.Instant.parse("2026-03-07T17:00:00Z"));
        insert("INSERT INTO classification_history (item_id, action, classification, actor, happened_at)"
                + " VALUES (2, 'item-classified', 'NOT_ILLEGAL', 'ana', ?)", java.time.Instant.parse("2026-03-08T00:00:00Z"));
        // 3: a removal alone, 2 h after
        insert("INSERT INTO classification (item_id, removed, removed_at) VALUES (3, TRUE, ?)",
                java.time.Instant.parse("2026-03-07T18:00:00Z"));

        assertEquals(Migrations.SCRIPTS.size() - v13, migrations.migrate());

        Map<String, Long> expected = new TreeMap<>();
        expected.put("2026-03-07 reports all", 1L);
        expected.put("2026-03-07 category CSAM", 1L);
        expected.put("2026-03-07 channel channel-web", 1L);
        expected.put("2026-03-07 platform WEBSITE", 1L);
        expected.put("2026-03-07 classification CSAM", 1L);
        expected.put("2026-03-08 reports all", 2L);
        expected.put("2026-03-08 category CSAM", 1L);
        expected.put("2026-03-08 category GROOMING", 1L);
        expected.put("2026-03-08 channel channel-telegram", 1L);
        expected.put("2026-03-08 channel channel-web", 1L);
        expected.put("2026-03-08 platform TELEGRAM", 1L);
        expected.put("2026-03-08 platform WEBSITE", 2L);
        expected.put("2026-03-08 classification NOT_ILLEGAL", 1L);
        expected.put("2026-03-08 classification UNCLASSIFIED", 2L);
        expected.put("2026-03-08 to_classification " + bucket(last, "2026-03-07T17:59:59.999Z"), 1L);
        expected.put("2026-03-08 to_classification " + bucket(midnight, "2026-03-07T17:00:00Z"), 1L);
        expected.put("2026-03-08 to_removal " + bucket(midnight, "2026-03-07T18:00:00Z"), 1L);
        expected.put("2026-03-10 to_removal " + bucket(last, "2026-03-09T16:00:00Z"), 1L);
        assertEquals(expected, dashboardCounts());

        // the decisions carry on from there: an undo takes the removal back, a classification moves the count
        TestClock clock = new TestClock("2026-03-10T02:00:00Z");
        JdbcCases cases = new JdbcCases(db.dataSource, tmp.getRoot().toPath().resolve("k"), clock);
        cases.undoRemoval(1, "ana");
        cases.classify(4, Classification.GROOMING, null, "ana");
        expected.remove("2026-03-10 to_removal " + bucket(last, "2026-03-09T16:00:00Z"));
        expected.put("2026-03-08 classification UNCLASSIFIED", 1L);
        expected.put("2026-03-08 classification GROOMING", 1L);
        expected.put("2026-03-10 to_classification " + bucket(evening, "2026-03-10T02:00:00Z"), 1L);
        assertEquals(expected, dashboardCounts());
        assertEquals(Map.of("CSAM", 1L, "GROOMING", 1L, "NOT_ILLEGAL", 1L, "UNCLASSIFIED", 1L),
                cases.dashboard(4).itemsByClassification()); // from 03-07
    }

    @Test
    public void version15RenamesTheReportEventAndAddsTheDeliveryTables() throws Exception {
        Migrations migrations = new Migrations(db.dataSource);
        int v15 = Migrations.SCRIPTS.indexOf("V15__deliveries.sql");
        assertEquals(v15, migrations.migrate(Migrations.SCRIPTS.subList(0, v15)));
        db.update("INSERT INTO report (id, reference, channel, category, language, anonymous, status, created_at,"
                + " updated_at) VALUES (1, '12345674', 'channel-web', 'CSAM', 'ms', TRUE, 'RECEIVED', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)");
        String[][] events = {{"1", "report.created", "report-12345674", "12345674"},
            {"2", "item.classified", "item-1-2", null}, {"3", "report.status-changed", "status-12345674-3", "12345674"},
            {"4", "report.created", "report-10000009", "10000009"}};
        for (String[] e : events) {
            db.update("INSERT INTO outbox (id, event_type, idempotency_key, reference, payload, created_at)"
                    + " VALUES (?, ?, ?, ?, '{\"reference\": \"x\"}', CURRENT_TIMESTAMP)", Long.parseLong(e[0]), e[1], e[2], e[3]);
        }

        assertEquals(1, migrations.migrate(Migrations.SCRIPTS.subList(0, v15 + 1)));

        List<String> types = new ArrayList<>();
        try (Connection c = db.dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT event_type, payload FROM outbox ORDER BY id")) {
            while (rs.next()) {
                types.add(rs.getString(1));
                assertEquals("{\"reference\": \"x\"}", rs.getString(2)); // payloads as they were
            }
        }
        assertEquals(List.of("report.received", "item.classified", "report.status-changed", "report.received"), types);
        assertEquals(0, db.count("SELECT urgent FROM report WHERE id = 1"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM delivery"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM delivery_cursor"));
        // the unique key, the due query, the order per key (and a report's deliveries); the primary key
        assertEquals(List.of("ID", "ORDERING_KEY,PARTNER,EVENT_ID", "PARTNER,EVENT_ID",
                "STATE,PARTNER,NEXT_ATTEMPT_AT,EVENT_ID"), indexes("DELIVERY"));
        assertEquals("R", lockSize("DELIVERY"));
        // a report stored by the new writer says whether it is urgent
        JdbcReportStore store = new JdbcReportStore(db.dataSource, tmp.getRoot().toPath().resolve("k"));
        String reference = store.save(Reports.report(true, null, Reports.item("https://a.example/u")), new Reports.Issuer());
        assertEquals(0, db.count("SELECT urgent FROM report WHERE reference = ?", reference));
        assertEquals(1, db.count("SELECT COUNT(*) FROM outbox WHERE event_type = 'report.received' AND reference = ?",
                reference));
        store.close();
    }

    @Test
    public void aStepAppliedLaterThanALaterOneIsStillApplied() throws Exception {
        // as when the dashboard's V13 reached a database before V12 did: the gap is filled on the next start
        Migrations migrations = new Migrations(db.dataSource);
        List<String> gap = new ArrayList<>(Migrations.SCRIPTS);
        gap.remove(gap.size() - 2);
        assertEquals(Migrations.SCRIPTS.size() - 1, migrations.migrate(gap));
        assertEquals(1, migrations.migrate());
        assertEquals(0, migrations.migrate());
        assertEquals(Migrations.SCRIPTS.size(), db.count("SELECT COUNT(*) FROM schema_version"));
    }

    /** The dashboard's counters that are not 0, as "day dimension name" to value. */
    private Map<String, Long> dashboardCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = db.dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT day, dimension, name, value FROM dashboard_count WHERE value <> 0")) {
            while (rs.next()) {
                counts.put(rs.getDate(1).toLocalDate() + " " + rs.getString(2) + " " + rs.getString(3), rs.getLong(4));
            }
        }
        return counts;
    }

    private List<Long> outboxIdsAbove(long id) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM outbox WHERE id > ? ORDER BY id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private String lockSize(String table) throws SQLException {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT lockgranularity FROM sys.systables WHERE tablename = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** A table's indexes, each as its columns in order, sorted. */
    private List<String> indexes(String table) throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        try (Connection c = db.dataSource.getConnection();
                ResultSet rs = c.getMetaData().getIndexInfo(null, c.getSchema(), table, false, false)) {
            while (rs.next()) {
                columns.merge(rs.getString("INDEX_NAME"), rs.getString("COLUMN_NAME"), (a, b) -> a + "," + b);
            }
        }
        List<String> indexes = new ArrayList<>(columns.values());
        indexes.sort(null);
        return indexes;
    }

    private List<String> foreignKeysOfReportItem() throws SQLException {
        List<String> parents = new ArrayList<>();
        try (Connection c = db.dataSource.getConnection();
                ResultSet rs = c.getMetaData().getImportedKeys(null, c.getSchema(), "REPORT_ITEM")) {
            while (rs.next()) {
                parents.add(rs.getString("PKTABLE_NAME"));
            }
        }
        parents.sort(Comparator.reverseOrder());
        return parents;
    }

    @Test
    public void splitsStatementsAndSkipsComments() {
        List<String> statements = Migrations.statements("-- comment\nCREATE TABLE a (\n  x INT\n);\n\nCREATE INDEX b ON a (x);\n");
        assertEquals(List.of("CREATE TABLE a (\nx INT\n)", "CREATE INDEX b ON a (x)"), statements);
    }

    @Test
    public void readsTheVersionFromTheName() {
        assertEquals(12, Migrations.version("V12__more_things.sql"));
        assertEquals(3, Migrations.version("V3__fewer_indexes"));
    }
}
