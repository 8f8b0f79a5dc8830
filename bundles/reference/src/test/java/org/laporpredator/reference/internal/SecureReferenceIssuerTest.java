package org.laporpredator.reference.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.Test;
import org.laporpredator.api.ReferenceNumbers;

public class SecureReferenceIssuerTest {

    private final SecureReferenceIssuer issuer = new SecureReferenceIssuer();

    @Test
    public void everyReferenceIsEightDigitsWithAValidCheckDigit() {
        for (int i = 0; i < 10_000; i++) {
            String ref = issuer.next();
            assertEquals(8, ref.length());
            assertTrue(ref, ReferenceNumbers.isValid(ref));
        }
    }

    @Test
    public void smallNumbersArePaddedWithZeros() {
        int[] draws = {0, 42, 9_999_999};
        SecureReferenceIssuer fixed = new SecureReferenceIssuer(new SecureRandom() {
            private int i;

            @Override
            public int nextInt(int bound) {
                return draws[i++];
            }
        });
        assertEquals(ReferenceNumbers.complete("0000000"), fixed.next());
        assertEquals(ReferenceNumbers.complete("0000042"), fixed.next());
        assertEquals(ReferenceNumbers.complete("9999999"), fixed.next());
    }

    @Test
    public void digitsAreSpreadEvenlyAndNotSequential() {
        int n = 50_000;
        int[][] counts = new int[7][10];
        Set<String> seen = new HashSet<>();
        long ascending = 0;
        long previous = -1;
        for (int i = 0; i < n; i++) {
            String ref = issuer.next();
            seen.add(ref);
            for (int p = 0; p < 7; p++) {
                counts[p][ref.charAt(p) - '0']++;
            }
            long value = Long.parseLong(ref.substring(0, 7));
            if (value == previous + 1) {
                ascending++;
            }
            previous = value;
        }
        // Each digit in each position is expected n/10 times; allow 5 standard deviations.
        double expected = n / 10.0;
        double tolerance = 5 * Math.sqrt(n * 0.1 * 0.9);
        for (int p = 0; p < 7; p++) {
            for (int d = 0; d < 10; d++) {
                assertTrue("position " + p + " digit " + d + ": " + counts[p][d],
                        Math.abs(counts[p][d] - expected) < tolerance);
            }
        }
        assertTrue("too many collisions in 50k draws: " + (n - seen.size()), n - seen.size() < 1_000);
        assertTrue("sequential references", ascending < 5);
    }
}
