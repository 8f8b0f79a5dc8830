package org.laporpredator.store.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;

/** A fresh in-memory Derby database per test. */
final class TestDb {

    final String name = "memory:lapor-" + UUID.randomUUID();
    private final EmbeddedDataSource derby = new EmbeddedDataSource();
    /** The database, or a failure to connect while {@link #down} is set. */
    final DataSource dataSource;
    volatile boolean down;
    private final List<Connection> handedOut = new CopyOnWriteArrayList<>();

    TestDb() {
        derby.setDatabaseName(name);
        derby.setCreateDatabase("create");
        dataSource = (DataSource) Proxy.newProxyInstance(TestDb.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (down && method.getName().equals("getConnection")) {
                        throw new SQLException("database down", "08001");
                    }
                    try {
                        Object result = method.invoke(derby, args);
                        if (result instanceof Connection c) {
                            handedOut.add(c);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Closes every connection handed out so far, as a database restart would break them. */
    void breakConnections() throws SQLException {
        for (Connection c : handedOut) {
            if (!c.isClosed()) {
                c.rollback();
                c.close();
            }
        }
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    byte[] bytes(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    int update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    void drop() {
        EmbeddedDataSource drop = new EmbeddedDataSource();
        drop.setDatabaseName(name);
        drop.setConnectionAttributes("drop=true");
        try {
            drop.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a successful drop as an exception (08006)
        }
    }
}
