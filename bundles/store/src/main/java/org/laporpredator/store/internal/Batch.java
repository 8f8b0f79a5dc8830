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
     * A new id for a row of {@code table} (report, item or outbox): one more than the largest, read when
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
