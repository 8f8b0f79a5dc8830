package org.laporpredator.api.accounts;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Console sessions, in the database so that every node knows them. The session id is drawn here
 * (256 random bits) and stored only as a hash; it is the cookie's value and nothing else knows it.
 */
@ProviderType
public interface Sessions {

    /** A new session; returns its id (the cookie value) and the session. */
    Created create(String username, Set<String> roles);

    /**
     * The session of an id, seen now: empty when unknown or idle for longer than {@code idle}
     * (then it is gone for good).
     */
    Optional<Session> touch(String sessionId, Duration idle);

    /** Ends a session (logout); unknown ids are ignored. */
    void end(String sessionId);

    /** Deletes every session idle for longer than {@code idle}; returns how many. */
    int purge(Duration idle);

    /** A session just made, with its id. */
    record Created(String sessionId, Session session) {
    }
}
