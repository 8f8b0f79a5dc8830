package org.laporpredator.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the bundle's schema steps in order, each once, each in its own transaction, recording them
 * in {@code schema_version}. A step is a script {@code db/<dialect>/V<n>__<name>.sql}, or code where
 * SQL alone cannot say it. Safe to run on every start.
 */
final class Migrations {

    /** The steps, oldest first. Add new ones at the end; never edit one that has shipped. */
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__item_source.sql", "V3__fewer_indexes",
            "V4__ids_from_the_writer.sql", "V5__outbox_read_by_cursor.sql", "V6__binary_item_key",
            "V7__writer_tables_locked_whole.sql", "V8__classification_apart", "V9__idempotency_keys.sql",
            "V10__cases.sql", "V11__queue_at_a_million.sql", "V12__status_messages.sql",
            "V13__dashboard_counts.sql", "V14__queue_by_id.sql", "V15__deliveries.sql", "V16__channel_state.sql",
            "V17__chat_states.sql");

    /** A step written as code. */
    interface Step {
        void apply(Connection c) throws SQLException;
    }

    /** The steps written as code, by name; Derby's, like the scripts. */
    private static final Map<String, Step> CODE = Map.of(
            "V3__fewer_indexes", Migrations::dropRedundantConstraints,
            "V6__binary_item_key", Migrations::binaryItemKey,
            "V8__classification_apart", Migrations::classificationApart);

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern NAME = Pattern.compile("V(\\d+)__\\w+?(\\.sql)?");

    /** The store's components (report store, cases, sessions) each migrate on activation; one at a time. */
    private static final Object LOCK = new Object();

    private final DataSource dataSource;

    Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies every step not applied yet; returns how many were applied. */
    int migrate() throws SQLException {
        return migrate(SCRIPTS);
    }

    /** Applies the given steps (a prefix of {@link #SCRIPTS}) not applied yet. */
    int migrate(List<String> steps) throws SQLException {
        synchronized (LOCK) {
            return migrateAlone(steps);
        }
    }

    private int migrateAlone(List<String> steps) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String dialect = dialect(c.getMetaData());
            ensureVersionTable(c);
            Set<Integer> applied = appliedVersions(c);
            int count = 0;
            int previous = 0;
            for (String script : steps) {
                int version = version(script);
                if (version <= previous) {
                    throw new IllegalStateException("Schema scripts out of order at " + script);
                }
                previous = version;
                if (!applied.contains(version)) {
                    apply(c, dialect, script, version);
                    count++;
                }
            }
            if (applied.stream().anyMatch(v -> v > version(SCRIPTS.get(SCRIPTS.size() - 1)))) {
                LOG.warn("The database schema is newer than this store bundle knows; was the bundle downgraded?");
            }
            return count;
        }
    }

    /** The dialect's folder under {@code db/}. @throws IllegalStateException for a database without scripts */
    static String dialect(DatabaseMetaData meta) throws SQLException {
        String product = meta.getDatabaseProductName();
        if (product.startsWith("Apache Derby")) {
            return "derby";
        }
        throw new IllegalStateException("No schema scripts for database " + product + " yet (only Apache Derby)");
    }

    private static void ensureVersionTable(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String table = meta.storesUpperCaseIdentifiers() ? "SCHEMA_VERSION" : "schema_version";
        try (ResultSet rs = meta.getTables(null, c.getSchema(), table, new String[] {"TABLE"})) {
            if (rs.next()) {
                return;
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY,"
                    + " script VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)");
        }
    }

    private static Set<Integer> appliedVersions(Connection c) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    private static void apply(Connection c, String dialect, String script, int version) throws SQLException {
        c.setAutoCommit(false);
        try {
            Step code = CODE.get(script);
            if (code != null) {
                code.apply(c);
            } else {
                execute(c, statements(read("/db/" + dialect + "/" + script)));
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                ps.setInt(1, version);
                ps.setString(2, script);
                Times.set(ps, 3, Instant.now());
                ps.executeUpdate();
            }
            c.commit();
            LOG.info("Applied schema script {}", script);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            String state = e instanceof SQLException sql ? sql.getSQLState() : null;
            throw new SQLException("Schema script " + script + " failed: " + e.getMessage(), state, e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * V3: drops two constraints whose index costs every report a B-tree insert and buys nothing.
     * The outbox idempotency key is {@code report-<reference>}, unique already because the reference is
     * unique in {@code report} and each report gets one event in its own transaction. The link from
     * {@code report_item} to {@code report} is written in the same transaction as the report; lookups
     * by report use the primary key {@code (report_id, position)}.
     */
    static void dropRedundantConstraints(Connection c) throws SQLException {
        List<String> drops = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.constraintname FROM sys.sysconstraints c"
                + " JOIN sys.systables t ON t.tableid = c.tableid JOIN sys.sysschemas s ON s.schemaid = t.schemaid"
                + " WHERE s.schemaname = CURRENT SCHEMA AND t.tablename = 'OUTBOX' AND c.type = 'U'")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    drops.add("ALTER TABLE outbox DROP CONSTRAINT \"" + rs.getString(1) + "\"");
                }
            }
        }
        drops.addAll(dropForeignKeys(c, "REPORT_ITEM", "REPORT"));
        if (drops.size() != 2) {
            throw new SQLException("Expected the outbox unique key and the report_item foreign key, found " + drops.size());
        }
        execute(c, drops);
    }

    /**
     * V6: the item key, SHA-256 of the dedup key, as its 32 bytes rather than 64 hex characters. Its
     * unique index is the largest in the database and takes a B-tree probe and insert per new item;
     * bytes halve it and compare without decoding characters. Derby cannot decode hex, hence code.
     */
    static void binaryItemKey(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE item ADD COLUMN key_bytes CHAR(32) FOR BIT DATA");
            try (PreparedStatement update = c.prepareStatement("UPDATE item SET key_bytes = ? WHERE id = ?");
                    ResultSet rs = s.executeQuery("SELECT id, key_hash FROM item")) {
                int pending = 0;
                while (rs.next()) {
                    update.setBytes(1, HexFormat.of().parseHex(rs.getString(2).trim()));
                    update.setLong(2, rs.getLong(1));
                    update.addBatch();
                    if (++pending == 1000) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
                update.executeBatch();
            }
            s.execute("ALTER TABLE item DROP COLUMN key_hash"); // and its unique key
            s.execute("RENAME COLUMN item.key_bytes TO key_hash");
            s.execute("ALTER TABLE item ALTER COLUMN key_hash NOT NULL");
            s.execute("ALTER TABLE item ADD CONSTRAINT item_key_uq UNIQUE (key_hash)");
        }
    }

    /**
     * V8: spares the writer two pieces of index work per new item. Classification moves from item to a
     * table of its own, written by analysts: a new item no longer takes an entry in a classification
     * index, and classifying no longer writes item, which the writer locks whole. The link from
     * report_item to item loses its foreign key, whose check probed item's primary key per link (the
     * writer links only items it found or stored in the same transaction), and keeps a plain index on
     * item_id for "which reports name this item". Code, because Derby named that foreign key itself.
     */
    static void classificationApart(Connection c) throws SQLException {
        List<String> sql = dropForeignKeys(c, "REPORT_ITEM", "ITEM");
        if (sql.size() != 1) {
            throw new SQLException("Expected the report_item foreign key to item, found " + sql.size());
        }
        sql.add("CREATE INDEX report_item_item_ix ON report_item (item_id)");
        sql.add("CREATE TABLE classification (item_id BIGINT NOT NULL PRIMARY KEY REFERENCES item (id),"
                + " classification VARCHAR(32) NOT NULL, removed BOOLEAN DEFAULT FALSE NOT NULL,"
                + " classified_at TIMESTAMP NOT NULL)");
        sql.add("CREATE INDEX classification_ix ON classification (classification, removed)");
        // no time was kept for earlier classifications; the item's last report stands in for it
        sql.add("INSERT INTO classification (item_id, classification, removed, classified_at)"
                + " SELECT id, classification, removed, last_reported_at FROM item WHERE classification IS NOT NULL");
        sql.add("DROP INDEX item_classification_ix");
        sql.add("ALTER TABLE item DROP COLUMN classification");
        sql.add("ALTER TABLE item DROP COLUMN removed");
        execute(c, sql);
    }

    /** Statements dropping the foreign keys from {@code table} to {@code parent} (names as Derby stores them). */
    private static List<String> dropForeignKeys(Connection c, String table, String parent) throws SQLException {
        List<String> drops = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getImportedKeys(null, c.getSchema(), table)) {
            while (rs.next()) {
                if (parent.equals(rs.getString("PKTABLE_NAME"))) {
                    drops.add("ALTER TABLE " + table + " DROP CONSTRAINT \"" + rs.getString("FK_NAME") + "\"");
                }
            }
        }
        return drops;
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    static int version(String script) {
        Matcher m = NAME.matcher(script);
        if (!m.matches()) {
            throw new IllegalStateException("Bad schema script name " + script);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Splits a script into statements: each ends with ';' at the end of a line; '--' lines are comments. */
    static List<String> statements(String script) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                result.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("Schema script ends without ';'");
        }
        return result;
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing schema script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read schema script " + resource, e);
        }
    }
}
