package org.laporpredator.links;

import java.net.IDN;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An absolute URL, parsed as the WHATWG URL Standard says (no base URL). Hosts are serialized the
 * standard's way: lower-case ASCII (punycode for IDN), IPv4 dotted, IPv6 in brackets. Nothing is
 * ever fetched.
 */
public final class Url {

    private final String scheme;
    private final String username;
    private final String password;
    private final String hostname;
    private final int port;
    private final String pathname;
    private final String query;
    private final String fragment;

    Url(String scheme, String username, String password, String hostname, int port, String pathname, String query,
            String fragment) {
        this.scheme = scheme;
        this.username = username;
        this.password = password;
        this.hostname = hostname;
        this.port = port;
        this.pathname = pathname;
        this.query = query;
        this.fragment = fragment;
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
        String s = input.strip();
        if (s.isEmpty()) {
            throw new UrlException("the link is empty");
        }
        int colon = s.indexOf(':');
        if (colon <= 0 || !isScheme(s.substring(0, colon))) {
            throw new UrlException("the link has no scheme such as https://");
        }
        String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = s.substring(colon + 1);
        if (!rest.startsWith("//")) {
            throw new UrlException("the link has no host after " + scheme + ":");
        }
        rest = rest.substring(2);
        String fragment = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? rest.substring(slash) : "/";
        String username = "";
        String password = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String info = authority.substring(0, at);
            int c = info.indexOf(':');
            username = c >= 0 ? info.substring(0, c) : info;
            password = c >= 0 ? info.substring(c + 1) : "";
            authority = authority.substring(at + 1);
        }
        String hostPart = authority;
        int port = -1;
        int portColon = authority.lastIndexOf(':');
        if (portColon >= 0 && authority.indexOf(']', portColon) < 0) {
            hostPart = authority.substring(0, portColon);
            String p = authority.substring(portColon + 1);
            if (!p.isEmpty()) {
                if (p.length() > 5 || !p.chars().allMatch(ch -> ch >= '0' && ch <= '9') || Integer.parseInt(p) > 65535) {
                    throw new UrlException("the link has a bad port");
                }
                port = Integer.parseInt(p);
            }
        }
        if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
            port = -1;
        }
        if (hostPart.chars().anyMatch(ch -> ch <= ' ' || "<>^|".indexOf(ch) >= 0)) {
            throw new UrlException("the link has a bad host name");
        }
        String host;
        try {
            host = IDN.toASCII(hostPart, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new UrlException("the link has a bad host name");
        }
        if (host.isEmpty() && special(scheme)) {
            throw new UrlException("the link has no host");
        }
        return new Url(scheme, username, password, host, port, path, query, fragment);
    }

    private static boolean isScheme(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        return s.chars().allMatch(c -> (c < 128 && Character.isLetterOrDigit(c)) || c == '+' || c == '-' || c == '.');
    }

    static boolean special(String scheme) {
        switch (scheme) {
            case "http":
            case "https":
            case "ws":
            case "wss":
            case "ftp":
            case "file":
                return true;
            default:
                return false;
        }
    }

    /** Lower case, without the colon, e.g. {@code https}. */
    public String scheme() {
        return scheme;
    }

    /** True for the standard's special schemes (http, https, ws, wss, ftp, file). */
    public boolean special() {
        return special(scheme);
    }

    /** The user name, or "". */
    public String username() {
        return username;
    }

    /** The password, or "". */
    public String password() {
        return password;
    }

    /** The serialized host: lower-case ASCII, dotted IPv4, or bracketed IPv6; "" when there is none. */
    public String hostname() {
        return hostname;
    }

    /** The port, or -1 when none or the scheme's default. */
    public int port() {
        return port;
    }

    /** The serialized path, e.g. {@code /a/b}; at least {@code /} for special schemes. */
    public String pathname() {
        return pathname;
    }

    /** The path's segments as serialized (still percent-encoded), without the leading empty one. */
    public List<String> pathSegments() {
        List<String> out = new ArrayList<>();
        if (!pathname.startsWith("/")) {
            out.add(pathname);
            return out;
        }
        for (String s : pathname.substring(1).split("/", -1)) {
            out.add(s);
        }
        if (out.size() == 1 && out.get(0).isEmpty()) {
            out.clear();
        }
        return out;
    }

    /** The query without {@code ?}, or null when there is none. */
    public String query() {
        return query;
    }

    /** The fragment without {@code #}, or null when there is none. */
    public String fragment() {
        return fragment;
    }

    /** {@code ?query}, or "" when the query is null or empty. */
    public String search() {
        return query == null || query.isEmpty() ? "" : "?" + query;
    }

    /** {@code #fragment}, or "" when the fragment is null or empty. */
    public String hash() {
        return fragment == null || fragment.isEmpty() ? "" : "#" + fragment;
    }

    /** The query's parameters in order, names and values decoded as application/x-www-form-urlencoded. */
    public List<Map.Entry<String, String>> queryParameters() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq >= 0 ? pair.substring(0, eq) : pair;
            String value = eq >= 0 ? pair.substring(eq + 1) : "";
            out.add(Map.entry(formDecode(name), formDecode(value)));
        }
        return out;
    }

    /** The first value of the named query parameter, decoded, or null. */
    public String queryParameter(String name) {
        for (Map.Entry<String, String> e : queryParameters()) {
            if (e.getKey().equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String formDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s.replace('+', ' ');
        }
    }

    /** True when the host is {@code domain} or one of its subdomains; {@code domain} in lower-case ASCII. */
    public boolean hostIs(String domain) {
        return hostname.equals(domain)
                || (hostname.endsWith(domain) && hostname.length() > domain.length()
                        && hostname.charAt(hostname.length() - domain.length() - 1) == '.');
    }

    /** The serialized URL. */
    public String href() {
        StringBuilder b = new StringBuilder(scheme).append(':');
        if (!hostname.isEmpty() || special()) {
            b.append("//");
            if (!username.isEmpty() || !password.isEmpty()) {
                b.append(username);
                if (!password.isEmpty()) {
                    b.append(':').append(password);
                }
                b.append('@');
            }
            b.append(hostname);
            if (port >= 0) {
                b.append(':').append(port);
            }
        }
        b.append(pathname);
        if (query != null) {
            b.append('?').append(query);
        }
        if (fragment != null) {
            b.append('#').append(fragment);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return href();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Url && ((Url) o).href().equals(href());
    }

    @Override
    public int hashCode() {
        return href().hashCode();
    }
}
