package org.laporpredator.api.cases;

import java.time.Instant;

/** A page of the audit log, newest first; from, to and actor may be null. */
public record AuditQuery(Instant from, Instant to, String actor, int page, int size) {

    public AuditQuery {
        if (page < 0 || size < 1 || size > 500) {
            throw new IllegalArgumentException("page from 0, size from 1 to 500");
        }
    }
}
