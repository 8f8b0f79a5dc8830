package org.laporpredator.parser.x.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
 * X (Twitter) links. Nothing is ever fetched, so {@code t.co} links stay unresolved.
 *
 * <p>Hosts: {@code x.com} and {@code twitter.com} with {@code www}, {@code mobile} and {@code m};
 * {@code t.co} and {@code pic.x.com}/{@code pic.twitter.com} (short links). Other subdomains
 * ({@code help.x.com}, {@code developer.twitter.com}) are X web pages on their own host.
 * The embed mirrors {@code fxtwitter.com}, {@code vxtwitter.com}, {@code fixupx.com} and {@code fixvx.com}
 * show an X post or account under the same path, so their post and account links are the X item
 * (the content, and its takedown, are on X); any other link on a mirror is not X's and is left to the
 * website parser. Lookalikes ({@code x.com.evil.example}, {@code evilx.com}) are not X.
 *
 * <p>Rules worth knowing:
 * <ul>
 * <li>Usernames (1 to 15 letters, digits, '_') ignore case: PROFILE (username), canonical
 * {@code https://x.com/<lower case>}; tabs ({@code /media}, {@code /with_replies}, {@code /likes}, ...)
 * are the account. {@code i/user/<id>} and {@code intent/user?user_id=} are a PROFILE keyed by the
 * numeric userId; a username and a user id cannot be matched without fetching.</li>
 * <li>Posts: {@code <user>/status/<id>}, {@code <user>/statuses/<id>}, {@code i/web/status/<id>},
 * {@code i/status/<id>}, {@code statuses/<id>} and their {@code /photo/1}, {@code /video/1},
 * {@code /analytics} pages are one POST keyed by the numeric id alone (ids are global; the user part
 * may be wrong or anything), canonical {@code https://x.com/i/status/<id>}; the username, when the link
 * has one, is kept as an identifier. {@code s}, {@code t}, {@code ref_src}, {@code ref_url} never
 * identify.</li>
 * <li>{@code i/communities/<id>} is a GROUP (communityId), {@code i/lists/<id>} a PAGE (listId),
 * {@code i/broadcasts/<id>} a VIDEO (broadcastId), {@code messages/<id>} a MESSAGE (conversationId),
 * {@code i/spaces/<id>} a WEB_PAGE with a spaceId, {@code hashtag/<tag>} a WEB_PAGE with the lower-case
 * hashtag.</li>
 * <li>{@code t.co/<code>} and {@code pic.x.com/<code>} are unresolved SHORT_LINKs of platform X (codes
 * keep their case).</li>
 * <li>Everything else on an X host (home, explore, search, settings, reserved words, unknown shapes) is an
 * X WEB_PAGE whose canonical URL is the {@code x.com} path without tracking parameters. Old
 * {@code twitter.com/#!/<path>} links are read from the fragment; other fragments are ignored.</li>
 * </ul>
 */
@Component(service = PlatformParser.class, property = {
    Modules.PLATFORM + "=" + Platforms.X,
    Modules.ID + "=" + XParser.MODULE_ID,
    Modules.KIND + "=" + Modules.PARSER,
    Modules.NAME + "=X (Twitter) parser"
})
public class XParser implements PlatformParser {

    public static final String MODULE_ID = "parser-x";

    private static final String X = Platforms.X;
    private static final String WWW = "https://x.com";

    /** Subdomains that show the main site. */
    private static final Set<String> ALIASES = Set.of("www", "mobile", "m");

    /** Mirrors that show X posts and accounts under the same path. */
    private static final Set<String> MIRRORS = Set.of("fxtwitter.com", "vxtwitter.com", "fixupx.com", "fixvx.com");

    /** First path segments that are X's own pages, never usernames. */
    private static final Set<String> RESERVED = Set.of("home", "explore", "search", "search-advanced", "settings",
            "notifications", "messages", "i", "hashtag", "compose", "login", "logout", "signup", "tos", "privacy",
            "intent", "share", "account", "bookmarks", "download", "jobs", "about", "help", "rules", "communities",
            "oauth", "oauth2", "sessions", "signin", "password_reset", "account_access", "flow", "premium_sign_up",
            "verified-choose", "status", "statuses", "lists", "topics", "home.php", "robots.txt", "favicon.ico",
            "manifest.json", "sw.js", "tweet", "mentions", "following", "followers", "who_to_follow",
            "connect_people", "your_twitter_data", "personalization", "keyboard_shortcuts", "jot", "1.1", "2");

    /** Query parameters that never identify anything on X (besides {@link Tracking}'s). */
    private static final Set<String> NOISE = Set.of("s", "t", "ref_src", "ref_url", "src", "cxt", "lang", "ref",
            "cn", "refsrc", "mx", "n", "ct", "rw_tt_thread");

    @Override
    public Optional<ParsedItem> parse(Url url) {
        return Optional.ofNullable(item(url, true));
    }

    private static ParsedItem item(Url url, boolean readFragment) {
        if (!url.web()) {
            return null;
        }
        String host = url.hostname();
        if (url.hostIs("t.co")) {
            return shortLink(url, "https://t.co/");
        }
        if (host.equals("pic.x.com") || host.equals("pic.twitter.com")) {
            return shortLink(url, "https://pic.x.com/");
        }
        String domain = url.hostIs("x.com") ? "x.com" : url.hostIs("twitter.com") ? "twitter.com" : null;
        if (domain == null) {
            return mirror(url, host);
        }
        if (!host.equals(domain) && !ALIASES.contains(host.substring(0, host.length() - domain.length() - 1))) {
            return webPage("https://" + host, url);
        }
        List<String> s = url.segments();
        String fragment = url.fragment();
        if (readFragment && s.isEmpty() && fragment != null && fragment.startsWith("!/")) {
            try {
                ParsedItem inner = item(Url.parse(WWW + fragment.substring(1)), false);
                if (inner != null) {
                    return inner;
                }
            } catch (UrlException e) {
                // not a path: the home page below
            }
        }
        ParsedItem item = mainPath(url, s);
        return item != null ? item : webPage(WWW, url);
    }

    /** fxtwitter.com and the like: only their post and account links are X items. */
    private static ParsedItem mirror(Url url, String host) {
        String domain = null;
        for (String m : MIRRORS) {
            if (url.hostIs(m)) {
                domain = m;
                break;
            }
        }
        if (domain == null) {
            return null;
        }
        ParsedItem item = mainPath(url, url.segments());
        return item != null && (item.kind().equals(Kinds.POST) || item.kind().equals(Kinds.PROFILE)) ? item : null;
    }

    private static ParsedItem mainPath(Url url, List<String> s) {
        if (s.isEmpty()) {
            return null;
        }
        String first = s.get(0);
        String lower = first.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "i":
                return internal(s);
            case "statuses":
                return post(at(s, 1), null);
            case "intent":
                return intent(url, at(s, 1));
            case "hashtag":
                return hashtag(at(s, 1));
            case "messages":
                String conversation = at(s, 1);
                return conversation(conversation) ? ParsedItem.of(X, Kinds.MESSAGE, Map.of("conversationId", conversation),
                        WWW + "/messages/" + conversation) : null;
            default:
                String tab = at(s, 1);
                if (tab != null && (tab.equalsIgnoreCase("status") || tab.equalsIgnoreCase("statuses"))) {
                    return post(at(s, 2), username(first) ? lower : null);
                }
                return RESERVED.contains(lower) ? null : profile(first);
        }
    }

    /** i/...: posts, communities, lists, accounts by id, broadcasts, spaces. */
    private static ParsedItem internal(List<String> s) {
        String what = at(s, 1);
        if (what == null) {
            return null;
        }
        String id = at(s, 2);
        switch (what.toLowerCase(Locale.ROOT)) {
            case "web":
                return "status".equalsIgnoreCase(id) ? post(at(s, 3), null) : null;
            case "status":
                return post(id, null);
            case "communities":
                return digits(id) ? ParsedItem.of(X, Kinds.GROUP, Map.of("communityId", id), WWW + "/i/communities/" + id)
                        : null;
            case "lists":
                return digits(id) ? ParsedItem.of(X, Kinds.PAGE, Map.of("listId", id), WWW + "/i/lists/" + id) : null;
            case "user":
                return userId(id);
            case "broadcasts":
                return token(id) ? ParsedItem.of(X, Kinds.VIDEO, Map.of("broadcastId", id), WWW + "/i/broadcasts/" + id)
                        : null;
            case "spaces":
                return token(id) ? ParsedItem.of(X, Kinds.WEB_PAGE, Map.of("spaceId", id), WWW + "/i/spaces/" + id) : null;
            default:
                return null;
        }
    }

    /** intent/user and intent/follow name an account. */
    private static ParsedItem intent(Url url, String what) {
        if (!"user".equalsIgnoreCase(what) && !"follow".equalsIgnoreCase(what)) {
            return null;
        }
        String name = url.queryParameter("screen_name");
        if (name != null) {
            return profile(name.startsWith("@") ? name.substring(1) : name);
        }
        return userId(url.queryParameter("user_id"));
    }

    private static ParsedItem profile(String name) {
        if (!username(name)) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return ParsedItem.of(X, Kinds.PROFILE, Map.of("username", lower), WWW + "/" + lower);
    }

    private static ParsedItem userId(String id) {
        if (!digits(id)) {
            return null;
        }
        return new ParsedItem(X, Kinds.PROFILE, Map.of("userId", id), WWW + "/i/user/" + id, X + "|PROFILE|id:" + id);
    }

    /** A post, keyed by its global id; the username is only context. */
    private static ParsedItem post(String id, String username) {
        if (!digits(id)) {
            return null;
        }
        Map<String, String> ids = new HashMap<>(4);
        ids.put("postId", id);
        if (username != null && !RESERVED.contains(username)) {
            ids.put("username", username);
        }
        return new ParsedItem(X, Kinds.POST, ids, WWW + "/i/status/" + id, X + "|POST|" + id);
    }

    private static ParsedItem hashtag(String tag) {
        if (tag == null || tag.isEmpty() || tag.length() > 200) {
            return null;
        }
        String lower = tag.toLowerCase(Locale.ROOT);
        return ParsedItem.of(X, Kinds.WEB_PAGE, Map.of("hashtag", decode(lower)), WWW + "/hashtag/" + lower);
    }

    /** t.co/<code>, pic.x.com/<code>; the host's root is a web page. */
    private static ParsedItem shortLink(Url url, String base) {
        List<String> s = url.segments();
        String code = at(s, 0);
        if (s.size() != 1 || !token(code)) {
            return webPage(base.substring(0, base.length() - 1), url);
        }
        return ParsedItem.of(X, Kinds.SHORT_LINK, Map.of("code", code, "unresolved", "true"), base + code);
    }

    // ---- web pages

    /** Any other page: the path as it is, without tracking parameters. */
    private static ParsedItem webPage(String origin, Url url) {
        String query = cleanQuery(url.query());
        return ParsedItem.of(X, Kinds.WEB_PAGE, Map.of(), origin + url.pathname() + (query.isEmpty() ? "" : "?" + query));
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

    // ---- small helpers

    private static String at(List<String> s, int i) {
        return i < s.size() ? s.get(i) : null;
    }

    /** A numeric id of at most 25 digits. */
    private static boolean digits(String s) {
        if (s == null || s.isEmpty() || s.length() > 25) {
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

    /** 1 to 15 letters, digits and underscores. */
    private static boolean username(String s) {
        if (s == null || s.isEmpty() || s.length() > 15) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** A DM conversation id: digits, or two user ids joined by '-'. */
    private static boolean conversation(String s) {
        if (s == null || s.isEmpty() || s.length() > 60) {
            return false;
        }
        int dash = s.indexOf('-');
        return dash < 0 ? digits(s) : digits(s.substring(0, dash)) && digits(s.substring(dash + 1));
    }

    /** A case-sensitive code: letters, digits, '_' and '-'. */
    private static boolean token(String s) {
        if (s == null || s.isEmpty() || s.length() > 100) {
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
