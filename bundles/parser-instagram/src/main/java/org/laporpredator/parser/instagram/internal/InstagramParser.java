package org.laporpredator.parser.instagram.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.laporpredator.links.Tracking;
import org.laporpredator.links.Url;
import org.laporpredator.links.UrlException;
import org.laporpredator.spi.Kinds;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.Platforms;
import org.laporpredator.spi.PlatformParser;
import org.osgi.service.component.annotations.Component;

/**
 * Instagram links. Nothing is ever fetched, so share links stay unresolved.
 *
 * <p>Hosts: {@code instagram.com} with {@code www}, {@code m}, {@code web}, {@code mobile}, the old
 * {@code instagr.am}, and {@code ig.me}. Other subdomains ({@code help.instagram.com},
 * {@code about.instagram.com}) are Instagram web pages on their own host; {@code l.instagram.com}
 * is a redirect wrapper that {@link #unwrap(Url)} opens, as is {@code accounts/login/?next=}.
 *
 * <p>Rules worth knowing:
 * <ul>
 * <li>Usernames ignore case (lower-cased); dots and underscores count (john.smith is not
 * johnsmith).</li>
 * <li>Posts, reels and IGTV videos share one shortcode space ({@code /p/<code>} opens a reel
 * too), so {@code /p/X}, {@code /reel/X}, {@code /reels/X}, {@code /tv/X} and {@code /<user>/p/X}
 * are one item; the kind follows the link. Shortcodes are case-sensitive.</li>
 * <li>{@code img_index} picks one photo of a carousel post: it is dropped, the item is the post
 * (a takedown is per post).</li>
 * <li>{@code ig.me/m/<user>} (a direct-message link) is that account's PROFILE, the same item as
 * {@code instagram.com/<user>}; {@code ig.me/j/<code>} is an INVITE_LINK; other {@code ig.me}
 * links are unresolved SHORT_LINKs, as are {@code /share/<code>} and {@code /share/<type>/<code>}.</li>
 * <li>{@code /stories/<user>/<id>} is one STORY, {@code /stories/<user>} the account's current
 * stories, {@code /stories/highlights/<id>} and its share form {@code /s/<base64 "highlight:id">}
 * one highlight. {@code /direct/t/<id>} is a MESSAGE (the conversation).</li>
 * <li>{@code /explore/tags/<tag>} and {@code /explore/locations/<id>} are WEB_PAGEs with a hashtag
 * or locationId. Everything else on an Instagram host (accounts, about, legal, reserved words,
 * unknown shapes) is an Instagram WEB_PAGE whose canonical URL is the path without tracking
 * parameters. Lookalikes ({@code instagram.com.evil.example}, {@code instagramm.com}) are not
 * Instagram.</li>
 * </ul>
 */
@Component(service = PlatformParser.class, property = {
    Modules.PLATFORM + "=" + Platforms.INSTAGRAM,
    Modules.ID + "=" + InstagramParser.MODULE_ID,
    Modules.KIND + "=" + Modules.PARSER,
    Modules.NAME + "=Instagram parser"
})
public class InstagramParser implements PlatformParser {

    public static final String MODULE_ID = "parser-instagram";

    private static final String IG = Platforms.INSTAGRAM;
    private static final String WWW = "https://www.instagram.com";

    private static final Set<String> ALIASES = Set.of("www", "m", "web", "mobile");

    /** First path segments that are Instagram's own pages, never usernames. */
    private static final Set<String> RESERVED = Set.of("accounts", "explore", "about", "legal", "developer",
            "developers", "direct", "p", "reel", "reels", "tv", "stories", "share", "s", "_u", "_n", "web", "emails",
            "challenge", "session", "sessions", "graphql", "api", "static", "oauth", "privacy", "terms", "help",
            "press", "blog", "jobs", "nametag", "directory", "lite", "ar", "create", "topics", "your_activity",
            "notifications", "download", "qr", "data", "fragment", "invites", "contact", "locations", "popular",
            "igtv", "ads", "business", "creators", "safety", "community", "logout", "login", "signup", "robots.txt",
            "favicon.ico", "sitemap.xml", "embed.js", "push", "integrity", "i", "instagram", "meta", "threads",
            "settings", "saved", "archive", "insights", "brand", "support", "report", "shop", "shopping", "guide");

    /** Query parameters that never identify anything on Instagram (besides {@link Tracking}'s). */
    private static final Set<String> NOISE = Set.of("hl", "img_index", "ref", "source", "locale", "e", "s",
            "utm_source", "ig_rid", "ig_mid", "__coig_restricted", "__d", "__a", "next");

    @Override
    public Optional<ParsedItem> parse(Url url) {
        return Optional.ofNullable(item(url));
    }

    @Override
    public Optional<String> unwrap(Url url) {
        return Optional.ofNullable(target(url));
    }

    private static String target(Url url) {
        if (!url.web() || !url.hostIs("instagram.com")) {
            return null;
        }
        List<String> s = url.segments();
        if (url.hostname().equals("l.instagram.com")) {
            return Url.httpLink(url.queryParameter("u"));
        }
        if ("accounts".equalsIgnoreCase(at(s, 0)) && "login".equalsIgnoreCase(at(s, 1))) {
            String next = url.queryParameter("next");
            if (next == null || next.isEmpty()) {
                return null;
            }
            if (next.startsWith("/") && !next.startsWith("//")) {
                return next.equals("/") ? null : WWW + next;
            }
            try {
                return Url.parse(next).hostIs("instagram.com") ? next : null;
            } catch (UrlException e) {
                return null;
            }
        }
        return null;
    }

    private static ParsedItem item(Url url) {
        if (!url.web()) {
            return null;
        }
        if (url.hostIs("ig.me")) {
            return igMe(url);
        }
        String host = url.hostname();
        boolean main;
        if (url.hostIs("instagr.am")) {
            main = true;
        } else if (url.hostIs("instagram.com")) {
            main = host.equals("instagram.com")
                    || ALIASES.contains(host.substring(0, host.length() - ".instagram.com".length()));
        } else {
            return null;
        }
        if (!main) {
            return webPage("https://" + host, url);
        }
        ParsedItem item = mainPath(url, url.segments());
        return item != null ? item : webPage(WWW, url);
    }

    private static ParsedItem mainPath(Url url, List<String> s) {
        if (s.isEmpty()) {
            return null;
        }
        String first = s.get(0).toLowerCase(Locale.ROOT);
        switch (first) {
            case "p":
                return media(Kinds.POST, "p", at(s, 1), null);
            case "reel":
            case "reels":
                return "audio".equalsIgnoreCase(at(s, 1)) ? null : media(Kinds.REEL, "reel", at(s, 1), null);
            case "tv":
                return media(Kinds.VIDEO, "tv", at(s, 1), null);
            case "stories":
                return stories(s);
            case "s":
                return highlight(decodeHighlight(at(s, 1)));
            case "explore":
                return explore(s);
            case "share":
                return share(s);
            case "direct":
                return thread(s);
            case "_u":
                return profile(at(s, 1));
            default:
                if (RESERVED.contains(first) || !username(first)) {
                    return null;
                }
                String tab = s.size() >= 3 ? s.get(1).toLowerCase(Locale.ROOT) : "";
                switch (tab) {
                    case "p":
                        return media(Kinds.POST, "p", s.get(2), first);
                    case "reel":
                    case "reels":
                        return media(Kinds.REEL, "reel", s.get(2), first);
                    case "tv":
                        return media(Kinds.VIDEO, "tv", s.get(2), first);
                    default:
                        return profile(first);
                }
        }
    }

    private static ParsedItem profile(String name) {
        if (!username(name)) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return ParsedItem.of(IG, Kinds.PROFILE, Map.of("username", lower), WWW + "/" + lower + "/");
    }

    /** A post, reel or IGTV video; all share the shortcode, so they share the key. */
    private static ParsedItem media(String kind, String path, String code, String user) {
        if (!shortcode(code)) {
            return null;
        }
        Map<String, String> ids = user == null ? Map.of("shortcode", code)
                : Map.of("shortcode", code, "username", user.toLowerCase(Locale.ROOT));
        return new ParsedItem(IG, kind, ids, WWW + "/" + path + "/" + code + "/", IG + "|MEDIA|" + code);
    }

    /** stories/<user>[/<id>], stories/highlights/<id>. */
    private static ParsedItem stories(List<String> s) {
        String user = at(s, 1);
        if ("highlights".equalsIgnoreCase(user)) {
            return highlight(at(s, 2));
        }
        if (!username(user)) {
            return null;
        }
        String lower = user.toLowerCase(Locale.ROOT);
        String id = at(s, 2);
        if (digits(id)) {
            return ParsedItem.of(IG, Kinds.STORY, Map.of("username", lower, "storyId", id),
                    WWW + "/stories/" + lower + "/" + id + "/");
        }
        return ParsedItem.of(IG, Kinds.STORY, Map.of("username", lower), WWW + "/stories/" + lower + "/");
    }

    private static ParsedItem highlight(String id) {
        if (!digits(id)) {
            return null;
        }
        return ParsedItem.of(IG, Kinds.STORY, Map.of("highlightId", id), WWW + "/stories/highlights/" + id + "/");
    }

    /** The id in /s/<base64 of "highlight:<id>">, or null. */
    private static String decodeHighlight(String code) {
        if (code == null || code.length() > 200) {
            return null;
        }
        String b64 = code.replace("%3D", "=").replace("%3d", "=");
        try {
            String text = new String(Base64.getUrlDecoder().decode(b64.replace('+', '-').replace('/', '_')),
                    StandardCharsets.UTF_8);
            return text.startsWith("highlight:") ? text.substring("highlight:".length()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ParsedItem explore(List<String> s) {
        String what = at(s, 1);
        String value = at(s, 2);
        if ("tags".equalsIgnoreCase(what) && value != null && value.length() <= 200) {
            String tag = value.toLowerCase(Locale.ROOT);
            return ParsedItem.of(IG, Kinds.WEB_PAGE, Map.of("hashtag", decode(tag)), WWW + "/explore/tags/" + tag + "/");
        }
        if ("locations".equalsIgnoreCase(what) && digits(value)) {
            return ParsedItem.of(IG, Kinds.WEB_PAGE, Map.of("locationId", value), WWW + "/explore/locations/" + value + "/");
        }
        return null;
    }

    /** share/<code>, share/<type>/<code>: unresolved short links. */
    private static ParsedItem share(List<String> s) {
        String type = "";
        String code = at(s, 1);
        if (s.size() >= 3) {
            type = s.get(1).toLowerCase(Locale.ROOT) + "/";
            code = s.get(2);
            if (!shortcode(s.get(1))) {
                return null;
            }
        }
        if (!shortcode(code)) {
            return null;
        }
        return ParsedItem.of(IG, Kinds.SHORT_LINK, Map.of("code", code, "unresolved", "true"), WWW + "/share/" + type + code + "/");
    }

    /** direct/t/<id>: a conversation. */
    private static ParsedItem thread(List<String> s) {
        String id = at(s, 2);
        if (!"t".equalsIgnoreCase(at(s, 1)) || !digits(id)) {
            return null;
        }
        return ParsedItem.of(IG, Kinds.MESSAGE, Map.of("threadId", id), WWW + "/direct/t/" + id + "/");
    }

    /** ig.me/m/<user>: a DM link to an account; ig.me/j/<code>: an invite; anything else unresolved. */
    private static ParsedItem igMe(Url url) {
        List<String> s = url.segments();
        String first = at(s, 0);
        if ("m".equalsIgnoreCase(first) && username(at(s, 1))) {
            return profile(s.get(1));
        }
        if ("j".equalsIgnoreCase(first) && shortcode(at(s, 1))) {
            return ParsedItem.of(IG, Kinds.INVITE_LINK, Map.of("inviteCode", s.get(1)), "https://ig.me/j/" + s.get(1) + "/");
        }
        if (first == null) {
            return ParsedItem.of(IG, Kinds.WEB_PAGE, Map.of(), "https://ig.me/");
        }
        StringBuilder path = new StringBuilder();
        for (String seg : s) {
            if (!shortcode(seg)) {
                return ParsedItem.of(IG, Kinds.WEB_PAGE, Map.of(), "https://ig.me/");
            }
            path.append(path.length() == 0 ? "" : "/").append(seg);
        }
        return ParsedItem.of(IG, Kinds.SHORT_LINK, Map.of("code", path.toString(), "unresolved", "true"),
                "https://ig.me/" + path);
    }

    /** Any other page: the path as it is, without tracking parameters. */
    private static ParsedItem webPage(String origin, Url url) {
        String query = cleanQuery(url.query());
        return ParsedItem.of(IG, Kinds.WEB_PAGE, Map.of(), origin + url.pathname() + (query.isEmpty() ? "" : "?" + query));
    }

    private static String cleanQuery(String query) {
        return Tracking.clean(query, NOISE::contains);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String at(List<String> s, int i) {
        return i < s.size() ? s.get(i) : null;
    }

    private static boolean digits(String s) {
        if (s == null || s.isEmpty() || s.length() > 40) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** 1 to 30 letters, digits, dots and underscores, not only dots. */
    private static boolean username(String s) {
        if (s == null || s.isEmpty() || s.length() > 30) {
            return false;
        }
        boolean other = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                other = true;
            } else if (c != '.') {
                return false;
            }
        }
        return other;
    }

    /** A case-sensitive media shortcode: letters, digits, '_' and '-'. */
    private static boolean shortcode(String s) {
        if (s == null || s.isEmpty() || s.length() > 80) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
