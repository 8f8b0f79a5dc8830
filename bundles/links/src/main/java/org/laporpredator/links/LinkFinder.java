package org.laporpredator.links;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds links in free text (a description, a chat message): http(s) and tg links, their defanged forms
 * (hxxps://t[.]me/x, bad(.)site, bad[dot]site, [:]) and links without a scheme that start with "www." or
 * whose host is under a public suffix the Public Suffix List names (t.me/abc, bit.ly/x). E-mail addresses,
 * abbreviations ("e.g."), file names ("photo.jpg") and version numbers ("1.2.3") are not links. Runs in
 * linear time; never fetches anything.
 */
public final class LinkFinder {

    /** At most this many links are returned by {@link #find(String)}. */
    public static final int MAX_LINKS = 500;

    /** File extensions that are also top-level domains: "notes.zip" alone, without a path, is a file name. */
    private static final Set<String> FILE_EXTENSIONS = Set.of("zip", "mov", "py", "sh", "md", "rs", "pl", "pm",
            "ps", "so");

    private LinkFinder() {
    }

    /** The link texts as they appear in the text, in order, each once; at most {@link #MAX_LINKS}. */
    public static List<String> find(String text) {
        return find(text, MAX_LINKS);
    }

    /** The first {@code max} link texts as they appear in the text, in order, each once. */
    public static List<String> find(String text, int max) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        new Scan(text, out, max).run();
        return out;
    }

    /** One scan of one text. */
    private static final class Scan {

        private final String t;
        private final List<String> out;
        private final Set<String> seen = new HashSet<>();
        /** Decisions already made for this text, so repeated words cost one look-up. */
        private final Map<String, Boolean> decided = new HashMap<>();
        /** Whether a last label is a top-level domain the list names. */
        private final Map<String, Boolean> tlds = new HashMap<>();

        private final int max;

        Scan(String text, List<String> out, int max) {
            this.t = text;
            this.out = out;
            this.max = max;
        }

        void run() {
            int n = t.length();
            int i = 0;
            while (i < n && out.size() < max) {
                while (i < n && isSeparator(t.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !isSeparator(t.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    token(start, i);
                }
            }
        }

        /** Looks for links in t[from, to), a run of characters without separators. */
        private void token(int from, int to) {
            int p = from;
            while (p < to && out.size() < max) {
                int s = nextScheme(p, to);
                int segmentEnd = s < 0 ? to : s;
                while (p < segmentEnd && out.size() < max) {
                    p = withoutScheme(p, segmentEnd);
                }
                if (s < 0) {
                    return;
                }
                int e = trim(s, end(s, to));
                if (e > s) {
                    String link = t.substring(s, e);
                    Boolean valid = decided.get(link);
                    if (valid == null) {
                        valid = validWithScheme(link);
                        remember(link, valid);
                    }
                    if (valid) {
                        add(link);
                    }
                }
                p = Math.max(e, s + 1);
            }
        }

        private void add(String link) {
            if (seen.add(link)) {
                out.add(link);
            }
        }

        /** The start of the next http, https, hxxp(s), h**p(s) or tg link in t[p, to), or -1. */
        private int nextScheme(int p, int to) {
            for (int k = p; k + 5 < to; k++) {
                char c = (char) (t.charAt(k) | 0x20);
                if ((c != 'h' && c != 't') || (k > p && isWordChar(t.charAt(k - 1)))) {
                    continue;
                }
                int after = schemeEnd(k, to);
                if (after > 0 && after + 2 <= to && t.charAt(after) == '/' && t.charAt(after + 1) == '/') {
                    return k;
                }
            }
            return -1;
        }

        /** The index after the scheme's colon (":" or "[:]") at k, or -1. */
        private int schemeEnd(int k, int to) {
            int i;
            char c0 = (char) (t.charAt(k) | 0x20);
            if (c0 == 't') {
                if ((t.charAt(k + 1) | 0x20) != 'g') {
                    return -1;
                }
                i = k + 2;
            } else {
                char a = t.charAt(k + 1);
                char b = t.charAt(k + 2);
                boolean tt = (a | 0x20) == 't' && (b | 0x20) == 't';
                boolean xx = ((a | 0x20) == 'x' && (b | 0x20) == 'x') || (a == '*' && b == '*');
                if ((!tt && !xx) || (t.charAt(k + 3) | 0x20) != 'p') {
                    return -1;
                }
                i = k + 4;
                if (i < to && (t.charAt(i) | 0x20) == 's') {
                    i++;
                }
            }
            if (i < to && t.charAt(i) == ':') {
                return i + 1;
            }
            if (i + 3 <= to && t.charAt(i) == '[' && t.charAt(i + 1) == ':' && t.charAt(i + 2) == ']') {
                return i + 3;
            }
            return -1;
        }

        /**
         * Where a link starting at s ends: at the token's end or at a closing bracket without its opening
         * one. Defanged dots, colons and slashes in brackets belong to the link.
         */
        private int end(int s, int to) {
            int round = 0;
            int square = 0;
            int curly = 0;
            int k = s;
            while (k < to) {
                char c = t.charAt(k);
                if (c == '(' || c == '[' || c == '{') {
                    int len = Refang.defangLength(t, k);
                    if (len > 0 && k + len <= to) {
                        k += len;
                        continue;
                    }
                    if (c == '(') {
                        round++;
                    } else if (c == '[') {
                        square++;
                    } else {
                        curly++;
                    }
                } else if (c == ')') {
                    if (round-- == 0) {
                        return k;
                    }
                } else if (c == ']') {
                    if (square-- == 0) {
                        return k;
                    }
                } else if (c == '}') {
                    if (curly-- == 0) {
                        return k;
                    }
                }
                k++;
            }
            return k;
        }

        /** Drops trailing sentence punctuation, quotes and emphasis marks. */
        private int trim(int s, int e) {
            while (e > s) {
                char c = t.charAt(e - 1);
                if (".,;:!?'\"*\u2026".indexOf(c) >= 0) {
                    e--;
                } else {
                    break;
                }
            }
            return e;
        }

        private boolean validWithScheme(String link) {
            try {
                Url url = Url.parse(Refang.refang(link));
                return !url.hostname().isEmpty();
            } catch (UrlException e) {
                return false;
            }
        }

        /** Looks for one link without a scheme at the start of t[p, to); returns where to go on. */
        private int withoutScheme(int p, int to) {
            while (p < to && !Character.isLetterOrDigit(t.charAt(p))) {
                p++;
            }
            if (p >= to) {
                return to;
            }
            int end = end(p, to);
            int e = trim(p, end);
            if (e > p && mayBeHost(p, e)) {
                String candidate = t.substring(p, e);
                Boolean valid = decided.get(candidate);
                if (valid == null) {
                    valid = isLinkWithoutScheme(candidate);
                    remember(candidate, valid);
                }
                if (valid) {
                    add(candidate);
                }
            }
            return Math.max(end + 1, p + 1);
        }

        private void remember(String candidate, boolean valid) {
            if (decided.size() < 10_000) {
                decided.put(candidate, valid);
            }
        }

        /**
         * A cheap test before any allocation: no "@", a dot (plain or defanged) in the host, and unless the host
         * is defanged, a last label of letters (or punycode).
         */
        private boolean mayBeHost(int p, int e) {
            int hostEnd = e;
            int lastDot = -1;
            boolean defanged = false;
            for (int k = p; k < e; k++) {
                char c = t.charAt(k);
                if (c == '@') {
                    return false;
                }
                if (hostEnd == e) {
                    if (c == '.') {
                        lastDot = k;
                    } else if (c == '[' || c == '(' || c == '{') {
                        defanged = true;
                    } else if (c == '/' || c == '?' || c == '#' || c == '\\' || (c == ':' && !defanged)) {
                        hostEnd = k;
                    }
                }
            }
            if (defanged) {
                return true;
            }
            if (lastDot < 0 || lastDot + 1 >= hostEnd) {
                return false;
            }
            if (hostEnd - lastDot > 5 && t.regionMatches(true, lastDot + 1, "xn--", 0, 4)) {
                return true;
            }
            for (int k = lastDot + 1; k < hostEnd; k++) {
                if (!Character.isLetter(t.charAt(k)) && !isMark(t.charAt(k))) {
                    return false;
                }
            }
            if (t.regionMatches(true, p, "www.", 0, 4)) {
                return true;
            }
            String tld = t.substring(lastDot + 1, hostEnd).toLowerCase(Locale.ROOT);
            return (hostEnd < e || !FILE_EXTENSIONS.contains(tld)) && listedTld(tld);
        }

        private boolean isLinkWithoutScheme(String candidate) {
            if (candidate.indexOf('@') >= 0) {
                return false;
            }
            String r = Refang.refang(candidate);
            int hostEnd = 0;
            while (hostEnd < r.length() && "/?#:\\".indexOf(r.charAt(hostEnd)) < 0) {
                hostEnd++;
            }
            String host = r.substring(0, hostEnd);
            int lastDot = host.lastIndexOf('.');
            if (lastDot <= 0 || lastDot == host.length() - 1 || !hostShape(host)) {
                return false;
            }
            String tld = host.substring(lastDot + 1).toLowerCase(Locale.ROOT);
            boolean www = host.regionMatches(true, 0, "www.", 0, 4);
            if (!www && hostEnd == r.length() && FILE_EXTENSIONS.contains(tld)) {
                return false;
            }
            if (!www && (!listedTld(tld) || !listedHost(host))) {
                return false;
            }
            try {
                return !Url.parse("http://" + r).hostname().isEmpty();
            } catch (UrlException e) {
                return false;
            }
        }

        /** True when a rule of the list covers this last label; remembered per text. */
        private boolean listedTld(String tld) {
            Boolean listed = tlds.get(tld);
            if (listed == null) {
                try {
                    listed = Domains.hasListedSuffix(Url.serializeHost("a." + tld));
                } catch (UrlException e) {
                    listed = false;
                }
                if (tlds.size() < 10_000) {
                    tlds.put(tld, listed);
                }
            }
            return listed;
        }

        private static boolean listedHost(String host) {
            try {
                return Domains.underListedSuffix(Url.serializeHost(host));
            } catch (UrlException e) {
                return false;
            }
        }

        /** Labels of letters, digits, marks, hyphens and underscores, none empty; the last one not a number. */
        private static boolean hostShape(String host) {
            boolean labelStart = true;
            boolean lastLabelHasLetter = false;
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (c == '.') {
                    if (labelStart) {
                        return false;
                    }
                    labelStart = true;
                    lastLabelHasLetter = false;
                    continue;
                }
                labelStart = false;
                if (Character.isLetter(c)) {
                    lastLabelHasLetter = true;
                } else if (!(c >= '0' && c <= '9') && c != '-' && c != '_' && !isMark(c)) {
                    return false;
                }
            }
            return lastLabelHasLetter;
        }

        private static boolean isMark(char c) {
            int type = Character.getType(c);
            return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || c == '\u200c' || c == '\u200d';
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c);
        }

        /** White space, and characters that never belong to a link in running text. */
        private static boolean isSeparator(char c) {
            if (c <= ' ') {
                return true;
            }
            if (c < 0x80) {
                return c == '<' || c == '>' || c == '"' || c == '`' || c == '|' || c == '^' || c == 0x7f;
            }
            switch (c) {
                case '\u00a0':
                case '\u00ab':
                case '\u00bb':
                case '\u2018':
                case '\u2019':
                case '\u201c':
                case '\u201d':
                case '\u2039':
                case '\u203a':
                case '\u3001':
                case '\u3002':
                case '\u300a':
                case '\u300b':
                case '\u300c':
                case '\u300d':
                case '\u3010':
                case '\u3011':
                case '\uff08':
                case '\uff09':
                case '\uff0c':
                case '\uff1a':
                case '\uff1b':
                case '\uff01':
                case '\uff1f':
                    return true;
                default:
                    return Character.isWhitespace(c) || Character.isSpaceChar(c);
            }
        }
    }
}
