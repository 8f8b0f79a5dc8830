package org.laporpredator.links;

/** The URL Standard's IPv4 parser: one to four parts, each decimal, octal (leading 0) or hex (0x). */
final class Ipv4 {

    private Ipv4() {
    }

    /** The address of h[start, end), whose last part is a number. */
    static long parse(CharSequence h, int start, int end) {
        int partsEnd = end;
        if (h.charAt(end - 1) == '.') {
            partsEnd--;
        }
        long[] numbers = new long[4];
        int count = 0;
        int i = start;
        while (true) {
            int j = i;
            while (j < partsEnd && h.charAt(j) != '.') {
                j++;
            }
            if (count == 4) {
                throw new UrlException("the link's IPv4 address has more than four parts");
            }
            numbers[count++] = number(h, i, j);
            if (j >= partsEnd) {
                break;
            }
            i = j + 1;
        }
        for (int k = 0; k < count - 1; k++) {
            if (numbers[k] > 255) {
                throw new UrlException("the link's IPv4 address has a part larger than 255");
            }
        }
        if (numbers[count - 1] >= 1L << (8 * (5 - count))) {
            throw new UrlException("the link's IPv4 address is too large");
        }
        long address = numbers[count - 1];
        for (int k = 0; k < count - 1; k++) {
            address += numbers[k] << (8 * (3 - k));
        }
        return address;
    }

    /** One part; values beyond 2^40 are capped, which is enough to reject them. */
    private static long number(CharSequence h, int from, int to) {
        if (from == to) {
            throw new UrlException("the link's IPv4 address has an empty part");
        }
        int radix = 10;
        if (to - from >= 2 && h.charAt(from) == '0' && (h.charAt(from + 1) == 'x' || h.charAt(from + 1) == 'X')) {
            radix = 16;
            from += 2;
        } else if (to - from >= 2 && h.charAt(from) == '0') {
            radix = 8;
            from++;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(h.charAt(i), radix);
            if (d < 0 || h.charAt(i) >= 0x80) {
                throw new UrlException("the link's IPv4 address has a part that is not a number");
            }
            value = Math.min(value * radix + d, 1L << 40);
        }
        return value;
    }
}
