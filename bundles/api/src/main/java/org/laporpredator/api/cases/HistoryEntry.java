package org.laporpredator.api.cases;

import java.time.Instant;

/**
 * One event in a report's history.
 *
 * @param action e.g. {@code status-changed}, {@code item-classified}, {@code item-removed}, {@code removal-undone},
 *               {@code contact-revealed}
 * @param detail e.g. {@code UNDER_REVIEW -> REFERRED} or {@code item 12: CSAM}; never a contact
 */
public record HistoryEntry(Instant at, String actor, String action, String detail) {
}
