package ${package};

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.laporpredator.links.Tracking;
import org.laporpredator.links.Url;
import org.laporpredator.spi.Kinds;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.PlatformParser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Links of platform {@code ${platform}}, on its domains ({@code example.com} unless configured) and their
 * subdomains; lookalikes ({@code example.com.evil.test}, {@code notexample.com}) are not the platform's. Pure,
 * fast and thread-safe (its state is fixed when it is made), and it never fetches anything.
 *
 * <p>Rules (adapt them to the platform's real link shapes):
 * <ul>
 * <li>{@code /@<name>} and {@code /u/<name>} are one PROFILE (handle, in lower case), canonical
 * {@code https://<domain>/@<name>};</li>
 * <li>{@code /p/<id>} is a POST (postId), {@code /g/<id>} a GROUP (groupId), {@code /v/<id>} and
 * {@code /watch?v=<id>} a VIDEO (videoId), canonical {@code https://<domain>/p|g|v/<id>};</li>
 * <li>anything else on the platform's hosts is a WEB_PAGE of that host and path, without tracking parameters
 * and fragment.</li>
 * </ul>
 */
@Component(service = PlatformParser.class, configurationPid = Parser.PID, property = {
    Modules.PLATFORM + "=" + Parser.PLATFORM,
    Modules.ID + "=" + Parser.MODULE_ID,
    Modules.KIND + "=" + Modules.PARSER,
    Modules.NAME + "=${platform} parser"
})
@Designate(ocd = ParserConfig.class)
public class Parser implements PlatformParser {

    public static final String MODULE_ID = "${moduleId}";
    public static final String PLATFORM = "${platform}";
    public static final String PID = "${package}";
    static final String DEFAULT_DOMAIN = "example.com";

    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_.]{1,64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    private final List<String> domains;
    private final String canonical;

    /** The default domain, example.com. */
    public Parser() {
        this(DEFAULT_DOMAIN);
    }

    @Activate
    public Parser(ParserConfig config) {
        this(config.domains());
    }

    /** @param domains comma-separated registrable domains; none usable: example.com */
    public Parser(String domains) {
        List<String> d = new ArrayList<>();
        for (String part : (domains == null ? "" : domains).split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (DOMAIN.matcher(p).matches() && !d.contains(p)) {
                d.add(p);
            }
        }
        this.domains = d.isEmpty() ? List.of(DEFAULT_DOMAIN) : List.copyOf(d);
        this.canonical = "https://" + this.domains.get(0);
    }

    @Override
    public Optional<ParsedItem> parse(Url url) {
        if (!url.web() || !ours(url)) {
            return Optional.empty();
        }
        List<String> s = url.segments();
        ParsedItem item = s.isEmpty() ? null : item(s, url);
        return Optional.of(item != null ? item : webPage(url));
    }

    private boolean ours(Url url) {
        for (String d : domains) {
            if (url.hostIs(d)) {
                return true;
            }
        }
        return false;
    }

    private ParsedItem item(List<String> s, Url url) {
        String first = s.get(0);
        if (s.size() == 1 && first.startsWith("@")) {
            return profile(first.substring(1));
        }
        if (s.size() == 1 && first.equals("watch")) {
            return media(Kinds.VIDEO, "videoId", "v", url.queryParameter("v"));
        }
        if (s.size() != 2) {
            return null;
        }
        String second = s.get(1);
        switch (first) {
            case "u":
                return profile(second);
            case "p":
                return media(Kinds.POST, "postId", "p", second);
            case "g":
                return media(Kinds.GROUP, "groupId", "g", second);
            case "v":
                return media(Kinds.VIDEO, "videoId", "v", second);
            default:
                return null;
        }
    }

    private ParsedItem profile(String name) {
        if (!HANDLE.matcher(name).matches()) {
            return null;
        }
        String handle = name.toLowerCase(Locale.ROOT);
        return ParsedItem.of(PLATFORM, Kinds.PROFILE, Map.of("handle", handle), canonical + "/@" + handle);
    }

    private ParsedItem media(String kind, String identifier, String path, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return null;
        }
        return ParsedItem.of(PLATFORM, kind, Map.of(identifier, id), canonical + "/" + path + "/" + id);
    }

    /** The host and path as they are, the query without tracking parameters, no fragment. */
    private ParsedItem webPage(Url url) {
        String host = url.hostname();
        String query = Tracking.clean(url.query());
        String link = "https://" + host + url.pathname() + (query.isEmpty() ? "" : "?" + query);
        return ParsedItem.of(PLATFORM, Kinds.WEB_PAGE, Map.of("host", host), link);
    }
}
