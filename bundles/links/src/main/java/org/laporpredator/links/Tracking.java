package org.laporpredator.links;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** Query parameters that only track who shared or clicked a link; they never identify the item. */
public final class Tracking {

    /** Names that track on any site. Platform parsers drop their own (si, _r, _t, ...) by keeping only identity parameters. */
    private static final Set<String> NAMES = Set.of("fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid",
            "mc_cid", "mc_eid", "igsh", "igshid", "mibextid", "_hsenc", "_hsmi", "yclid", "twclid", "ttclid",
            "__tn__", "srsltid");

    private Tracking() {
    }

    /** True when the parameter name only tracks; names compare case-insensitively. */
    public static boolean isTracking(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("utm_") || n.startsWith("__cft__") || n.startsWith("__xts__") || NAMES.contains(n);
    }

    /** The raw query without tracking parameters and empty pairs; "" when nothing is left. */
    public static String clean(String query) {
        return clean(query, name -> false);
    }

    /**
     * The raw query without tracking parameters, without the parameters a platform also drops, and without
     * empty pairs; "" when nothing is left. {@code drop} sees each name percent-decoded and in lower case.
     */
    public static String clean(String query, Predicate<String> drop) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq >= 0 ? pair.substring(0, eq) : pair;
            if (!isTracking(decodeName(name)) && !drop.test(decoded(name).toLowerCase(Locale.ROOT))) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    private static String decoded(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String decodeName(String name) {
        return name.indexOf('%') < 0 ? name : name.replace("%5B", "[").replace("%5b", "[").replace("%5D", "]")
                .replace("%5d", "]").replace("%5F", "_").replace("%5f", "_");
    }
}
