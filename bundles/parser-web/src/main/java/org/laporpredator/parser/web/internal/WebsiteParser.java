package org.laporpredator.parser.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.laporpredator.spi.Link;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.PlatformParser;
import org.osgi.service.component.annotations.Component;

/**
 * The generic website parser: any http(s) link is a web page. Canonical form: lower-case host,
 * no default port, dot segments resolved, tracking parameters and fragment dropped. The scheme
 * is not part of the identity: http and https of the same page are one item.
 */
@Component(service = PlatformParser.class, property = {
    Modules.PLATFORM + "=" + Modules.WEBSITE,
    Modules.ID + "=" + WebsiteParser.MODULE_ID,
    Modules.KIND + "=" + Modules.PARSER,
    Modules.NAME + "=Generic website parser"
})
public class WebsiteParser implements PlatformParser {

    public static final String MODULE_ID = "parser-web";
    public static final String KIND = "WEB_PAGE";

    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
            "igsh", "igshid", "mibextid", "_hsenc", "_hsmi", "yclid", "twclid", "ttclid");

    @Override
    public Optional<ParsedItem> parse(Link link) {
        if (!"http".equals(link.scheme()) && !"https".equals(link.scheme())) {
            return Optional.empty();
        }
        String path = removeDotSegments(link.path());
        String query = cleanQuery(link.query());
        String rest = link.host() + (link.port() >= 0 ? ":" + link.port() : "") + path + (query.isEmpty() ? "" : "?" + query);
        String canonical = link.scheme() + "://" + rest;
        return Optional.of(new ParsedItem(Modules.WEBSITE, KIND, Map.of("host", link.host()), canonical,
                Modules.WEBSITE + "|" + KIND + "|" + rest));
    }

    static String cleanQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = (eq >= 0 ? pair.substring(0, eq) : pair).toLowerCase(Locale.ROOT);
            if (!name.startsWith("utm_") && !TRACKING.contains(name)) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    static String removeDotSegments(String path) {
        if (!path.contains("/.")) {
            return path;
        }
        List<String> out = new ArrayList<>();
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".") || s.equalsIgnoreCase("%2e")) {
                if (last) {
                    out.add("");
                }
            } else if (s.equals("..") || s.equalsIgnoreCase(".%2e") || s.equalsIgnoreCase("%2e.") || s.equalsIgnoreCase("%2e%2e")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else {
                out.add(s);
            }
        }
        return "/" + String.join("/", out);
    }
}
