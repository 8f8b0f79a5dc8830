package org.laporpredator.links;

/** Undoes the usual ways people defang links: hxxp, h**p, [.], (.), {.}, [dot], (dot), {dot}, [:], [/]. */
public final class Refang {

    private Refang() {
    }

    public static String refang(String s) {
        StringBuilder b = null;
        int i = 0;
        int n = s.length();
        int scheme = schemeLength(s);
        if (scheme > 0) {
            b = new StringBuilder(n);
            boolean secure = s.charAt(4) == 's' || s.charAt(4) == 'S';
            b.append(secure ? "https:" : "http:");
            i = scheme;
        }
        while (i < n) {
            char c = s.charAt(i);
            int len = c == '[' || c == '(' || c == '{' ? defangLength(s, i) : 0;
            if (len == 0) {
                if (b != null) {
                    b.append(c);
                }
                i++;
                continue;
            }
            if (b == null) {
                b = new StringBuilder(n);
                b.append(s, 0, i);
            }
            b.append(replacement(s, i));
            i += len;
        }
        return b == null ? s : b.toString();
    }

    /** The length of a defanged scheme (hxxp:, hxxps[:], h**p:, ...) at the start, or 0. */
    static int schemeLength(String s) {
        if (s.length() < 5 || (s.charAt(0) | 0x20) != 'h' || (s.charAt(3) | 0x20) != 'p') {
            return 0;
        }
        char a = s.charAt(1);
        char b = s.charAt(2);
        boolean xx = ((a | 0x20) == 'x' && (b | 0x20) == 'x') || (a == '*' && b == '*');
        if (!xx) {
            return 0;
        }
        int i = 4;
        if ((s.charAt(i) | 0x20) == 's') {
            i++;
        }
        if (s.startsWith(":", i)) {
            return i + 1;
        }
        return s.startsWith("[:]", i) ? i + 3 : 0;
    }

    /** The length of a defanged dot, colon or slash at i, or 0. */
    static int defangLength(CharSequence s, int i) {
        int n = s.length();
        if (i + 2 >= n) {
            return 0;
        }
        char open = s.charAt(i);
        char close = open == '[' ? ']' : open == '(' ? ')' : '}';
        char m = s.charAt(i + 1);
        if ((m == '.' || (open == '[' && (m == ':' || m == '/'))) && s.charAt(i + 2) == close) {
            return 3;
        }
        if (i + 4 < n && (m | 0x20) == 'd' && (s.charAt(i + 2) | 0x20) == 'o' && (s.charAt(i + 3) | 0x20) == 't'
                && s.charAt(i + 4) == close) {
            return 5;
        }
        return 0;
    }

    private static char replacement(CharSequence s, int i) {
        char m = s.charAt(i + 1);
        return m == ':' || m == '/' ? m : '.';
    }
}
