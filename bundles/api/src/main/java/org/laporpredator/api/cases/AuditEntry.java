package org.laporpredator.api.cases;

import java.time.Instant;

/**
 * One row of the append-only audit log.
 *
 * @param action e.g. {@code login}, {@code login-failed}, {@code item-classified}, {@code contact-revealed},
 *               {@code module-disabled}, {@code account-created}
 * @param target what it was done to: a reference, {@code item:12}, a module id, an account; or null
 * @param detail never a contact or a password
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String detail) {
}
