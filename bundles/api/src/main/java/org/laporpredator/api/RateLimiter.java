package org.laporpredator.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per client, in memory only. Clients are kept as a salted hash, never as the
 * address itself; idle buckets are dropped.
 */
public final class RateLimiter {

    private static final int SWEEP_EVERY = 1024;

    private final double perNano;
    private final double burst;
    private final LongSupplier clock;
    private final byte[] salt = new byte[16];
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    public RateLimiter(int perMinute, int burst, LongSupplier nanoClock) {
        this.perNano = perMinute / 60e9;
        this.burst = Math.max(1, burst);
        this.clock = nanoClock;
        new SecureRandom().nextBytes(salt);
    }

    /** @return 0 when the call may go ahead, else the seconds to wait */
    public long acquire(String client) {
        long now = clock.getAsLong();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        Bucket b = buckets.computeIfAbsent(key(client), k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.updated) * perNano);
            b.updated = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perNano / 1e9));
        }
    }

    private void sweep(long now) {
        long full = (long) (burst / perNano);
        buckets.entrySet().removeIf(e -> now - e.getValue().updated > full);
    }

    int size() {
        return buckets.size();
    }

    private long key(String client) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            byte[] h = sha.digest(String.valueOf(client).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (h[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
