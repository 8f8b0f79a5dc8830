package org.laporpredator.dispatcher.internal;

import java.util.function.LongSupplier;

/**
 * Intake first: while new events come faster than {@code busyEventsPerSecond}, deliveries are held to
 * {@code busyDeliveriesPerSecond} (a token bucket of one second's worth), so that the CPU goes to the
 * submissions; once intake is quiet for a second, there is no limit. Used by the dispatcher's loop only.
 */
final class IntakePace {

    private static final long SECOND = 1_000_000_000L;

    private final int busyEvents;
    private final int busyDeliveries;
    private final LongSupplier nanos;
    private long windowStart;
    private long windowEvents;
    private long busyUntil;
    private double tokens;
    private long refilledAt;

    IntakePace(int busyEventsPerSecond, int busyDeliveriesPerSecond, LongSupplier nanos) {
        this.busyEvents = Math.max(1, busyEventsPerSecond);
        this.busyDeliveries = Math.max(0, busyDeliveriesPerSecond);
        this.nanos = nanos;
        long now = nanos.getAsLong();
        this.windowStart = now;
        this.busyUntil = now;
        this.refilledAt = now;
        this.tokens = busyDeliveries;
    }

    /** Records a fan-out of {@code records} new records. */
    void fannedOut(int records) {
        long now = nanos.getAsLong();
        windowEvents += records;
        long elapsed = now - windowStart;
        // busy as soon as a second's worth came, however early in the second
        if (windowEvents >= busyEvents) {
            busyUntil = now + SECOND;
        }
        if (elapsed >= SECOND) {
            windowStart = now;
            windowEvents = 0;
        }
    }

    /** Whether intake counts as busy now. */
    boolean busy() {
        return busyDeliveries > 0 && nanos.getAsLong() - busyUntil < 0;
    }

    /** How many deliveries may start now. */
    int allowed() {
        refill();
        if (!busy()) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.floor(tokens);
    }

    /** Takes {@code n} deliveries from this second's allowance. */
    void claimed(int n) {
        refill();
        tokens = Math.max(0, tokens - n);
    }

    private void refill() {
        long now = nanos.getAsLong();
        tokens = Math.min(busyDeliveries, tokens + (now - refilledAt) * (double) busyDeliveries / SECOND);
        refilledAt = now;
    }
}
