package org.laporpredator.itests;

import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.function.Supplier;

/** Waiting for a condition in the built distribution, by polling it: never a fixed sleep. */
final class Poll {

    private Poll() {
    }

    /** The first value that is not null, asked every 50 ms; fails with {@code what} after the timeout. */
    static <T> T until(String what, Duration timeout, Supplier<T> value) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            assertTrue(what, System.nanoTime() < end);
            try {
                Thread.sleep(50); // polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what, e);
            }
        }
    }
}
