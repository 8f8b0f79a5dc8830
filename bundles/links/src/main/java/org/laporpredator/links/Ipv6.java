package org.laporpredator.links;

/** The URL Standard's IPv6 parser: eight 16-bit pieces, "::" compression, an optional dotted IPv4 tail. */
final class Ipv6 {

    private Ipv6() {
    }

    /** The eight pieces of s[from, to), the text between the brackets. */
    static int[] parse(String s, int from, int to) {
        int[] a = new int[8];
        int piece = 0;
        int compress = -1;
        int p = from;
        if (p < to && s.charAt(p) == ':') {
            if (p + 1 >= to || s.charAt(p + 1) != ':') {
                throw bad();
            }
            p += 2;
            piece++;
            compress = piece;
        }
        while (p < to) {
            if (piece == 8) {
                throw bad();
            }
            if (s.charAt(p) == ':') {
                if (compress != -1) {
                    throw bad();
                }
                p++;
                piece++;
                compress = piece;
                continue;
            }
            int value = 0;
            int length = 0;
            while (length < 4 && p < to && hex(s.charAt(p)) >= 0) {
                value = value * 16 + hex(s.charAt(p));
                p++;
                length++;
            }
            if (p < to && s.charAt(p) == '.') {
                if (length == 0 || piece > 6) {
                    throw bad();
                }
                p -= length;
                int seen = 0;
                while (p < to) {
                    if (seen > 0) {
                        if (s.charAt(p) == '.' && seen < 4) {
                            p++;
                        } else {
                            throw bad();
                        }
                    }
                    if (p >= to || !digit(s.charAt(p))) {
                        throw bad();
                    }
                    int part = -1;
                    while (p < to && digit(s.charAt(p))) {
                        int d = s.charAt(p) - '0';
                        if (part == -1) {
                            part = d;
                        } else if (part == 0) {
                            throw bad();
                        } else {
                            part = part * 10 + d;
                        }
                        if (part > 255) {
                            throw bad();
                        }
                        p++;
                    }
                    a[piece] = a[piece] * 0x100 + part;
                    seen++;
                    if (seen == 2 || seen == 4) {
                        piece++;
                    }
                }
                if (seen != 4) {
                    throw bad();
                }
                break;
            } else if (p < to && s.charAt(p) == ':') {
                p++;
                if (p >= to) {
                    throw bad();
                }
            } else if (p < to) {
                throw bad();
            }
            a[piece] = value;
            piece++;
        }
        if (compress != -1) {
            int swaps = piece - compress;
            piece = 7;
            while (piece != 0 && swaps > 0) {
                int t = a[piece];
                a[piece] = a[compress + swaps - 1];
                a[compress + swaps - 1] = t;
                piece--;
                swaps--;
            }
        } else if (piece != 8) {
            throw bad();
        }
        return a;
    }

    private static UrlException bad() {
        return new UrlException("the link's IPv6 address is not valid");
    }

    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
