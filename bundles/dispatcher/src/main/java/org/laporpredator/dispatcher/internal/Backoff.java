package org.laporpredator.dispatcher.internal;

import java.time.Duration;

/**
 * When to try a failed delivery again: {@code first} after the first failure, doubling with each further
 * one, capped at {@code cap}, each drawn at random from 50% to 100% of that (jitter, so partners coming
 * back are not hit by every record at once). A partner's own {@code Retry-After} wins, capped the same.
 */
record Backoff(Duration first, Duration cap) {

    /** The wait after the {@code attempts}-th failed attempt (1 for the first); {@code random} in [0, 1). */
    Duration after(int attempts, Duration retryAfter, double random) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
        }
        int doublings = Math.max(0, Math.min(attempts - 1, 40));
        long ceiling = cap.toMillis();
        long base = first.toMillis();
        long millis = doublings >= 62 || base > (ceiling >> Math.min(doublings, 62)) ? ceiling : Math.min(ceiling, base << doublings);
        return Duration.ofMillis((long) (millis * (0.5 + random / 2)));
    }
}
