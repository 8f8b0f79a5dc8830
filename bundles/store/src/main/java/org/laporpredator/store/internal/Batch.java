package org.laporpredator.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The writer's connection, without auto-commit, with the statements prepared on it, kept from one
 * transaction to the next; and the new ids.
 */
final class Batch implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<String, long[]> ids;
    private int reportsLeft = 1;
    /** The dashboard counts of the reports of this transaction kept so far, and of the report being written. */
    private final DashboardCounts counts = new DashboardCounts();
    private final DashboardCounts reportCounts = new DashboardCounts();

    private static final String OUTBOX_BLOCK = "outbox_ids";

    /** {@code ids}: the next id of each table, kept by the writer from one transaction to the next. */
    Batch(Connection connection, Map<String, long[]> ids) throws SQLException {
        this.connection = connection;
        this.ids = ids;
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /**
     * A new id for a row of {@code table} (report or item): one more than the largest, read when
     * the writer starts or after a failed transaction, then counted on. Right because the store's one
     * writer thread is the only one inserting, as embedded Derby has one node; a dialect for a database
     * shared by several nodes must take ids from a sequence. Ids of rolled-back rows are never used.
     */
    long nextId(String table) throws SQLException {
        long[] next = ids.get(table);
        if (next == null) {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT MAX(id) FROM " + table)) {
                rs.next();
                next = new long[] {rs.getLong(1) + 1};
            }
            ids.put(table, next);
        }
        return next[0]++;
    }

    /** How many reports this transaction may still write: the size of the next block of outbox ids. */
    void reportsLeft(int reports) {
        reportsLeft = Math.max(1, reports);
    }

    /**
     * A new outbox id. The case decisions ({@link JdbcCases}) insert outbox rows too, so outbox ids are not
     * counted in memory like the others: a block for the rest of the batch is taken from the one row of
     * {@code outbox_ids} inside this transaction. Its row lock, held to the commit, makes every other
     * inserter wait and then take ids above ours, so ids follow the order of commits. The block is
     * forgotten at the end of each transaction ({@link #endTransaction}) and whenever the writer forgets
     * its ids (a report rolled back to its savepoint may have taken back the block's update).
     */
    long nextOutboxId() throws SQLException {
        long[] block = ids.get(OUTBOX_BLOCK); // {next, last}
        if (block == null || block[0] > block[1]) {
            long last = takeOutboxIds(reportsLeft);
            block = new long[] {last - reportsLeft + 1, last};
            ids.put(OUTBOX_BLOCK, block);
        }
        return block[0]++;
    }

    /** After a commit: the next transaction takes a new block of outbox ids and counts afresh. */
    void endTransaction() {
        ids.remove(OUTBOX_BLOCK);
        counts.clear();
        reportCounts.clear();
    }

    /** Where the report being written adds its dashboard counts ({@link DashboardCounts}). */
    DashboardCounts reportCounts() {
        return reportCounts;
    }

    /** The report being written is kept (its savepoint released): its counts join the transaction's. */
    void keepReportCounts() {
        counts.addAll(reportCounts);
        reportCounts.clear();
    }

    /** The report being written was rolled back to its savepoint: its counts go too. */
    void dropReportCounts() {
        reportCounts.clear();
    }

    /**
     * Adds the transaction's dashboard counts, one statement per distinct counter of the batch, just before
     * the commit: after every item (item's table lock) and the outbox ids, the order the decisions take too.
     */
    void writeCounts() throws SQLException {
        reportCounts.clear();
        if (!counts.isEmpty()) {
            counts.write(connection, prepare(DashboardCounts.ADD), prepare(DashboardCounts.INSERT));
        }
    }

    static final String TAKE_OUTBOX_IDS = "UPDATE outbox_ids SET last_id = last_id + ?";
    static final String LAST_OUTBOX_ID = "SELECT last_id FROM outbox_ids";

    /**
     * At start: moves {@code outbox_ids} past any outbox row inserted without taking its id there (by hand,
     * through the identity column), as the writer once read the largest id at start.
     */
    static void catchUpOutboxIds(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE outbox_ids SET last_id = (SELECT MAX(id) FROM outbox)"
                    + " WHERE last_id < (SELECT MAX(id) FROM outbox)");
        }
    }

    private long takeOutboxIds(int count) throws SQLException {
        PreparedStatement update = prepare(TAKE_OUTBOX_IDS);
        update.setInt(1, count);
        if (update.executeUpdate() != 1) {
            throw new SQLException("outbox_ids must hold one row");
        }
        try (ResultSet rs = prepare(LAST_OUTBOX_ID).executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Closes the statements and the connection. */
    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        statements.clear();
        try {
            connection.close();
        } catch (SQLException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw first;
        }
    }
}
