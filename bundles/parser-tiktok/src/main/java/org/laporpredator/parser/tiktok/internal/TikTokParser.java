package org.laporpredator.parser.tiktok.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.laporpredator.links.Url;
import org.laporpredator.spi.Kinds;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.Platforms;
import org.laporpredator.spi.PlatformParser;
import org.osgi.service.component.annotations.Component;

/**
 * TikTok links. Nothing is ever fetched, so short links stay unresolved.
 *
 * <p>Hosts: {@code tiktok.com} with {@code www} and {@code m}; {@code vm.tiktok.com} and
 * {@code vt.tiktok.com} (short links). Other subdomains ({@code support.tiktok.com},
 * {@code seller-my.tiktok.com}) are TikTok web pages on their own host. Lookalikes
 * ({@code tiktok.com.evil.example}, {@code eviltiktok.com}) are not TikTok.
 *
 * <p>Rules worth knowing:
 * <ul>
 * <li>Accounts: {@code /@<user>} is a PROFILE (username, case-insensitive: canonical lower case
 * {@code https://www.tiktok.com/@<user>}); its tabs and its live page {@code /@<user>/live} are the
 * account itself (a live stream has no id of its own in the link and is the account's).
 * {@code share/user/<id>} is a PROFILE keyed by the numeric userId; a username and a user id cannot be
 * matched without fetching.</li>
 * <li>Posts: {@code /@<user>/video/<id>}, {@code /@<user>/photo/<id>}, {@code m.tiktok.com/v/<id>.html},
 * {@code /video/<id>}, {@code /embed/v2/<id>}, {@code /embed/<id>}, {@code /player/v1/<id>} and
 * {@code share/video/<id>} are one item keyed by the numeric post id alone (ids are global; videos and
 * photo posts share them). The kind follows the link: PHOTO for {@code /photo/}, else VIDEO. The
 * canonical URL is {@code https://www.tiktok.com/@<user>/video/<id>} (or {@code /photo/}) when the
 * link names the user, else the user-less {@code https://www.tiktok.com/@/video/<id>}, which TikTok
 * opens as well; the key is the same either way.</li>
 * <li>{@code /t/<code>}, {@code vm.tiktok.com/<code>} and {@code vt.tiktok.com/<code>} are unresolved
 * SHORT_LINKs (code, case-sensitive).</li>
 * <li>{@code /@<user>/collection/<name>-<id>} is a PAGE keyed by the collection id. {@code /tag/<tag>}
 * is a WEB_PAGE (hashtag, lower case), {@code /music/<name>-<id>} a WEB_PAGE keyed by its musicId.</li>
 * <li>{@code link/v2?target=<url>} (the wrapper of links in a profile's bio) is unwrapped by
 * {@link #unwrap(Url)} when the target is an http(s) link.</li>
 * <li>Query parameters never identify a TikTok item ({@code _r}, {@code _t}, {@code is_from_webapp},
 * {@code sender_device}, {@code lang}, {@code q}, ...): all are dropped. Everything else on a TikTok host
 * is a TikTok WEB_PAGE whose canonical URL is the path without its query, but for {@code q} on
 * {@code /search}. Fragments are ignored.</li>
 * </ul>
 */
@Component(service = PlatformParser.class, property = {
    Modules.PLATFORM + "=" + Platforms.TIKTOK,
    Modules.ID + "=" + TikTokParser.MODULE_ID,
    Modules.KIND + "=" + Modules.PARSER,
    Modules.NAME + "=TikTok parser"
})
public class TikTokParser implements PlatformParser {

    public static final String MODULE_ID = "parser-tiktok";

    private static final String TT = Platforms.TIKTOK;
    private static final String WWW = "https://www.tiktok.com";

    /** Subdomains that show the main site. */
    private static final Set<String> ALIASES = Set.of("www", "m");

    @Override
    public Optional<ParsedItem> parse(Url url) {
        return Optional.ofNullable(item(url));
    }

    @Override
    public Optional<String> unwrap(Url url) {
        return Optional.ofNullable(target(url));
    }

    /** link/v2?target= (links in a profile's bio): the target when it is an http(s) link. */
    private static String target(Url url) {
        if (!url.web() || !url.hostIs("tiktok.com")) {
            return null;
        }
        List<String> s = url.segments();
        if (s.isEmpty() || s.size() > 2 || !s.get(0).equalsIgnoreCase("link") || url.query() == null) {
            return null;
        }
        String t = url.queryParameter("target");
        if (t == null || t.isBlank()) {
            return null;
        }
        t = t.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? t : null;
    }

    private static ParsedItem item(Url url) {
        if (!url.web() || !url.hostIs("tiktok.com")) {
            return null;
        }
        String host = url.hostname();
        List<String> s = url.segments();
        if (!host.equals("tiktok.com")) {
            String label = host.substring(0, host.length() - ".tiktok.com".length());
            if (label.equals("vm") || label.equals("vt")) {
                String code = at(s, 0);
                if (s.size() == 1 && code(code)) {
                    return shortLink("https://" + host + "/" + code, code);
                }
                return webPage("https://" + host, url);
            }
            if (!ALIASES.contains(label)) {
                return webPage("https://" + host, url);
            }
        }
        ParsedItem item = mainPath(s);
        return item != null ? item : webPage(WWW, url);
    }

    private static ParsedItem mainPath(List<String> s) {
        if (s.isEmpty()) {
            return null;
        }
        String first = s.get(0);
        if (first.startsWith("@")) {
            return account(first.substring(1), s);
        }
        switch (first.toLowerCase(Locale.ROOT)) {
            case "v":
            case "video":
                return post(Kinds.VIDEO, stripHtml(at(s, 1)), null);
            case "embed":
                String id = at(s, 1);
                return post(Kinds.VIDEO, "v2".equalsIgnoreCase(id) ? at(s, 2) : id, null);
            case "player":
                return "v1".equalsIgnoreCase(at(s, 1)) ? post(Kinds.VIDEO, at(s, 2), null) : null;
            case "share":
                String what = at(s, 1);
                if ("video".equalsIgnoreCase(what)) {
                    return post(Kinds.VIDEO, stripHtml(at(s, 2)), null);
                }
                return "user".equalsIgnoreCase(what) ? userId(stripHtml(at(s, 2))) : null;
            case "t":
                String code = at(s, 1);
                return s.size() == 2 && code(code) ? shortLink(WWW + "/t/" + code, code) : null;
            case "tag":
                return hashtag(at(s, 1));
            case "music":
                return music(at(s, 1));
            default:
                return null;
        }
    }

    /** /@<user>[/video/<id> | /photo/<id> | /collection/<name>-<id> | /live | ...]. */
    private static ParsedItem account(String name, List<String> s) {
        boolean known = username(name);
        if (!known && !name.isEmpty()) {
            return null;
        }
        String user = name.toLowerCase(Locale.ROOT);
        String tab = at(s, 1) == null ? "" : s.get(1).toLowerCase(Locale.ROOT);
        switch (tab) {
            case "video":
                return post(Kinds.VIDEO, at(s, 2), known ? user : null);
            case "photo":
                return post(Kinds.PHOTO, at(s, 2), known ? user : null);
            case "collection":
            case "playlist":
                return known ? collection(user, tab, at(s, 2)) : null;
            default:
                return known ? ParsedItem.of(TT, Kinds.PROFILE, Map.of("username", user), WWW + "/@" + user) : null;
        }
    }

    /** A video or photo post, keyed by its global id. */
    private static ParsedItem post(String kind, String id, String user) {
        if (!digits(id)) {
            return null;
        }
        String path = kind.equals(Kinds.PHOTO) ? "/photo/" : "/video/";
        String idName = kind.equals(Kinds.PHOTO) ? "photoId" : "videoId";
        Map<String, String> ids = user == null ? Map.of(idName, id) : Map.of(idName, id, "username", user);
        String canonical = WWW + "/@" + (user == null ? "" : user) + path + id;
        return new ParsedItem(TT, kind, ids, canonical, TT + "|POST|" + id);
    }

    private static ParsedItem userId(String id) {
        if (!digits(id)) {
            return null;
        }
        return new ParsedItem(TT, Kinds.PROFILE, Map.of("userId", id), WWW + "/share/user/" + id, TT + "|PROFILE|id:" + id);
    }

    private static ParsedItem collection(String user, String tab, String slug) {
        String id = trailingId(slug);
        if (id == null) {
            return null;
        }
        return new ParsedItem(TT, Kinds.PAGE, Map.of("collectionId", id, "username", user),
                WWW + "/@" + user + "/" + tab + "/" + slug, TT + "|COLLECTION|" + id);
    }

    private static ParsedItem shortLink(String canonical, String code) {
        return ParsedItem.of(TT, Kinds.SHORT_LINK, Map.of("code", code, "unresolved", "true"), canonical);
    }

    private static ParsedItem hashtag(String tag) {
        if (tag == null || tag.isEmpty() || tag.length() > 200) {
            return null;
        }
        String lower = tag.toLowerCase(Locale.ROOT);
        return ParsedItem.of(TT, Kinds.WEB_PAGE, Map.of("hashtag", decode(lower)), WWW + "/tag/" + lower);
    }

    private static ParsedItem music(String slug) {
        String id = trailingId(slug);
        if (id == null) {
            return null;
        }
        return new ParsedItem(TT, Kinds.WEB_PAGE, Map.of("musicId", id), WWW + "/music/" + slug, TT + "|MUSIC|" + id);
    }

    /** The digits after the last '-' of a slug such as some-name-7012345678901234567, or null. */
    private static String trailingId(String slug) {
        if (slug == null || slug.length() > 300) {
            return null;
        }
        String id = slug.substring(slug.lastIndexOf('-') + 1);
        return digits(id) ? id : null;
    }

    // ---- web pages

    /** Any other page: the path without its query, but the search words of /search. */
    private static ParsedItem webPage(String origin, Url url) {
        String canonical = origin + url.pathname();
        String q = url.query() == null ? null : url.queryParameter("q");
        if (q != null && !q.isEmpty() && url.pathname().toLowerCase(Locale.ROOT).startsWith("/search")) {
            canonical += "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
        }
        return ParsedItem.of(TT, Kinds.WEB_PAGE, Map.of(), canonical);
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

    private static String stripHtml(String s) {
        return s != null && s.endsWith(".html") ? s.substring(0, s.length() - 5) : s;
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

    /** 1 to 30 letters, digits, '_' and '.'. */
    private static boolean username(String s) {
        if (s == null || s.isEmpty() || s.length() > 30) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** A case-sensitive short-link code: letters, digits, '_' and '-'. */
    private static boolean code(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
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
