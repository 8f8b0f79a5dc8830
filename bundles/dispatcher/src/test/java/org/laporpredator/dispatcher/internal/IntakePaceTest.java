package org.laporpredator.dispatcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class IntakePaceTest {

    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final IntakePace pace = new IntakePace(50, 500, now::get);

    @Test
    public void quietIntakeLeavesDeliveriesUnlimited() {
        pace.fannedOut(10);
        now.addAndGet(500 * MS);
        pace.fannedOut(10);
        assertFalse(pace.busy());
        assertEquals(Integer.MAX_VALUE, pace.allowed());
    }

    @Test
    public void busyIntakeHoldsDeliveriesToTheirRate() {
        pace.fannedOut(60);
        assertTrue(pace.busy());
        assertEquals(500, pace.allowed());
        pace.claimed(500);
        assertEquals(0, pace.allowed());
        now.addAndGet(100 * MS);
        pace.fannedOut(30);
        assertEquals(50, pace.allowed()); // a tenth of a second's worth
        int delivered = 0;
        for (int ms = 0; ms < 1000; ms += 10) {
            now.addAndGet(10 * MS);
            pace.fannedOut(1); // intake goes on
            int n = Math.min(pace.allowed(), 100);
            pace.claimed(n);
            delivered += n;
        }
        assertTrue("delivered " + delivered + " in a busy second", delivered >= 490 && delivered <= 560);
    }

    @Test
    public void aSecondOfQuietEndsTheLimit() {
        pace.fannedOut(100);
        pace.claimed(500);
        assertEquals(0, pace.allowed());
        now.addAndGet(1_001 * MS);
        assertFalse(pace.busy());
        assertEquals(Integer.MAX_VALUE, pace.allowed());
    }

    @Test
    public void zeroMeansNoLimit() {
        IntakePace unlimited = new IntakePace(50, 0, now::get);
        unlimited.fannedOut(10_000);
        assertFalse(unlimited.busy());
        assertEquals(Integer.MAX_VALUE, unlimited.allowed());
    }
}
