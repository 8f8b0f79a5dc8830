package org.laporpredator.links;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An absolute URL, parsed as the WHATWG URL Standard's basic URL parser does without a base URL.
 * Hosts are serialized the standard's way: lower-case ASCII (punycode for IDN), IPv4 dotted, IPv6 in
 * brackets. Nothing is ever fetched. Instances are immutable and equal when their hrefs are equal.
 */
public final class Url {

    private final String href;
    private final String scheme;
    private final String hostname;
    private final int port;
    private final int usernameStart;
    private final int usernameEnd;
    private final int passwordStart;
    private final int passwordEnd;
    private final int pathStart;
    private final int pathEnd;
    private final int queryStart;
    private final int fragmentStart;

    private Url(UrlParser p, String href) {
        this.href = href;
        this.scheme = p.scheme;
        this.hostname = p.hostStart < 0 ? "" : href.substring(p.hostStart, p.hostEnd);
        this.port = p.port;
        this.usernameStart = p.usernameStart;
        this.usernameEnd = p.usernameEnd;
        this.passwordStart = p.passwordStart;
        this.passwordEnd = p.passwordEnd;
        this.pathStart = p.pathStart;
        this.pathEnd = p.queryStart >= 0 ? p.queryStart - 1 : p.fragmentStart >= 0 ? p.fragmentStart - 1 : href.length();
        this.queryStart = p.queryStart;
        this.fragmentStart = p.fragmentStart;
    }

    /**
     * Parses an absolute URL.
     *
     * @throws UrlException with a reason a person understands
     */
    public static Url parse(String input) {
        if (input == null) {
            throw new UrlException("the link is empty");
        }
        UrlParser p = new UrlParser(UrlParser.clean(input));
        String href = p.run();
        return new Url(p, href);
    }

    /**
     * The host of a special URL (such as https) in its serialized form: a domain becomes lower-case ASCII
     * (punycode for IDN), an IPv4 address dotted, an IPv6 address bracketed.
     *
     * @throws UrlException when the text is not a valid host
     */
    static String serializeHost(String host) {
        return UrlParser.host(host);
    }

    static boolean special(String scheme) {
        return UrlParser.defaultPort(scheme) != UrlParser.NOT_SPECIAL;
    }

    /** Lower case, without the colon, e.g. {@code https}. */
    public String scheme() {
        return scheme;
    }

    /** True for the standard's special schemes (http, https, ws, wss, ftp, file). */
    public boolean special() {
        return special(scheme);
    }

    /** The user name, percent-encoded, or "". */
    public String username() {
        return usernameStart == usernameEnd ? "" : href.substring(usernameStart, usernameEnd);
    }

    /** The password, percent-encoded, or "". */
    public String password() {
        return passwordStart == passwordEnd ? "" : href.substring(passwordStart, passwordEnd);
    }

    /**
     * The serialized host: lower-case ASCII (punycode for IDN), dotted IPv4, or bracketed IPv6; "" when there
     * is none. Schemes that are not special have an opaque host, only percent-encoded, case kept
     * ({@code tg://Resolve} has host {@code Resolve}).
     */
    public String hostname() {
        return hostname;
    }

    /** The port, or -1 when none or the scheme's default. */
    public int port() {
        return port;
    }

    /** The serialized path, e.g. {@code /a/b}; at least {@code /} for special schemes. */
    public String pathname() {
        return href.substring(pathStart, pathEnd);
    }

    /** The path's segments as serialized (still percent-encoded), without the leading empty one. */
    public List<String> pathSegments() {
        List<String> out = new ArrayList<>();
        if (pathStart == pathEnd) {
            return out;
        }
        if (href.charAt(pathStart) != '/') {
            out.add(pathname());
            return out;
        }
        if (pathEnd - pathStart == 1) {
            return out;
        }
        int from = pathStart + 1;
        while (true) {
            int slash = href.indexOf('/', from);
            if (slash < 0 || slash >= pathEnd) {
                out.add(href.substring(from, pathEnd));
                return out;
            }
            out.add(href.substring(from, slash));
            from = slash + 1;
        }
    }

    /** True for http and https links, the ones the web parsers read. */
    public boolean web() {
        return "https".equals(scheme()) || "http".equals(scheme());
    }

    /** The path's segments without the empty ones: {@code /a//b/} gives {@code a, b}. */
    public List<String> segments() {
        List<String> out = pathSegments();
        out.removeIf(String::isEmpty);
        return out;
    }

    /**
     * A link given as a parameter value (the target of a redirect or share wrapper) as an absolute http(s)
     * link, or null: trimmed, without whitespace inside, at most 4000 characters; {@code host.example/path}
     * without a scheme gets {@code https://}.
     */
    public static String httpLink(String value) {
        if (value == null) {
            return null;
        }
        String t = value.strip();
        if (t.isEmpty() || t.length() > 4000) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.isWhitespace(t.charAt(i))) {
                return null;
            }
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            if (lower.indexOf(':') >= 0 || lower.indexOf('.') < 0) {
                return null;
            }
            t = "https://" + t;
        }
        try {
            Url inner = parse(t);
            return inner.web() && !inner.hostname().isEmpty() ? t : null;
        } catch (UrlException e) {
            return null;
        }
    }

    /** The query without {@code ?}, or null when there is none. */
    public String query() {
        if (queryStart < 0) {
            return null;
        }
        return href.substring(queryStart, fragmentStart >= 0 ? fragmentStart - 1 : href.length());
    }

    /** The fragment without {@code #}, or null when there is none. */
    public String fragment() {
        return fragmentStart < 0 ? null : href.substring(fragmentStart);
    }

    /** {@code ?query}, or "" when the query is null or empty. */
    public String search() {
        String q = query();
        return q == null || q.isEmpty() ? "" : "?" + q;
    }

    /** {@code #fragment}, or "" when the fragment is null or empty. */
    public String hash() {
        String f = fragment();
        return f == null || f.isEmpty() ? "" : "#" + f;
    }

    /** The query's parameters in order, names and values decoded as application/x-www-form-urlencoded. */
    public List<Map.Entry<String, String>> queryParameters() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        String query = query();
        if (query == null || query.isEmpty()) {
            return out;
        }
        int from = 0;
        int n = query.length();
        while (from <= n) {
            int amp = query.indexOf('&', from);
            int end = amp < 0 ? n : amp;
            if (end > from) {
                int eq = query.indexOf('=', from);
                if (eq < 0 || eq > end) {
                    out.add(Map.entry(formDecode(query, from, end), ""));
                } else {
                    out.add(Map.entry(formDecode(query, from, eq), formDecode(query, eq + 1, end)));
                }
            }
            from = end + 1;
        }
        return out;
    }

    /** The first value of the named query parameter, decoded, or null. */
    public String queryParameter(String name) {
        String query = query();
        if (query == null || query.isEmpty()) {
            return null;
        }
        int from = 0;
        int n = query.length();
        while (from <= n) {
            int amp = query.indexOf('&', from);
            int end = amp < 0 ? n : amp;
            if (end > from) {
                int eq = query.indexOf('=', from);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                if (formDecode(query, from, nameEnd).equals(name)) {
                    return nameEnd == end ? "" : formDecode(query, nameEnd + 1, end);
                }
            }
            from = end + 1;
        }
        return null;
    }

    /** Decodes one name or value: plus is a space, valid %XX sequences are bytes, bytes are UTF-8. */
    private static String formDecode(String s, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '%') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return s.substring(from, to);
        }
        return UrlParser.percentDecode(s, from, to, true);
    }

    /** True when the host is {@code domain} or one of its subdomains; {@code domain} in lower-case ASCII. */
    public boolean hostIs(String domain) {
        return hostname.equals(domain)
                || (hostname.endsWith(domain) && hostname.length() > domain.length()
                        && hostname.charAt(hostname.length() - domain.length() - 1) == '.');
    }

    /** The serialized URL. */
    public String href() {
        return href;
    }

    @Override
    public String toString() {
        return href;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Url && ((Url) o).href.equals(href);
    }

    @Override
    public int hashCode() {
        return href.hashCode();
    }
}
