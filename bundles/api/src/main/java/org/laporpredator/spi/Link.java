package org.laporpredator.spi;

import java.net.IDN;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A reported link, split into its parts. Hosts are lower case and in ASCII (punycode for IDN);
 * the default port is dropped. Nothing is ever fetched.
 */
public final class Link {

    private static final int MAX_LENGTH = 2048;

    private final String input;
    private final String scheme;
    private final String userInfo;
    private final String host;
    private final int port;
    private final String path;
    private final String query;
    private final String fragment;

    private Link(String input, String scheme, String userInfo, String host, int port, String path, String query,
            String fragment) {
        this.input = input;
        this.scheme = scheme;
        this.userInfo = userInfo;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
        this.fragment = fragment;
    }

    /**
     * Parses an absolute link {@code scheme://host[:port][/path][?query][#fragment]}.
     *
     * @throws IllegalArgumentException with a reason a person understands
     */
    public static Link parse(String input) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("the link is empty");
        }
        String s = input.strip();
        if (s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the link is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("the link contains a space or control character");
            }
        }
        int colon = s.indexOf(':');
        if (colon <= 0 || !isScheme(s.substring(0, colon))) {
            throw new IllegalArgumentException("the link has no scheme such as https://");
        }
        String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = s.substring(colon + 1);
        if (!rest.startsWith("//")) {
            throw new IllegalArgumentException("the link has no host after " + scheme + ":");
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
        int slash = indexOfSlash(rest);
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? rest.substring(slash).replace('\\', '/') : "/";
        String userInfo = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
        }
        String hostPart = authority;
        int port = -1;
        int portColon = authority.lastIndexOf(':');
        if (portColon >= 0 && authority.indexOf(']', portColon) < 0) {
            hostPart = authority.substring(0, portColon);
            port = parsePort(authority.substring(portColon + 1));
        }
        String host = parseHost(hostPart);
        if (port == defaultPort(scheme)) {
            port = -1;
        }
        return new Link(input, scheme, userInfo, host, port, path, query, fragment);
    }

    private static int indexOfSlash(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '\\') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isScheme(String s) {
        if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int parsePort(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        if (s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the link has a bad port");
        }
        int port = Integer.parseInt(s);
        if (port > 65535) {
            throw new IllegalArgumentException("the link has a bad port");
        }
        return port;
    }

    private static String parseHost(String raw) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("the link has no host");
        }
        if (raw.startsWith("[")) {
            if (!raw.endsWith("]") || !raw.substring(1, raw.length() - 1).matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("the link has a bad IPv6 address");
            }
            return raw.toLowerCase(Locale.ROOT);
        }
        String decoded = raw.indexOf('%') >= 0 ? URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8) : raw;
        if (decoded.endsWith(".")) {
            decoded = decoded.substring(0, decoded.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(decoded, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the link has a bad host name");
        }
        if (ascii.isEmpty() || ascii.startsWith(".") || ascii.contains("..")) {
            throw new IllegalArgumentException("the link has a bad host name");
        }
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')) {
                throw new IllegalArgumentException("the link has a bad host name");
            }
        }
        return ascii;
    }

    private static int defaultPort(String scheme) {
        switch (scheme) {
            case "http":
                return 80;
            case "https":
                return 443;
            default:
                return -2;
        }
    }

    /** What the reporter typed. */
    public String input() {
        return input;
    }

    /** Lower case, e.g. {@code https}. */
    public String scheme() {
        return scheme;
    }

    /** The user info before {@code @}, or null. */
    public String userInfo() {
        return userInfo;
    }

    /** Lower case ASCII host name (punycode for IDN), or a bracketed IPv6 address. */
    public String host() {
        return host;
    }

    /** The port, or -1 for the scheme's default. */
    public int port() {
        return port;
    }

    /** The raw path, at least {@code /}. */
    public String path() {
        return path;
    }

    /** The raw query without {@code ?}, or null. */
    public String query() {
        return query;
    }

    /** The raw fragment without {@code #}, or null. */
    public String fragment() {
        return fragment;
    }

    /** The query's parameters in order, names and values decoded. */
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
            out.add(Map.entry(decode(name), decode(value)));
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** {@code scheme://host[:port]} */
    public String origin() {
        return scheme + "://" + host + (port >= 0 ? ":" + port : "");
    }

    /** The link without user info and fragment. */
    public String withoutFragment() {
        return origin() + path + (query != null ? "?" + query : "");
    }

    @Override
    public String toString() {
        return withoutFragment() + (fragment != null ? "#" + fragment : "");
    }
}
