package org.laporpredator.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;
import org.laporpredator.api.ChannelState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ChannelState} in {@code channel_state} (V16). Logs SQLStates only, never a key or a value. */
@Component(service = ChannelState.class)
public class JdbcChannelState implements ChannelState {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcChannelState.class);
    private static final String UNAVAILABLE = "The channel's state is not available right now.";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JdbcChannelState(@Reference(name = "dataSource", target = "(dataSourceName=lapor)") DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    JdbcChannelState(DataSource dataSource, Clock clock) {
        this.transactions = new Transactions(dataSource, LOG, UNAVAILABLE);
        this.clock = clock;
        try {
            new Migrations(dataSource).migrate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the database schema (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public Optional<String> get(String channel, String key) {
        check(channel, key, "-");
        return transactions.run("Reading a channel's state", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state_value FROM channel_state WHERE channel = ? AND state_key = ?")) {
                ps.setString(1, channel);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void put(String channel, String key, String value) {
        check(channel, key, value);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            store(channel, key, value, now);
        } catch (Taken e) {
            store(channel, key, value, now); // another node inserted it in between: now it updates
        }
    }

    /** Update, else insert. */
    private void store(String channel, String key, String value, Instant now) {
        transactions.run("Storing a channel's state", c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE channel_state SET state_value = ?, updated_at = ? WHERE channel = ? AND state_key = ?")) {
                up.setString(1, value);
                Times.set(up, 2, now);
                up.setString(3, channel);
                up.setString(4, key);
                if (up.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement in = c.prepareStatement(
                    "INSERT INTO channel_state (channel, state_key, state_value, updated_at) VALUES (?, ?, ?, ?)")) {
                in.setString(1, channel);
                in.setString(2, key);
                in.setString(3, value);
                Times.set(in, 4, now);
                in.executeUpdate();
                return null;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new Taken(); // rolls the transaction back
                }
                throw e;
            }
        });
    }

    private static final class Taken extends RuntimeException {
        Taken() {
            super(null, null, false, false);
        }
    }

    private static void check(String channel, String key, String value) {
        if (channel == null || channel.isEmpty() || channel.length() > MAX_CHANNEL) {
            throw new IllegalArgumentException("A channel id of 1 to " + MAX_CHANNEL + " characters is required");
        }
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("A key of 1 to " + MAX_KEY + " characters is required");
        }
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("A value of 1 to " + MAX_VALUE + " characters is required");
        }
    }
}
