package org.laporpredator.spi;

import java.time.Instant;

/** One event for partners, written in the same transaction as the report. */
public record OutboxEvent(long id, String type, String idempotencyKey, String payload, Instant createdAt) {
}
