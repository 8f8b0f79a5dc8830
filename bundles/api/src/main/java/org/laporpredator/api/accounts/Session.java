package org.laporpredator.api.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * A signed-in account.
 *
 * @param roles     {@code analyst}, {@code admin}
 * @param csrfToken what every state-changing call must send in {@code X-CSRF-Token}
 */
public record Session(String username, Set<String> roles, String csrfToken, Instant createdAt, Instant lastSeen) {

    public Session {
        roles = Set.copyOf(roles);
    }
}
