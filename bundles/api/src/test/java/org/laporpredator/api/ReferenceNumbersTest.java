package org.laporpredator.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.SplittableRandom;
import org.junit.Test;

public class ReferenceNumbersTest {

    @Test
    public void knownDammValues() {
        // Published example: 572 -> check digit 4
        assertEquals(4, ReferenceNumbers.checkDigit("572"));
        assertTrue(ReferenceNumbers.isValid(ReferenceNumbers.complete("0000000")));
        assertEquals("00000000", ReferenceNumbers.complete("0000000"));
    }

    @Test
    public void catchesEverySingleDigitErrorAndAdjacentSwap() {
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < 20_000; n++) {
            String ref = ReferenceNumbers.complete(String.format("%07d", random.nextInt(10_000_000)));
            assertTrue(ref, ReferenceNumbers.isValid(ref));
            char[] digits = ref.toCharArray();
            for (int i = 0; i < digits.length; i++) {
                char original = digits[i];
                for (char d = '0'; d <= '9'; d++) {
                    if (d == original) {
                        continue;
                    }
                    digits[i] = d;
                    assertFalse("single error missed: " + new String(digits), ReferenceNumbers.isValid(new String(digits)));
                }
                digits[i] = original;
            }
            for (int i = 0; i + 1 < digits.length; i++) {
                if (digits[i] == digits[i + 1]) {
                    continue;
                }
                char[] swapped = digits.clone();
                swapped[i] = digits[i + 1];
                swapped[i + 1] = digits[i];
                assertFalse("swap missed: " + new String(swapped), ReferenceNumbers.isValid(new String(swapped)));
            }
        }
    }

    @Test
    public void shapeIsEightDigits() {
        assertFalse(ReferenceNumbers.hasShape(null));
        assertFalse(ReferenceNumbers.hasShape("1234567"));
        assertFalse(ReferenceNumbers.hasShape("123456789"));
        assertFalse(ReferenceNumbers.hasShape("1234567a"));
        assertFalse(ReferenceNumbers.hasShape("１２３４５６７８"));
        assertTrue(ReferenceNumbers.hasShape("12345678"));
    }
}
