package org.laporpredator.notifier.cybersecuritymy.internal;

import java.nio.charset.StandardCharsets;

/**
 * A URL as RFC 3986 allows it, as STIX wants a {@code url} value: what the WHATWG parser leaves unescaped
 * (in a query: {@code | ^ ` { } }, spaces in odd places, non-ASCII) percent-encoded as UTF-8; existing
 * {@code %XX} escapes kept.
 */
final class Rfc3986 {

    private static final String ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            + "-._~" + ":/?#@" + "!$&'()*+,;=";

    private Rfc3986() {
    }

    static String encode(String url) {
        StringBuilder b = new StringBuilder(url.length() + 16);
        byte[] bytes = url.getBytes(StandardCharsets.UTF_8);
        int authority = url.indexOf("://");
        int authorityEnd = authority < 0 ? -1 : authority + 3;
        while (authorityEnd >= 0 && authorityEnd < bytes.length && "/?#".indexOf(bytes[authorityEnd]) < 0) {
            authorityEnd++;
        }
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if ((c == '[' || c == ']') && i > authority && i < authorityEnd) {
                b.append((char) c); // an IPv6 host
            } else if (c == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2])) {
                b.append('%');
            } else if (c < 0x80 && ALLOWED.indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    private static boolean hex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
