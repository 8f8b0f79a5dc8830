package org.laporpredator.links;

import com.google.common.net.InternetDomainName;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public suffixes and registrable domains ("eTLD+1") from the Public Suffix List that Guava ships
 * (ICANN and private sections), with the list's default rule "*": an unlisted top-level domain is a
 * public suffix. Hosts may be given in Unicode or punycode, in any case; answers are lower-case ASCII.
 */
public final class Domains {

    /** Suffix answers for recently seen hosts; reported hosts repeat a lot. Emptied when it grows too big. */
    private static final ConcurrentHashMap<String, Integer> SUFFIX_LABELS = new ConcurrentHashMap<>();
    private static final int CACHE_SIZE = 20_000;

    private Domains() {
    }

    /**
     * The registrable domain, e.g. {@code example.co.uk} for {@code www.example.co.uk}; null for an IP
     * address, for a host that is itself a public suffix, and for no or an invalid host.
     */
    public static String registrable(String asciiHost) {
        String host = normalize(asciiHost);
        if (host == null) {
            return null;
        }
        int start = labelStart(host, Math.abs(suffixLabels(host)) + 1);
        return start < 0 ? null : host.substring(start);
    }

    /** True when a rule of the list (not only the default rule) gives the host's public suffix. */
    static boolean hasListedSuffix(String asciiHost) {
        String host = normalize(asciiHost);
        return host != null && suffixLabels(host) > 0;
    }

    /** True when the host is below a public suffix the list names (not only the default rule). */
    static boolean underListedSuffix(String asciiHost) {
        String host = normalize(asciiHost);
        if (host == null) {
            return false;
        }
        int suffixLabels = suffixLabels(host);
        return suffixLabels > 0 && labelStart(host, suffixLabels + 1) >= 0;
    }

    /**
     * The public suffix, e.g. {@code co.uk} for {@code www.example.co.uk}; null for an IP address and for
     * no or an invalid host.
     */
    public static String publicSuffix(String asciiHost) {
        String host = normalize(asciiHost);
        if (host == null) {
            return null;
        }
        int start = labelStart(host, Math.abs(suffixLabels(host)));
        return start < 0 ? host : host.substring(start);
    }

    /** The serialized host without one trailing dot, or null for IP addresses, empty labels and invalid hosts. */
    private static String normalize(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h;
        try {
            h = Url.serializeHost(host);
        } catch (UrlException e) {
            return null;
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.charAt(0) == '[' || h.charAt(0) == '.' || h.contains("..")) {
            return null;
        }
        char last = h.charAt(h.length() - 1);
        if (last >= '0' && last <= '9' && isIpv4(h)) {
            return null;
        }
        return h;
    }

    private static boolean isIpv4(String h) {
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** How many trailing labels of the ASCII host form its public suffix; -1 when only the default rule applies. */
    private static int suffixLabels(String host) {
        Integer cached = SUFFIX_LABELS.get(host);
        if (cached != null) {
            return cached;
        }
        int labels = lookUp(host);
        if (SUFFIX_LABELS.size() >= CACHE_SIZE) {
            SUFFIX_LABELS.clear();
        }
        SUFFIX_LABELS.put(host, labels);
        return labels;
    }

    private static int lookUp(String host) {
        String name = host.contains("xn--") ? UrlParser.toUnicode(host) : host;
        if (labels(name) != labels(host)) {
            name = host;
        }
        // Leading labels Guava does not accept (leading hyphen, too long, ...) do not change the suffix.
        int from = 0;
        while (true) {
            try {
                InternetDomainName d = InternetDomainName.from(from == 0 ? name : name.substring(from));
                return d.hasPublicSuffix() ? labels(d.publicSuffix().toString()) : -1;
            } catch (IllegalArgumentException e) {
                // not a name Guava accepts from here on: try without the first label
            }
            int dot = name.indexOf('.', from);
            if (dot < 0) {
                return -1;
            }
            from = dot + 1;
        }
    }

    private static int labels(String h) {
        int count = 1;
        for (int i = 0; i < h.length(); i++) {
            if (h.charAt(i) == '.') {
                count++;
            }
        }
        return count;
    }

    /** Index where the last {@code count} labels start, or -1 when the host has fewer. */
    private static int labelStart(String host, int count) {
        int i = host.length();
        for (int k = 0; k < count; k++) {
            if (i < 0) {
                return -1;
            }
            i = host.lastIndexOf('.', i - 1);
        }
        return i + 1;
    }
}
