package org.laporpredator.parser.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.laporpredator.links.Tracking;
import org.laporpredator.links.Url;
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

    @Override
    public Optional<ParsedItem> parse(Url url) {
        if (!"http".equals(url.scheme()) && !"https".equals(url.scheme())) {
            return Optional.empty();
        }
        String path = removeDotSegments(url.pathname());
        String query = Tracking.clean(url.query());
        String rest = url.hostname() + (url.port() >= 0 ? ":" + url.port() : "") + path + (query.isEmpty() ? "" : "?" + query);
        String canonical = url.scheme() + "://" + rest;
        return Optional.of(new ParsedItem(Modules.WEBSITE, KIND, Map.of("host", url.hostname()), canonical,
                Modules.WEBSITE + "|" + KIND + "|" + rest));
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
