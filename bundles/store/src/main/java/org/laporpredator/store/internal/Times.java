package org.laporpredator.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/** Timestamps are stored as UTC, whatever the JVM's time zone. */
final class Times {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private Times() {
    }

    /** Now, to the millisecond (what every database keeps). */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static void set(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setTimestamp(index, Timestamp.from(instant), utc());
    }

    static Instant get(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column, utc());
        return ts == null ? null : ts.toInstant();
    }

    // a fresh calendar each time: drivers may change the one they are given
    private static Calendar utc() {
        return new GregorianCalendar(UTC);
    }
}
