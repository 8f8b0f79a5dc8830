package org.laporpredator.api;

/**
 * The shape of a reference number: 8 decimal digits, the last a Damm check digit. The Damm
 * check catches every single-digit error and every adjacent transposition.
 */
public final class ReferenceNumbers {

    public static final int LENGTH = 8;

    private static final int[][] DAMM = {
        {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
        {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
        {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
        {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
        {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
        {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
        {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
        {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
        {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
        {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}
    };

    private ReferenceNumbers() {
    }

    /** The Damm check digit of a string of decimal digits. */
    public static int checkDigit(CharSequence digits) {
        int interim = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit at " + i);
            }
            interim = DAMM[interim][c - '0'];
        }
        return interim;
    }

    /** True for 8 decimal digits, whatever the check digit. */
    public static boolean hasShape(String reference) {
        if (reference == null || reference.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = reference.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** True for 8 decimal digits whose check digit is right. */
    public static boolean isValid(String reference) {
        return hasShape(reference) && checkDigit(reference) == 0;
    }

    /** Appends the check digit to 7 digits. */
    public static String complete(String sevenDigits) {
        if (sevenDigits.length() != LENGTH - 1) {
            throw new IllegalArgumentException("need " + (LENGTH - 1) + " digits");
        }
        return sevenDigits + checkDigit(sevenDigits);
    }
}
