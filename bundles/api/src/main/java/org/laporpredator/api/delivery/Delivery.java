package org.laporpredator.api.delivery;

import java.time.Instant;

/**
 * One partner's delivery of one outbox event.
 *
 * @param orderingKey      events of one key reach a partner in order: the report's reference, or
 *                         {@code item-<id>} for item events
 * @param reference        the report's reference for report events; null for item events
 * @param nextAttemptAt    when it is tried next (PENDING, FAILED); null otherwise
 * @param lastError        a short reason (never a payload or a contact); null when none
 * @param partnerReference the partner's own reference for it (e.g. MyCERT's), null when none was given
 */
public record Delivery(long id, String partner, long eventId, String eventType, String idempotencyKey,
        String orderingKey, String reference, DeliveryState state, int attempts, Instant nextAttemptAt,
        String lastError, Instant deliveredAt, String partnerReference, Instant createdAt) {
}
