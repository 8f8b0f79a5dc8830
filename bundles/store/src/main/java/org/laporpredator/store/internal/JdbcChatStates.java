package org.laporpredator.store.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;
import org.laporpredator.api.ChatStates;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChatStates} in {@code chat_state} and {@code chat_message_seen} (V17). A state is sealed with the
 * contact key, the channel and chat key as associated data (it cannot be moved to another chat). Logs
 * SQLStates only, never a key or a state.
 */
@Component(service = ChatStates.class, configurationPid = JdbcReportStore.PID)
public class JdbcChatStates implements ChatStates {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcChatStates.class);
    private static final String UNAVAILABLE = "The chat's state is not available right now.";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Transactions transactions;
    private final ContactCipher cipher;

    @Activate
    public JdbcChatStates(@Reference(name = "dataSource", target = "(dataSourceName=lapor)") DataSource dataSource,
            JdbcReportStore.Config config) {
        this(dataSource, JdbcReportStore.keyFile(config.contactKeyFile()));
    }

    JdbcChatStates(DataSource dataSource, Path contactKeyFile) {
        this.transactions = new Transactions(dataSource, LOG, UNAVAILABLE);
        this.cipher = ContactCipher.fromKeyFile(contactKeyFile);
        try {
            new Migrations(dataSource).migrate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the database schema (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public Optional<Saved> load(String channel, String chatKey) {
        check(channel, chatKey);
        return transactions.run("Reading a chat's state", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state_enc, updated_at FROM chat_state WHERE channel = ? AND chat_key = ?")) {
                ps.setString(1, channel);
                ps.setString(2, chatKey);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    byte[] sealed = rs.getBytes(1);
                    Instant at = Times.get(rs, "updated_at");
                    try {
                        return Optional.of(new Saved(cipher.decrypt(sealed, aad(channel, chatKey)), at));
                    } catch (IllegalArgumentException e) {
                        LOG.warn("A chat's state cannot be decrypted (another contact key?); the chat begins again");
                        return Optional.empty();
                    }
                }
            }
        });
    }

    @Override
    public boolean save(String channel, String chatKey, String state, Instant at, String messageId) {
        check(channel, chatKey);
        if (messageId != null) {
            check(channel, messageId);
        }
        if (state == null || state.isEmpty() || state.getBytes(StandardCharsets.UTF_8).length > MAX_STATE_BYTES) {
            throw new IllegalArgumentException("A state of 1 to " + MAX_STATE_BYTES + " bytes is required");
        }
        byte[] sealed = cipher.encrypt(state, aad(channel, chatKey));
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        try {
            try {
                return store(channel, chatKey, sealed, when, messageId);
            } catch (Taken e) {
                return store(channel, chatKey, sealed, when, messageId); // another node inserted the chat: now it updates
            }
        } catch (Twin e) {
            return false;
        }
    }

    /** The message id noted, then the state updated, else inserted; false when the id was there. */
    private boolean store(String channel, String chatKey, byte[] sealed, Instant at, String messageId) {
        return transactions.run("Storing a chat's state", c -> {
            if (messageId != null) {
                try (PreparedStatement in = c.prepareStatement(
                        "INSERT INTO chat_message_seen (channel, message_id, seen_at) VALUES (?, ?, ?)")) {
                    in.setString(1, channel);
                    in.setString(2, messageId);
                    Times.set(in, 3, at);
                    in.executeUpdate();
                } catch (SQLException e) {
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw new Twin(); // rolls the transaction back
                    }
                    throw e;
                }
            }
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE chat_state SET state_enc = ?, updated_at = ? WHERE channel = ? AND chat_key = ?")) {
                up.setBytes(1, sealed);
                Times.set(up, 2, at);
                up.setString(3, channel);
                up.setString(4, chatKey);
                if (up.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement in = c.prepareStatement(
                    "INSERT INTO chat_state (channel, chat_key, state_enc, updated_at) VALUES (?, ?, ?, ?)")) {
                in.setString(1, channel);
                in.setString(2, chatKey);
                in.setBytes(3, sealed);
                Times.set(in, 4, at);
                in.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new Taken();
                }
                throw e;
            }
        });
    }

    @Override
    public boolean seen(String channel, String messageId) {
        check(channel, messageId);
        return transactions.run("Looking a chat message up", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM chat_message_seen WHERE channel = ? AND message_id = ?")) {
                ps.setString(1, channel);
                ps.setString(2, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public int forget(Instant conversationsBefore, Instant messagesBefore) {
        return transactions.run("Forgetting old chats", c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM chat_state WHERE updated_at < ?")) {
                Times.set(ps, 1, conversationsBefore);
                n = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM chat_message_seen WHERE seen_at < ?")) {
                Times.set(ps, 1, messagesBefore);
                n += ps.executeUpdate();
            }
            return n;
        });
    }

    private static String aad(String channel, String chatKey) {
        return "chat:" + channel + ":" + chatKey;
    }

    private static void check(String channel, String key) {
        if (channel == null || channel.isEmpty() || channel.length() > 64) {
            throw new IllegalArgumentException("A channel id of 1 to 64 characters is required");
        }
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("A key of 1 to " + MAX_KEY + " characters is required");
        }
    }

    private static final class Twin extends RuntimeException {
        Twin() {
            super(null, null, false, false);
        }
    }

    private static final class Taken extends RuntimeException {
        Taken() {
            super(null, null, false, false);
        }
    }
}
