package org.laporpredator.console.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Slows failed logins down: each failure of an account doubles the wait before its next answer, up to a
 * cap, and many failures across all accounts add a wait of their own. Unknown accounts are counted like
 * known ones, so the wait never tells whether an account exists. Accounts are kept as salted hashes, in
 * memory: a node counts its own failures (with several nodes an attacker gets each node's allowance).
 */
final class LoginThrottle {

    private static final long FORGET_NANOS = 15L * 60 * 1_000_000_000;

    private final long firstMillis;
    private final long maxMillis;
    private final LongSupplier clock;
    private final byte[] salt = new byte[16];
    private final Map<String, long[]> failures = new ConcurrentHashMap<>(); // hash -> {count, last nanos}
    private final AtomicLong recentTotal = new AtomicLong();
    private volatile long windowStart;

    LoginThrottle(long firstMillis, long maxMillis, LongSupplier nanoClock) {
        this.firstMillis = Math.max(0, firstMillis);
        this.maxMillis = Math.max(firstMillis, maxMillis);
        this.clock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
        new SecureRandom().nextBytes(salt);
    }

    /** How long to wait before answering a login attempt for this account, in milliseconds. */
    long delayMillis(String username) {
        long now = clock.getAsLong();
        long[] f = failures.get(key(username));
        long own = 0;
        if (f != null && now - f[1] < FORGET_NANOS && f[0] > 0) {
            own = firstMillis << Math.min(20, f[0] - 1);
        }
        long total = recentTotal() > 50 ? firstMillis * 4 : 0;
        return Math.min(maxMillis, own + total);
    }

    void failed(String username) {
        long now = clock.getAsLong();
        failures.compute(key(username), (k, f) -> f == null || now - f[1] >= FORGET_NANOS
                ? new long[] {1, now} : new long[] {f[0] + 1, now});
        recentTotal();
        recentTotal.incrementAndGet();
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> now - e.getValue()[1] >= FORGET_NANOS);
        }
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    /** Failures in the current minute, across all accounts. */
    private long recentTotal() {
        long now = clock.getAsLong();
        if (now - windowStart > 60_000_000_000L) {
            windowStart = now;
            recentTotal.set(0);
        }
        return recentTotal.get();
    }

    private String key(String username) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return HexFormat.of().formatHex(sha.digest(String.valueOf(username).toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
