package org.laporpredator.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.accounts.Session;
import org.laporpredator.api.accounts.Sessions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console sessions in {@code admin_session}. The id (32 random bytes, base64url) is the cookie's value
 * and is stored only as its SHA-256, so the table does not let anyone sign in; the CSRF token is 32 more
 * random bytes. Never logs an id or a token.
 */
@Component(service = Sessions.class)
public class JdbcSessions implements Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSessions.class);
    private static final String UNAVAILABLE = "Sign-in is not available right now. Please try again later.";
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_USERNAME = 128;

    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public JdbcSessions(@Reference(name = "dataSource", target = "(dataSourceName=lapor)") DataSource dataSource) {
        this.dataSource = dataSource;
        try {
            new Migrations(dataSource).migrate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the database schema (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public Created create(String username, Set<String> roles) {
        if (username == null || username.isBlank() || username.length() > MAX_USERNAME) {
            throw new IllegalArgumentException("A username of 1 to " + MAX_USERNAME + " characters is required");
        }
        for (String role : roles) {
            if (role.isBlank() || role.contains(",")) {
                throw new IllegalArgumentException("A role is a word without commas");
            }
        }
        String id = token();
        Instant now = Times.now();
        Session session = new Session(username, roles, token(), now, now);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO admin_session (id_hash, username, roles,"
                        + " csrf_token, created_at, last_seen) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, hash(id));
            ps.setString(2, username);
            ps.setString(3, String.join(",", new TreeSet<>(roles)));
            ps.setString(4, session.csrfToken());
            Times.set(ps, 5, now);
            Times.set(ps, 6, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Creating a session failed (SQLState {})", e.getSQLState());
            throw new ServiceUnavailable(UNAVAILABLE);
        }
        return new Created(id, session);
    }

    @Override
    public int purge(Duration idle) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM admin_session WHERE last_seen < ?")) {
            Times.set(ps, 1, Times.now().minus(idle));
            return ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Purging idle sessions failed (SQLState {})", e.getSQLState());
            return 0;
        }
    }

    @Override
    public Optional<Session> touch(String sessionId, Duration idle) {
        if (sessionId == null || sessionId.isEmpty()) {
            return Optional.empty();
        }
        String hash = hash(sessionId);
        Instant now = Times.now();
        try (Connection c = dataSource.getConnection()) {
            Session session;
            try (PreparedStatement ps = c.prepareStatement("SELECT username, roles, csrf_token, created_at, last_seen"
                    + " FROM admin_session WHERE id_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String roles = rs.getString("roles");
                    session = new Session(rs.getString("username"),
                            roles.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(roles.split(","))),
                            rs.getString("csrf_token"), Times.get(rs, "created_at"), Times.get(rs, "last_seen"));
                }
            }
            if (session.lastSeen().plus(idle).isBefore(now)) {
                delete(c, hash);
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE admin_session SET last_seen = ? WHERE id_hash = ?")) {
                Times.set(ps, 1, now);
                ps.setString(2, hash);
                if (ps.executeUpdate() != 1) {
                    return Optional.empty(); // ended meanwhile
                }
            }
            return Optional.of(new Session(session.username(), session.roles(), session.csrfToken(), session.createdAt(), now));
        } catch (SQLException e) {
            LOG.warn("Reading a session failed (SQLState {})", e.getSQLState());
            throw new ServiceUnavailable(UNAVAILABLE);
        }
    }

    @Override
    public void end(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            delete(c, hash(sessionId));
        } catch (SQLException e) {
            LOG.warn("Ending a session failed (SQLState {})", e.getSQLState());
            throw new ServiceUnavailable(UNAVAILABLE);
        }
    }

    private static void delete(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM admin_session WHERE id_hash = ?")) {
            ps.setString(1, hash);
            ps.executeUpdate();
        }
    }

    private String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the id, 64 lower-case hex digits. */
    static String hash(String sessionId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
