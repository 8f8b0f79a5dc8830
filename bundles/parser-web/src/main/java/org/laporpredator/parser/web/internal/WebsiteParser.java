package org.laporpredator.parser.web.internal;

import java.util.Map;
import java.util.Optional;
import org.laporpredator.links.Domains;
import org.laporpredator.links.Tracking;
import org.laporpredator.links.Url;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.PlatformParser;
import org.osgi.service.component.annotations.Component;

/**
 * The generic website parser: any http(s) link is a web page. Canonical form: the URL Standard's
 * (lower-case ASCII host, punycode for IDN, no default port, dot segments resolved), tracking parameters
 * and fragment dropped. The scheme is not part of the identity: http and https of the same page are one
 * item. Identifiers: the host and, unless the host is an IP address, its registrable domain.
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
        if (!url.web()) {
            return Optional.empty();
        }
        String host = url.hostname();
        String query = Tracking.clean(url.query());
        String rest = host + (url.port() >= 0 ? ":" + url.port() : "") + url.pathname() + (query.isEmpty() ? "" : "?" + query);
        String canonical = url.scheme() + "://" + rest;
        String registrable = Domains.registrable(host);
        Map<String, String> identifiers = registrable == null ? Map.of("host", host)
                : Map.of("host", host, "registrableDomain", registrable);
        return Optional.of(new ParsedItem(Modules.WEBSITE, KIND, identifiers, canonical,
                Modules.WEBSITE + "|" + KIND + "|" + rest));
    }
}
