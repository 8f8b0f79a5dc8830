package org.laporpredator.api.delivery;

import org.laporpredator.spi.OutboxEvent;

/** A delivery leased to one dispatcher, with the event to deliver. */
public record Claimed(Delivery delivery, OutboxEvent event) {
}
