package org.laporpredator.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    public void burstThenRateThenWaitTime() {
        RateLimiter limiter = new RateLimiter(20, 10, now::get);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.acquire("a"));
        }
        long wait = limiter.acquire("a");
        assertTrue("wait " + wait, wait >= 1 && wait <= 3);
        assertEquals("another client is not limited", 0, limiter.acquire("b"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(3));
        assertEquals(0, limiter.acquire("a"));
        assertTrue(limiter.acquire("a") > 0);
    }

    @Test
    public void idleClientsAreForgotten() {
        RateLimiter limiter = new RateLimiter(60, 5, now::get);
        for (int i = 0; i < 1023; i++) {
            limiter.acquire("client-" + i);
        }
        now.addAndGet(TimeUnit.MINUTES.toNanos(10));
        limiter.acquire("late");
        assertEquals(1, limiter.size());
    }
}
