package org.laporpredator.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.sql.DataSource;

/**
 * Which reference numbers are taken, one bit per seven-digit number (1.25 MB), so that a new report
 * rarely draws a taken one and meets the unique key in the database: in Derby a failed insert costs as
 * much as several good ones, and at a million reports one draw in ten is taken. The unique key stays the
 * rule; this only spares the database most of the failures. Safe for concurrent use.
 */
final class TakenReferences {

    private static final int NUMBERS = 10_000_000;

    private final AtomicLongArray bits = new AtomicLongArray(NUMBERS / Long.SIZE + 1);

    /** The references of every stored report. */
    static TakenReferences load(DataSource dataSource) throws SQLException {
        TakenReferences taken = new TakenReferences();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT reference FROM report")) {
            while (rs.next()) {
                taken.take(rs.getString(1));
            }
        }
        return taken;
    }

    boolean isTaken(String reference) {
        int n = number(reference);
        return (bits.get(n / Long.SIZE) & (1L << n)) != 0;
    }

    void take(String reference) {
        int n = number(reference);
        long bit = 1L << n;
        bits.getAndUpdate(n / Long.SIZE, word -> word | bit);
    }

    /** The seven digits before the check digit. */
    private static int number(String reference) {
        return Integer.parseInt(reference, 0, 7, 10);
    }
}
