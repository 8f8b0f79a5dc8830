package org.laporpredator.mail.partner;

import java.util.Locale;

/**
 * Links made unclickable for the mail's text ({@code hxxps://example[.]com/...}): mail clients and their
 * link scanners do not fetch them, and no one opens one by a slip. Attachments (STIX, JSON) keep them as they are.
 */
public final class Defang {

    private Defang() {
    }

    /** {@code https://a.example/x} as {@code hxxps://a[.]example/x}; another scheme as {@code scheme[:]...}; null as {@code (none)}. */
    public static String url(String url) {
        if (url == null) {
            return "(none)";
        }
        int scheme = url.indexOf(':');
        if (scheme <= 0) {
            return dots(url);
        }
        String s = url.substring(0, scheme).toLowerCase(Locale.ROOT);
        String rest = url.substring(scheme + 1);
        if (s.startsWith("http")) {
            s = "hxxp" + s.substring(4);
        }
        if (rest.startsWith("//")) {
            int end = 2;
            while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
                end++;
            }
            return s + "://" + dots(rest.substring(2, end)) + rest.substring(end);
        }
        return s + "[:]" + rest;
    }

    /** An identifier's value: a link defanged as one, else its dots bracketed (host names). */
    public static String value(String v) {
        if (v == null) {
            return "";
        }
        return v.contains("://") ? url(v) : dots(v);
    }

    private static String dots(String s) {
        return s.replace(".", "[.]");
    }
}
