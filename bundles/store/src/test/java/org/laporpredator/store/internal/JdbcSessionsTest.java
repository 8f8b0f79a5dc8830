package org.laporpredator.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.After;
import org.junit.Test;
import org.laporpredator.api.accounts.Session;
import org.laporpredator.api.accounts.Sessions;

public class JdbcSessionsTest {

    private static final Duration IDLE = Duration.ofMinutes(30);

    private final TestDb db = new TestDb();
    private final JdbcSessions sessions = new JdbcSessions(db.dataSource);

    @After
    public void drop() {
        db.drop();
    }

    @Test
    public void aSessionIsFoundByItsIdWhichIsStoredOnlyAsAHash() throws Exception {
        Sessions.Created created = sessions.create("ana", Set.of("analyst", "admin"));
        String id = created.sessionId();
        assertEquals(32, Base64.getUrlDecoder().decode(id).length);
        assertEquals(32, Base64.getUrlDecoder().decode(created.session().csrfToken()).length);
        assertEquals(0, db.count("SELECT COUNT(*) FROM admin_session WHERE id_hash = ?", id));
        assertEquals(1, db.count("SELECT COUNT(*) FROM admin_session WHERE id_hash = ? AND roles = 'admin,analyst'",
                JdbcSessions.hash(id)));

        Session session = sessions.touch(id, IDLE).orElseThrow();
        assertEquals("ana", session.username());
        assertEquals(Set.of("analyst", "admin"), session.roles());
        assertEquals(created.session().csrfToken(), session.csrfToken());
        assertEquals(created.session().createdAt(), session.createdAt());
        assertFalse(session.lastSeen().isBefore(session.createdAt()));

        Sessions.Created other = sessions.create("ana", Set.of("analyst"));
        assertNotEquals(id, other.sessionId());
        assertNotEquals(created.session().csrfToken(), other.session().csrfToken());
        assertEquals(Optional.empty(), sessions.touch("not-a-session", IDLE));
        assertEquals(Optional.empty(), sessions.touch(null, IDLE));
        assertEquals(Set.of(), sessions.touch(sessions.create("ops", Set.of()).sessionId(), IDLE).orElseThrow().roles());
    }

    @Test
    public void anIdleSessionIsGoneForGoodAndASeenOneStays() throws Exception {
        String idle = sessions.create("ana", Set.of("analyst")).sessionId();
        String busy = sessions.create("ben", Set.of("analyst")).sessionId();
        Timestamp longAgo = Timestamp.from(Instant.now().minus(IDLE).minusSeconds(60));
        db.update("UPDATE admin_session SET last_seen = ?", longAgo);
        db.update("UPDATE admin_session SET last_seen = ? WHERE id_hash = ?",
                Timestamp.from(Instant.now().minus(IDLE).plusSeconds(60)), JdbcSessions.hash(busy));

        assertEquals(Optional.empty(), sessions.touch(idle, IDLE));
        assertEquals(0, db.count("SELECT COUNT(*) FROM admin_session WHERE id_hash = ?", JdbcSessions.hash(idle)));
        assertEquals(Optional.empty(), sessions.touch(idle, Duration.ofDays(1))); // gone, not just hidden

        Session seen = sessions.touch(busy, IDLE).orElseThrow();
        assertTrue(seen.lastSeen().isAfter(Instant.now().minusSeconds(5)));
        assertTrue(sessions.touch(busy, Duration.ofSeconds(30)).isPresent()); // last_seen moved on
    }

    @Test
    public void aPurgeDeletesOnlyIdleSessions() throws Exception {
        String idle = sessions.create("ana", Set.of("analyst")).sessionId();
        String busy = sessions.create("ben", Set.of("analyst")).sessionId();
        db.update("UPDATE admin_session SET last_seen = ? WHERE id_hash = ?",
                Timestamp.from(Instant.now().minus(IDLE).minusSeconds(60)), JdbcSessions.hash(idle));
        assertEquals(1, sessions.purge(IDLE));
        assertEquals(0, db.count("SELECT COUNT(*) FROM admin_session WHERE id_hash = ?", JdbcSessions.hash(idle)));
        assertTrue(sessions.touch(busy, IDLE).isPresent());
        assertEquals(0, sessions.purge(IDLE));
    }

    @Test
    public void anEndedSessionIsGone() throws Exception {
        String id = sessions.create("ana", Set.of("analyst")).sessionId();
        sessions.end(id);
        assertEquals(Optional.empty(), sessions.touch(id, IDLE));
        assertEquals(0, db.count("SELECT COUNT(*) FROM admin_session"));
        sessions.end(id);
        sessions.end("unknown");
        sessions.end(null);
    }

    @Test
    public void rolesWithCommasAndEmptyUsernamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> sessions.create("ana", Set.of("a,b")));
        assertThrows(IllegalArgumentException.class, () -> sessions.create(" ", Set.of("analyst")));
    }
}
