package org.laporpredator.links;

import com.ibm.icu.text.IDNA;
import com.ibm.icu.util.ICUException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * The WHATWG URL Standard's basic URL parser for absolute URLs (no base URL, no state override). It
 * writes the serialized URL while it reads and remembers where each component starts. One instance
 * parses one URL.
 */
final class UrlParser {

    static final int NOT_SPECIAL = -2;

    private static final int FRAGMENT = 1;
    private static final int QUERY = 2;
    private static final int SPECIAL_QUERY = 4;
    private static final int PATH = 8;
    private static final int USERINFO = 16;
    private static final int FORBIDDEN_HOST = 32;
    private static final int FORBIDDEN_DOMAIN = 64;

    /** For each ASCII character, the percent-encode sets and forbidden sets it belongs to. */
    private static final int[] SETS = new int[128];

    static {
        add(FRAGMENT, " \"<>`");
        add(QUERY, " \"#<>");
        add(SPECIAL_QUERY, " \"#<>'");
        add(PATH, " \"#<>?^`{}");
        add(USERINFO, " \"#<>?^`{}/:;=@[\\]|");
        add(FORBIDDEN_HOST, "\0\t\n\r #/:<>?@[\\]^|");
        add(FORBIDDEN_DOMAIN, "\0\t\n\r #/:<>?@[\\]^|%\u007f");
        for (int c = 0; c < 0x20; c++) {
            SETS[c] |= FORBIDDEN_DOMAIN;
        }
    }

    private static void add(int set, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            SETS[chars.charAt(i)] |= set;
        }
    }

    private final String s;
    private final int n;
    private final StringBuilder out;
    private boolean special;
    private boolean file;

    String scheme;
    int port = -1;
    int usernameStart;
    int usernameEnd;
    int passwordStart;
    int passwordEnd;
    int hostStart = -1;
    int hostEnd = -1;
    int pathStart = -1;
    int queryStart = -1;
    int fragmentStart = -1;

    UrlParser(String s) {
        this.s = s;
        this.n = s.length();
        this.out = new StringBuilder(n + 8);
    }

    /** Strips leading and trailing C0 controls and spaces and removes tabs and newlines. */
    static String clean(String input) {
        int start = 0;
        int end = input.length();
        while (start < end && input.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && input.charAt(end - 1) <= ' ') {
            end--;
        }
        for (int i = start; i < end; i++) {
            char c = input.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                StringBuilder b = new StringBuilder(end - start);
                for (int j = start; j < end; j++) {
                    char d = input.charAt(j);
                    if (d != '\t' && d != '\n' && d != '\r') {
                        b.append(d);
                    }
                }
                return b.toString();
            }
        }
        return start == 0 && end == input.length() ? input : input.substring(start, end);
    }

    /** The scheme's default port, -1 for file, {@link #NOT_SPECIAL} for a scheme that is not special. */
    static int defaultPort(String scheme) {
        switch (scheme) {
            case "http":
            case "ws":
                return 80;
            case "https":
            case "wss":
                return 443;
            case "ftp":
                return 21;
            case "file":
                return -1;
            default:
                return NOT_SPECIAL;
        }
    }

    /** Parses the whole input and returns the href. */
    String run() {
        if (n == 0) {
            throw new UrlException("the link is empty");
        }
        int colon = schemeEnd();
        scheme = scheme(colon);
        out.append(scheme).append(':');
        int defaultPort = defaultPort(scheme);
        special = defaultPort != NOT_SPECIAL;
        file = special && defaultPort == -1;
        int p = colon + 1;
        if (file) {
            p = file(p);
        } else if (special) {
            while (p < n && isSlash(s.charAt(p))) {
                p++;
            }
            p = authority(p, defaultPort);
            if (p < n && isSlash(s.charAt(p))) {
                p++;
            }
            p = path(p);
        } else if (p < n && s.charAt(p) == '/') {
            if (p + 1 < n && s.charAt(p + 1) == '/') {
                p = authority(p + 2, defaultPort);
                if (p < n && s.charAt(p) == '/') {
                    p = path(p + 1);
                } else {
                    pathStart = out.length();
                }
            } else {
                p = path(p + 1);
            }
        } else {
            p = opaquePath(p);
        }
        if (hostStart < 0 && out.length() - pathStart > 1 && out.charAt(pathStart) == '/'
                && out.charAt(pathStart + 1) == '/') {
            out.insert(pathStart, "/.");
            pathStart += 2;
        }
        if (p < n && s.charAt(p) == '?') {
            out.append('?');
            queryStart = out.length();
            p++;
            int set = special ? SPECIAL_QUERY : QUERY;
            while (p < n && s.charAt(p) != '#') {
                p = encode(p, set);
            }
        }
        if (p < n && s.charAt(p) == '#') {
            out.append('#');
            fragmentStart = out.length();
            p++;
            while (p < n) {
                p = encode(p, FRAGMENT);
            }
        }
        return out.toString();
    }

    private boolean isSlash(char c) {
        return c == '/' || (special && c == '\\');
    }

    /** Index of the colon ending the scheme. */
    private int schemeEnd() {
        char first = s.charAt(0);
        if (!isAlpha(first)) {
            throw new UrlException("the link has no scheme such as https://");
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                break;
            }
        }
        throw new UrlException("the link has no scheme such as https://");
    }

    /** The lower-case scheme; the common ones without allocating. */
    private String scheme(int colon) {
        if (colon == 5 && s.regionMatches(true, 0, "https", 0, 5)) {
            return "https";
        }
        if (colon == 4 && s.regionMatches(true, 0, "http", 0, 4)) {
            return "http";
        }
        if (colon == 2 && s.regionMatches(true, 0, "tg", 0, 2)) {
            return "tg";
        }
        char[] b = new char[colon];
        for (int i = 0; i < colon; i++) {
            char c = s.charAt(i);
            b[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return new String(b);
    }

    /** The authority (userinfo, host, port) starting at p; returns the index after it. */
    private int authority(int p, int defaultPort) {
        int end = p;
        int at = -1;
        while (end < n) {
            char c = s.charAt(end);
            if (c == '/' || c == '?' || c == '#' || (special && c == '\\')) {
                break;
            }
            if (c == '@') {
                at = end;
            }
            end++;
        }
        out.append("//");
        usernameStart = out.length();
        int hostFrom = p;
        if (at >= 0) {
            int colon = p;
            while (colon < at && s.charAt(colon) != ':') {
                colon++;
            }
            for (int i = p; i < colon;) {
                i = encode(i, USERINFO, at);
            }
            usernameEnd = out.length();
            passwordStart = usernameEnd;
            passwordEnd = usernameEnd;
            if (colon < at) {
                out.append(':');
                int start = out.length();
                for (int i = colon + 1; i < at;) {
                    i = encode(i, USERINFO, at);
                }
                if (out.length() == start) {
                    out.setLength(start - 1);
                } else {
                    passwordStart = start;
                    passwordEnd = out.length();
                }
            }
            if (out.length() > usernameStart) {
                out.append('@');
            }
            hostFrom = at + 1;
            if (hostFrom == end) {
                throw new UrlException("the link has a user name but no host");
            }
        } else {
            usernameEnd = usernameStart;
            passwordStart = usernameStart;
            passwordEnd = usernameStart;
        }
        int hostTo = hostFrom;
        boolean brackets = false;
        while (hostTo < end) {
            char c = s.charAt(hostTo);
            if (c == '[') {
                brackets = true;
            } else if (c == ']') {
                brackets = false;
            } else if (c == ':' && !brackets) {
                break;
            }
            hostTo++;
        }
        hostStart = out.length();
        if (hostTo == hostFrom) {
            if (hostTo < end || special) {
                throw new UrlException("the link has no host name");
            }
        } else {
            appendHost(s, hostFrom, hostTo, special, out);
        }
        hostEnd = out.length();
        if (hostTo < end) {
            int value = 0;
            for (int i = hostTo + 1; i < end; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    throw new UrlException("the link's port is not a number");
                }
                value = value * 10 + (c - '0');
                if (value > 65535) {
                    throw new UrlException("the link's port is larger than 65535");
                }
            }
            if (hostTo + 1 < end && value != defaultPort) {
                port = value;
                out.append(':').append(value);
            }
        }
        return end;
    }

    /** The file scheme: host only after two slashes, Windows drive letters kept in the path. */
    private int file(int p) {
        out.append("//");
        usernameStart = out.length();
        usernameEnd = usernameStart;
        passwordStart = usernameStart;
        passwordEnd = usernameStart;
        hostStart = out.length();
        hostEnd = hostStart;
        if (p < n && isSlash(s.charAt(p)) && p + 1 < n && isSlash(s.charAt(p + 1))) {
            p += 2;
            int end = p;
            while (end < n) {
                char c = s.charAt(end);
                if (c == '/' || c == '\\' || c == '?' || c == '#') {
                    break;
                }
                end++;
            }
            if (end - p == 2 && isAlpha(s.charAt(p)) && (s.charAt(p + 1) == ':' || s.charAt(p + 1) == '|')) {
                return path(p);
            }
            if (end > p) {
                appendHost(s, p, end, true, out);
                if (out.length() - hostStart == 9 && out.indexOf("localhost", hostStart) == hostStart) {
                    out.setLength(hostStart);
                }
                hostEnd = out.length();
            }
            p = end;
            if (p < n && isSlash(s.charAt(p))) {
                p++;
            }
            return path(p);
        }
        if (p < n && isSlash(s.charAt(p))) {
            p++;
        }
        return path(p);
    }

    /** The path state from p, after the slash that starts it; returns the index of ?, # or the end. */
    private int path(int p) {
        pathStart = out.length();
        while (true) {
            int segStart = out.length();
            out.append('/');
            while (p < n) {
                char c = s.charAt(p);
                if (c == '/' || c == '?' || c == '#' || (special && c == '\\')) {
                    break;
                }
                p = encode(p, PATH);
            }
            boolean slash = p < n && isSlash(s.charAt(p));
            int len = out.length() - segStart - 1;
            if (isDoubleDot(segStart + 1, len)) {
                out.setLength(segStart);
                shorten();
                if (!slash) {
                    out.append('/');
                }
            } else if (isSingleDot(segStart + 1, len)) {
                out.setLength(segStart);
                if (!slash) {
                    out.append('/');
                }
            } else if (file && segStart == pathStart && len == 2 && isAlpha(out.charAt(segStart + 1))
                    && (out.charAt(segStart + 2) == ':' || out.charAt(segStart + 2) == '|')) {
                out.setCharAt(segStart + 2, ':');
            }
            if (!slash) {
                return p;
            }
            p++;
        }
    }

    /** Removes the path's last segment, keeping a lone file drive letter. */
    private void shorten() {
        int len = out.length() - pathStart;
        if (len == 0) {
            return;
        }
        if (file && len == 3 && isAlpha(out.charAt(pathStart + 1)) && out.charAt(pathStart + 2) == ':') {
            return;
        }
        out.setLength(out.lastIndexOf("/"));
    }

    private boolean isSingleDot(int from, int len) {
        return (len == 1 && out.charAt(from) == '.') || (len == 3 && isEncodedDot(from));
    }

    private boolean isDoubleDot(int from, int len) {
        if (len == 2) {
            return out.charAt(from) == '.' && out.charAt(from + 1) == '.';
        }
        if (len == 4) {
            return (out.charAt(from) == '.' && isEncodedDot(from + 1)) || (isEncodedDot(from) && out.charAt(from + 3) == '.');
        }
        return len == 6 && isEncodedDot(from) && isEncodedDot(from + 3);
    }

    private boolean isEncodedDot(int i) {
        return out.charAt(i) == '%' && out.charAt(i + 1) == '2' && (out.charAt(i + 2) == 'e' || out.charAt(i + 2) == 'E');
    }

    /** An opaque path (e.g. mailto:x): only C0 controls and non-ASCII are encoded. */
    private int opaquePath(int p) {
        pathStart = out.length();
        while (p < n) {
            char c = s.charAt(p);
            if (c == '?' || c == '#') {
                break;
            }
            if (c == ' ' && p + 1 < n && (s.charAt(p + 1) == '?' || s.charAt(p + 1) == '#')) {
                out.append("%20");
                p++;
            } else {
                p = encode(p, 0);
            }
        }
        return p;
    }

    /** Appends the code point at p, percent-encoded when in the set; returns the index after it. */
    private int encode(int p, int set) {
        return encode(p, set, n);
    }

    private int encode(int p, int set, int limit) {
        char c = s.charAt(p);
        if (c >= 0x20 && c < 0x7f && (SETS[c] & set) == 0) {
            out.append(c);
            return p + 1;
        }
        return appendUtf8Encoded(s, p, limit, out);
    }

    /** Appends the code point at p as percent-encoded UTF-8 (lone surrogates as U+FFFD); returns the next index. */
    private static int appendUtf8Encoded(String s, int p, int limit, StringBuilder out) {
        char c = s.charAt(p);
        int cp = c;
        int next = p + 1;
        if (Character.isHighSurrogate(c) && next < limit && Character.isLowSurrogate(s.charAt(next))) {
            cp = Character.toCodePoint(c, s.charAt(next));
            next++;
        } else if (Character.isSurrogate(c)) {
            cp = 0xFFFD;
        }
        if (cp < 0x80) {
            appendByte(cp, out);
        } else if (cp < 0x800) {
            appendByte(0xC0 | (cp >> 6), out);
            appendByte(0x80 | (cp & 0x3F), out);
        } else if (cp < 0x10000) {
            appendByte(0xE0 | (cp >> 12), out);
            appendByte(0x80 | ((cp >> 6) & 0x3F), out);
            appendByte(0x80 | (cp & 0x3F), out);
        } else {
            appendByte(0xF0 | (cp >> 18), out);
            appendByte(0x80 | ((cp >> 12) & 0x3F), out);
            appendByte(0x80 | ((cp >> 6) & 0x3F), out);
            appendByte(0x80 | (cp & 0x3F), out);
        }
        return next;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static void appendByte(int b, StringBuilder out) {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
    }

    /** The serialized host of a special URL. */
    static String host(String host) {
        if (host == null || host.isEmpty()) {
            throw new UrlException("the link has no host name");
        }
        StringBuilder b = new StringBuilder(host.length());
        appendHost(host, 0, host.length(), true, b);
        return b.toString();
    }

    /** The host parser: appends the serialized host of s[from, to), which is not empty. */
    static void appendHost(String s, int from, int to, boolean special, StringBuilder out) {
        if (s.charAt(from) == '[') {
            if (s.charAt(to - 1) != ']' || to - from < 2) {
                throw new UrlException("the link's IPv6 address is missing its closing ]");
            }
            appendIpv6(Ipv6.parse(s, from + 1, to - 1), out);
            return;
        }
        if (!special) {
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < 0x80 && (SETS[c] & FORBIDDEN_HOST) != 0) {
                    throw new UrlException("the link's host name contains " + describe(c));
                }
            }
            for (int i = from; i < to;) {
                char c = s.charAt(i);
                if (c > 0x20 && c < 0x7f) {
                    out.append(c);
                    i++;
                } else {
                    i = appendUtf8Encoded(s, i, to, out);
                }
            }
            return;
        }
        int start = out.length();
        boolean fast = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == '%') {
                fast = false;
                break;
            }
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        if (fast) {
            for (int i = start; i + 4 <= out.length(); i++) {
                if ((i == start || out.charAt(i - 1) == '.') && out.charAt(i) == 'x' && out.charAt(i + 1) == 'n'
                        && out.charAt(i + 2) == '-' && out.charAt(i + 3) == '-') {
                    fast = false;
                    break;
                }
            }
        }
        if (!fast) {
            out.setLength(start);
            out.append(Idn.toAscii(percentDecode(s, from, to, false)));
        }
        int end = out.length();
        for (int i = start; i < end; i++) {
            char c = out.charAt(i);
            if (c < 0x80 && (SETS[c] & FORBIDDEN_DOMAIN) != 0) {
                throw new UrlException("the link's host name contains " + describe(c));
            }
        }
        if (endsInNumber(out, start, end)) {
            long address = Ipv4.parse(out, start, end);
            out.setLength(start);
            out.append(address >>> 24).append('.').append((address >> 16) & 0xFF).append('.')
                    .append((address >> 8) & 0xFF).append('.').append(address & 0xFF);
        }
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        return c < ' ' || c == 0x7f ? "an invisible control character" : "the character \"" + c + "\"";
    }

    /** True when the last label (ignoring one trailing dot) is a number, so the host must be an IPv4 address. */
    private static boolean endsInNumber(CharSequence h, int start, int end) {
        int lastEnd = end;
        if (h.charAt(end - 1) == '.') {
            lastEnd--;
        }
        int lastStart = lastEnd;
        while (lastStart > start && h.charAt(lastStart - 1) != '.') {
            lastStart--;
        }
        if (lastStart == lastEnd) {
            return false;
        }
        boolean digits = true;
        for (int i = lastStart; i < lastEnd; i++) {
            char c = h.charAt(i);
            if (c < '0' || c > '9') {
                digits = false;
                break;
            }
        }
        if (digits) {
            return true;
        }
        if (lastEnd - lastStart < 2 || h.charAt(lastStart) != '0' || (h.charAt(lastStart + 1) | 0x20) != 'x') {
            return false;
        }
        for (int i = lastStart + 2; i < lastEnd; i++) {
            if (Character.digit(h.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Percent-decodes s[from, to) as UTF-8 (invalid bytes become U+FFFD); other characters are taken as
     * their UTF-8 bytes. With plusAsSpace, "+" is a space (form encoding).
     */
    static String percentDecode(String s, int from, int to, boolean plusAsSpace) {
        byte[] b = new byte[(to - from) * 3];
        int len = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to && Character.digit(s.charAt(i + 1), 16) >= 0 && s.charAt(i + 1) < 0x80
                    && Character.digit(s.charAt(i + 2), 16) >= 0 && s.charAt(i + 2) < 0x80) {
                b[len++] = (byte) (Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                b[len++] = (byte) (plusAsSpace && c == '+' ? ' ' : c);
            } else {
                int cp = c;
                if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, s.charAt(i + 1));
                    i++;
                } else if (Character.isSurrogate(c)) {
                    cp = 0xFFFD;
                }
                if (cp < 0x800) {
                    b[len++] = (byte) (0xC0 | (cp >> 6));
                } else if (cp < 0x10000) {
                    b[len++] = (byte) (0xE0 | (cp >> 12));
                    b[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                } else {
                    b[len++] = (byte) (0xF0 | (cp >> 18));
                    b[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                }
                b[len++] = (byte) (0x80 | (cp & 0x3F));
            }
        }
        return new String(b, 0, len, StandardCharsets.UTF_8);
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Serializes an IPv6 address, compressing the first longest run of two or more zero pieces. */
    private static void appendIpv6(int[] a, StringBuilder out) {
        int compress = -1;
        int best = 1;
        for (int i = 0; i < 8;) {
            if (a[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && a[j] == 0) {
                j++;
            }
            if (j - i > best) {
                best = j - i;
                compress = i;
            }
            i = j;
        }
        out.append('[');
        for (int i = 0; i < 8; i++) {
            if (i == compress) {
                out.append(i == 0 ? "::" : ":");
                i += best - 1;
                continue;
            }
            out.append(Integer.toHexString(a[i]));
            if (i != 7) {
                out.append(':');
            }
        }
        out.append(']');
    }

    /** The Unicode form of an ASCII domain (punycode labels decoded); labels that do not decode stay as they are. */
    static String toUnicode(String asciiDomain) {
        return Idn.toUnicode(asciiDomain);
    }

    /** Domain to ASCII through UTS #46; loaded only when a host needs it. */
    private static final class Idn {

        private static final IDNA UTS46 = IDNA.getUTS46Instance(
                IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);

        /** Errors that the URL Standard's settings (CheckHyphens=false, VerifyDnsLength=false) do not check. */
        private static final Set<IDNA.Error> IGNORED = EnumSet.of(IDNA.Error.EMPTY_LABEL, IDNA.Error.LABEL_TOO_LONG,
                IDNA.Error.DOMAIN_NAME_TOO_LONG, IDNA.Error.LEADING_HYPHEN, IDNA.Error.TRAILING_HYPHEN,
                IDNA.Error.HYPHEN_3_4);

        static String toAscii(String domain) {
            StringBuilder dest = new StringBuilder(domain.length() + 8);
            IDNA.Info info = new IDNA.Info();
            try {
                UTS46.nameToASCII(domain, dest, info);
            } catch (ICUException e) {
                // ICU refuses very long internationalized labels (ICUInputTooLongException).
                throw new UrlException("the link's host name is too long");
            }
            for (IDNA.Error e : info.getErrors()) {
                if (!IGNORED.contains(e)) {
                    throw new UrlException("the link's host name is not a valid domain name");
                }
            }
            if (dest.length() == 0) {
                throw new UrlException("the link's host name is empty");
            }
            return dest.toString();
        }

        static String toUnicode(String domain) {
            StringBuilder dest = new StringBuilder(domain.length());
            try {
                UTS46.nameToUnicode(domain, dest, new IDNA.Info());
            } catch (ICUException e) {
                return domain;
            }
            return dest.toString();
        }
    }
}
