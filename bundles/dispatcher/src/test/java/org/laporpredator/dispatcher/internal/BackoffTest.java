package org.laporpredator.dispatcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import org.junit.Test;

public class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(4));

    @Test
    public void theFirstRetryComesWithinAMinuteAndEachWaitsAboutTwiceAsLong() {
        assertEquals(Duration.ofSeconds(15), backoff.after(1, null, 0));
        assertTrue(backoff.after(1, null, 0.999999).compareTo(Duration.ofSeconds(30)) <= 0);
        assertEquals(Duration.ofSeconds(30), backoff.after(2, null, 0));
        assertEquals(Duration.ofSeconds(60), backoff.after(3, null, 0));
        for (int attempt = 1; attempt < 10; attempt++) {
            Duration low = backoff.after(attempt, null, 0);
            Duration high = backoff.after(attempt, null, 0.999);
            assertTrue(low.compareTo(high) <= 0);
            assertTrue(backoff.after(attempt + 1, null, 0).compareTo(low) >= 0);
        }
    }

    @Test
    public void waitsAreCappedEvenAfterManyAttempts() {
        assertEquals(Duration.ofHours(2), backoff.after(20, null, 0));
        assertEquals(Duration.ofHours(2), backoff.after(1000, null, 0));
        assertTrue(backoff.after(Integer.MAX_VALUE, null, 0.999).compareTo(Duration.ofHours(4)) <= 0);
        assertEquals(Duration.ofMinutes(15), new Backoff(Duration.ofHours(1), Duration.ofMinutes(30)).after(1, null, 0));
    }

    @Test
    public void aPartnersRetryAfterWinsCappedTheSame() {
        assertEquals(Duration.ofSeconds(120), backoff.after(1, Duration.ofSeconds(120), 0.3));
        assertEquals(Duration.ofSeconds(0), backoff.after(5, Duration.ZERO, 0.3));
        assertEquals(Duration.ofHours(4), backoff.after(1, Duration.ofDays(3), 0.3));
    }
}
