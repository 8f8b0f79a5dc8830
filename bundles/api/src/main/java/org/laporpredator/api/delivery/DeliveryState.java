package org.laporpredator.api.delivery;

/** Where a delivery record stands. */
public enum DeliveryState {
    /** Not tried yet, or made pending again by a redelivery. */
    PENDING,
    /** The partner took it. */
    DELIVERED,
    /** Tried and failed; tried again at the record's next attempt. */
    FAILED,
    /** Given up (too old, or a failure that no retry mends); shown to admins, redelivered by hand. */
    DEAD
}
