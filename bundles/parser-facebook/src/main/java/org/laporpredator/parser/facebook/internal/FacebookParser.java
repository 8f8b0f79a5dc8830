package org.laporpredator.parser.facebook.internal;

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
 * Facebook and Messenger links. Nothing is ever fetched, so short links stay unresolved.
 *
 * <p>Hosts: {@code facebook.com}, {@code fb.com} and the onion address with their alias subdomains
 * ({@code www m mbasic web mobile touch business free d x upload iphone lite h 0 zero} and locale
 * ones such as {@code ms-my}); {@code fb.watch}, {@code fb.me}, {@code fb.gg} (short links);
 * {@code messenger.com} and {@code m.me} (platform MESSENGER). Other subdomains such as
 * {@code developers.facebook.com} are Facebook web pages on their own host.
 *
 * <p>Rules worth knowing:
 * <ul>
 * <li>Accounts: a person and a Page look the same in a link, so {@code /<username>} and
 * {@code profile.php?id=} are PROFILE, and links that say "page" ({@code pages/<name>/<id>},
 * {@code pg/<username>}, {@code <Name>-<id>}) are PAGE; both share one key per account. Usernames
 * ignore case and dots (Facebook help: johnsmith55, John.Smith55 and john.smith.55 are the same
 * username, and every spelling opens the account), so the canonical URL and the key use the
 * lower-case username without dots; the {@code vanity} identifier keeps the dots as written. A
 * username and a numeric id of the same account cannot be matched without fetching: they stay two
 * items.</li>
 * <li>Posts, photos and videos are keyed by their Facebook id alone (ids are unique across
 * Facebook), so {@code groups/g/posts/1}, {@code groups/g/permalink/1} and
 * {@code permalink.php?story_fbid=1&id=..} are one post. A {@code pfbid...} id and the numeric id
 * of the same post cannot be matched. A reel is a video: {@code reel/1} and {@code watch/?v=1} share
 * a key. {@code comment_id} (and {@code reply_comment_id}) identify a comment: a comment on a post is
 * its own POST item.</li>
 * <li>{@code events/<id>} is a PAGE (eventId), {@code hashtag/<tag>} a WEB_PAGE (hashtag),
 * {@code marketplace/item/<id>} a POST (listingId), {@code media/set/?set=a.<id>} a PHOTO album
 * (albumId), the only place where {@code set} identifies.</li>
 * <li>Messenger: {@code m.me/<username>} is a MESSENGER PROFILE, {@code m.me/j/<code>} a group chat
 * INVITE_LINK, and {@code messenger.com/t/<id>}, {@code messenger.com/e2ee/t/<id>},
 * {@code facebook.com/messages/t/<id>} are one MESSAGE item: the conversation (threadId; in a chat
 * with one person it is that person's account id).</li>
 * <li>Redirect wrappers ({@code l.facebook.com/l.php?u=}, {@code lm.facebook.com},
 * {@code l.messenger.com}, {@code flx/warn/?u=}, and {@code login/?next=} to a Facebook link) are
 * unwrapped by {@link #unwrap(Url)}.</li>
 * <li>Everything else on a Facebook host (login, help, privacy, settings, reserved words, unknown
 * shapes) is a Facebook WEB_PAGE whose canonical URL is the path with tracking parameters removed.
 * Lookalike hosts ({@code facebook.com.evil.example}, {@code evilfacebook.com}) are not Facebook.</li>
 * <li>Old {@code facebook.com/#!/<path>} links are read from the fragment; other fragments are
 * ignored.</li>
 * </ul>
 */
@Component(service = PlatformParser.class, property = {
    Modules.PLATFORM + "=" + Platforms.FACEBOOK,
    Modules.ID + "=" + FacebookParser.MODULE_ID,
    Modules.KIND + "=" + Modules.PARSER,
    Modules.NAME + "=Facebook and Messenger parser"
})
public class FacebookParser implements PlatformParser {

    public static final String MODULE_ID = "parser-facebook";

    private static final String FB = Platforms.FACEBOOK;
    private static final String MS = Platforms.MESSENGER;
    private static final String WWW = "https://www.facebook.com";
    private static final String ONION = "facebookwkhpilnemxj7asaniu7vnjjbiltxjqhye3mhbshg7kx5tfyd.onion";

    /** Subdomains that show the main site. */
    private static final Set<String> ALIASES = Set.of("www", "m", "mbasic", "web", "mobile", "touch", "business",
            "free", "d", "x", "upload", "iphone", "lite", "h", "0", "zero", "mtouch", "p");

    /** First path segments that are Facebook's own pages, never usernames. */
    private static final Set<String> RESERVED = Set.of("login", "login.php", "logout.php", "help", "privacy",
            "policies", "policy", "policy.php", "settings", "home.php", "watch", "gaming", "marketplace", "groups",
            "events", "pages", "pg", "photo", "photo.php", "photos", "reel", "reels", "stories", "story.php",
            "share", "sharer", "sharer.php", "dialog", "plugins", "messages", "notifications", "friends", "search",
            "hashtag", "people", "profile", "profile.php", "permalink.php", "video.php", "videos", "live", "ads",
            "business", "terms", "terms.php", "legal", "about", "careers", "fundraisers", "donate", "media", "l.php",
            "flx", "checkpoint", "recover", "reg", "r.php", "signup", "bookmarks", "saved", "memories", "games",
            "jobs", "news", "places", "offers", "lite", "mobile", "page", "public", "directory", "find-friends",
            "badges", "tr", "ajax", "api", "graph", "developers", "security", "support", "me", "composer", "notes",
            "cookies", "u", "feeds", "latest", "onthisday", "communitystandards", "community_standards", "adsmanager",
            "creatorstudio", "business_help", "campaign", "contact_importer", "messenger", "watchparty", "fundraiser",
            "coronavirus_info", "climatescienceinfo", "votinginformationcenter", "bugnub", "whitehat", "mobile.php",
            "index.php", "confirmemail.php", "unsupportedbrowser", "invite", "instantgames", "biz", "lookaside",
            "commerce", "shops", "shop", "payments", "pay", "facebook", "www", "m", "x", "l", "lm", "safety");

    /** groups/<word>: Facebook's own group pages, not groups. */
    private static final Set<String> GROUP_PAGES = Set.of("feed", "discover", "joins", "create", "search",
            "notifications", "your_groups");

    /** Query parameters that never identify anything on Facebook (besides {@link Tracking}'s). */
    private static final Set<String> NOISE = Set.of("ref", "rdid", "sfnsn", "refsrc", "hc_ref", "fref", "paipv",
            "eav", "_rdr", "set", "locale", "extid", "s", "fs", "hc_location", "notif_id", "notif_t", "ref_component",
            "ref_page", "acontext", "_fb_noscript", "comment_tracking", "app", "sfns", "hrc", "m_entstream_source",
            "sk", "source", "type", "theater", "referral_code", "referral_story_type", "tracking", "id_type",
            "wtsid", "rc", "refid", "_ft_", "mds", "privacy_mutation_token", "from_lookaside", "story_media_id",
            "lst", "sfnsw", "ref_type", "av", "eid", "notif_ids", "entry_point", "search_session_id", "bxd");

    @Override
    public Optional<ParsedItem> parse(Url url) {
        return Optional.ofNullable(item(url, true));
    }

    @Override
    public Optional<String> unwrap(Url url) {
        return Optional.ofNullable(target(url));
    }

    private static String target(Url url) {
        if (!url.web() || !(url.hostIs("facebook.com") || url.hostIs("messenger.com") || url.hostIs("fb.com"))) {
            return null;
        }
        List<String> s = url.segments();
        String first = s.isEmpty() ? "" : s.get(0).toLowerCase(Locale.ROOT);
        if (first.equals("l.php") || (first.equals("flx") && s.size() >= 2 && s.get(1).equalsIgnoreCase("warn"))) {
            return Url.httpLink(url.queryParameter("u"));
        }
        if (first.equals("login") || first.equals("login.php")) {
            String next = url.queryParameter("next");
            if (next == null || next.isEmpty()) {
                return null;
            }
            if (next.startsWith("/") && !next.startsWith("//")) {
                return WWW + next;
            }
            try {
                Url inner = Url.parse(next);
                return inner.hostIs("facebook.com") || inner.hostIs("messenger.com") ? next : null;
            } catch (UrlException e) {
                return null;
            }
        }
        return null;
    }

    private ParsedItem item(Url url, boolean readFragment) {
        if (!url.web()) {
            return null;
        }
        String host = url.hostname();
        if (url.hostIs("fb.watch")) {
            return shortLink(url, "https://fb.watch/");
        }
        if (url.hostIs("fb.me")) {
            return shortLink(url, "https://fb.me/");
        }
        if (url.hostIs("fb.gg")) {
            return shortLink(url, "https://fb.gg/");
        }
        if (url.hostIs("m.me")) {
            return mMe(url);
        }
        if (url.hostIs("messenger.com")) {
            return messenger(url);
        }
        if (!url.hostIs("facebook.com") && !url.hostIs("fb.com") && !url.hostIs(ONION)) {
            return null;
        }
        if (!mainSite(host)) {
            return webPage(FB, "https://" + host, url);
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
        return mainPath(url, s);
    }

    /** True for facebook.com, fb.com, the onion address and their alias subdomains. */
    private static boolean mainSite(String host) {
        String label;
        if (host.equals("facebook.com") || host.equals("fb.com") || host.equals(ONION)) {
            return true;
        } else if (host.endsWith(".facebook.com")) {
            label = host.substring(0, host.length() - ".facebook.com".length());
        } else if (host.endsWith(".fb.com")) {
            label = host.substring(0, host.length() - ".fb.com".length());
        } else if (host.endsWith("." + ONION)) {
            label = host.substring(0, host.length() - ONION.length() - 1);
        } else {
            return false;
        }
        return ALIASES.contains(label) || locale(label);
    }

    /** Locale subdomains such as ms-my or en-gb. */
    private static boolean locale(String label) {
        return label.length() == 5 && label.charAt(2) == '-' && letters(label.substring(0, 2))
                && letters(label.substring(3));
    }

    private static boolean letters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private ParsedItem mainPath(Url url, List<String> s) {
        if (s.isEmpty()) {
            return webPage(FB, WWW, url);
        }
        String first = s.get(0).toLowerCase(Locale.ROOT);
        ParsedItem item = null;
        switch (first) {
            case "profile.php":
                item = numericAccount(Kinds.PROFILE, url.queryParameter("id"));
                break;
            case "profile":
                item = numericAccount(Kinds.PROFILE, at(s, 1));
                break;
            case "people":
                item = people(s);
                break;
            case "pages":
                item = pages(s);
                break;
            case "pg":
                item = vanityAccount(Kinds.PAGE, at(s, 1));
                break;
            case "gaming":
                item = vanityAccount(Kinds.PROFILE, at(s, 1));
                break;
            case "groups":
                item = group(url, s);
                break;
            case "permalink.php":
            case "story.php":
                item = storyPost(url);
                break;
            case "photo.php":
            case "photo":
                item = photo(url.queryParameter("fbid"), null);
                break;
            case "media":
                item = album(url, s);
                break;
            case "watch":
            case "video.php":
                item = video(Kinds.VIDEO, url.queryParameter("v"));
                break;
            case "reel":
            case "reels":
                item = video(Kinds.REEL, at(s, 1));
                break;
            case "stories":
                item = story(s);
                break;
            case "share":
                item = share(s);
                break;
            case "events":
                item = event(at(s, 1));
                break;
            case "hashtag":
                item = hashtag(at(s, 1));
                break;
            case "marketplace":
                item = listing(s);
                break;
            case "messages":
                item = thread(s, 1);
                break;
            default:
                if (!RESERVED.contains(first)) {
                    item = owner(url, s);
                }
        }
        return item != null ? item : webPage(FB, WWW, url);
    }

    // ---- accounts

    private static ParsedItem numericAccount(String kind, String id) {
        if (!digits(id)) {
            return null;
        }
        return new ParsedItem(FB, kind, Map.of("numericId", id), WWW + "/profile.php?id=" + id, FB + "|PROFILE|id:" + id);
    }

    private static ParsedItem vanityAccount(String kind, String vanity) {
        if (!vanity(vanity)) {
            return null;
        }
        String lower = vanity.toLowerCase(Locale.ROOT);
        String name = lower.replace(".", "");
        return new ParsedItem(FB, kind, Map.of("vanity", lower), WWW + "/" + name, FB + "|PROFILE|name:" + name);
    }

    /** people/<Name>/<id>. */
    private static ParsedItem people(List<String> s) {
        String id = at(s, 2);
        if (!digits(id)) {
            return null;
        }
        return new ParsedItem(FB, Kinds.PROFILE, Map.of("numericId", id, "name", s.get(1)), WWW + "/profile.php?id=" + id,
                FB + "|PROFILE|id:" + id);
    }

    /** pages/<name>/<id>, pages/<id>. */
    private static ParsedItem pages(List<String> s) {
        if (s.size() >= 3 && digits(s.get(2)) && !s.get(1).equalsIgnoreCase("category")) {
            return numericAccount(Kinds.PAGE, s.get(2));
        }
        return s.size() == 2 ? numericAccount(Kinds.PAGE, s.get(1)) : null;
    }

    /** The id at the end of a Page link without a username, e.g. Some-Page-Name-123456789. */
    private static String slugId(String segment) {
        int dash = segment.lastIndexOf('-');
        if (dash <= 0 || !digits(segment.substring(dash + 1)) || segment.length() - dash - 1 < 6) {
            return null;
        }
        for (int i = 0; i < dash; i++) {
            char c = segment.charAt(i);
            if (!(c == '-' || c == '.' || Character.isLetterOrDigit(c) || c == '%')) {
                return null;
            }
        }
        return segment.substring(dash + 1);
    }

    /** /<username or id>[/posts|photos|videos|...]. */
    private static ParsedItem owner(Url url, List<String> s) {
        String first = s.get(0);
        Map<String, String> ownerIds;
        ParsedItem account;
        String name = null;
        if (digits(first)) {
            account = numericAccount(Kinds.PROFILE, first);
            ownerIds = Map.of("ownerId", first);
        } else if (vanity(first)) {
            account = vanityAccount(Kinds.PROFILE, first);
            ownerIds = Map.of("vanity", first.toLowerCase(Locale.ROOT));
            name = first.toLowerCase(Locale.ROOT).replace(".", "");
        } else {
            String id = slugId(first);
            if (id == null) {
                return null;
            }
            account = numericAccount(Kinds.PAGE, id);
            ownerIds = Map.of("ownerId", id);
        }
        String tab = s.size() >= 2 ? s.get(1).toLowerCase(Locale.ROOT) : "";
        switch (tab) {
            case "posts":
            case "activity":
                if (s.size() >= 3 && postId(s.get(2))) {
                    String base = name != null ? WWW + "/" + name + "/posts/" + s.get(2)
                            : WWW + "/permalink.php?story_fbid=" + s.get(2) + "&id=" + ownerIds.get("ownerId");
                    return post(url, s.get(2), ownerIds, base);
                }
                break;
            case "photos":
                String photoId = lastDigits(s, 2);
                if (photoId != null) {
                    String album = s.size() >= 4 && s.get(2).startsWith("a.") ? s.get(2) : null;
                    return photo(photoId, album);
                }
                break;
            case "videos":
                String videoId = lastDigits(s, 2);
                if (videoId != null) {
                    return video(Kinds.VIDEO, videoId);
                }
                break;
            default:
                break;
        }
        return account;
    }

    // ---- groups and posts

    private static ParsedItem group(Url url, List<String> s) {
        String g = at(s, 1);
        if (!groupName(g)) {
            return null;
        }
        String lower = g.toLowerCase(Locale.ROOT);
        if (GROUP_PAGES.contains(lower)) {
            return null;
        }
        Map<String, String> ids = Map.of(digits(g) ? "groupId" : "groupVanity", lower);
        String base = WWW + "/groups/" + lower;
        String tab = s.size() >= 3 ? s.get(2).toLowerCase(Locale.ROOT) : "";
        if ((tab.equals("posts") || tab.equals("permalink")) && s.size() >= 4 && postId(s.get(3))) {
            return post(url, s.get(3), ids, base + "/posts/" + s.get(3));
        }
        if (tab.equals("user") && s.size() >= 4) {
            return numericAccount(Kinds.PROFILE, s.get(3));
        }
        String multi = url.queryParameter("multi_permalinks");
        if (multi != null) {
            int comma = multi.indexOf(',');
            String first = comma >= 0 ? multi.substring(0, comma) : multi;
            if (postId(first)) {
                return post(url, first, ids, base + "/posts/" + first);
            }
        }
        String id = url.queryParameter("id");
        if ("permalink".equals(url.queryParameter("view")) && postId(id)) {
            return post(url, id, ids, base + "/posts/" + id);
        }
        return ParsedItem.of(FB, Kinds.GROUP, ids, base);
    }

    /** permalink.php and story.php: story_fbid and the owner's id. */
    private static ParsedItem storyPost(Url url) {
        String story = url.queryParameter("story_fbid");
        if (!postId(story)) {
            return null;
        }
        String owner = url.queryParameter("id");
        if (digits(owner)) {
            return post(url, story, Map.of("ownerId", owner), WWW + "/permalink.php?story_fbid=" + story + "&id=" + owner);
        }
        return post(url, story, Map.of(), WWW + "/permalink.php?story_fbid=" + story);
    }

    /** A post, or a comment on it when comment_id says so. */
    private static ParsedItem post(Url url, String postId, Map<String, String> owner, String base) {
        Map<String, String> ids = new HashMap<>(owner);
        ids.put("postId", postId);
        String key = FB + "|POST|" + postId;
        String canonical = base;
        String comment = url.queryParameter("comment_id");
        if (digits(comment)) {
            ids.put("commentId", comment);
            key += "|comment:" + comment;
            canonical += (base.indexOf('?') >= 0 ? "&" : "?") + "comment_id=" + comment;
            String reply = url.queryParameter("reply_comment_id");
            if (digits(reply)) {
                ids.put("replyCommentId", reply);
                key += "|reply:" + reply;
                canonical += "&reply_comment_id=" + reply;
            }
        }
        return new ParsedItem(FB, Kinds.POST, ids, canonical, key);
    }

    // ---- media

    private static ParsedItem photo(String id, String album) {
        if (!digits(id)) {
            return null;
        }
        Map<String, String> ids = album == null ? Map.of("photoId", id) : Map.of("photoId", id, "albumId", album);
        return new ParsedItem(FB, Kinds.PHOTO, ids, WWW + "/photo/?fbid=" + id, FB + "|PHOTO|" + id);
    }

    /** media/set/?set=a.<id>: a photo album. */
    private static ParsedItem album(Url url, List<String> s) {
        String set = url.queryParameter("set");
        if (!"set".equalsIgnoreCase(at(s, 1)) || set == null || !set.startsWith("a.") || !digits(set.substring(2))) {
            return null;
        }
        return ParsedItem.of(FB, Kinds.PHOTO, Map.of("albumId", set), WWW + "/media/set/?set=" + set);
    }

    /** A video or reel; both are videos, so they share the key. */
    private static ParsedItem video(String kind, String id) {
        if (!digits(id)) {
            return null;
        }
        String canonical = kind.equals(Kinds.REEL) ? WWW + "/reel/" + id : WWW + "/watch/?v=" + id;
        return new ParsedItem(FB, kind, Map.of("videoId", id), canonical, FB + "|VIDEO|" + id);
    }

    /** stories/<owner>/<story id>, or all current stories of stories/<owner>. */
    private static ParsedItem story(List<String> s) {
        String owner = at(s, 1);
        if (!digits(owner) && !vanity(owner)) {
            return null;
        }
        owner = owner.toLowerCase(Locale.ROOT).replace(".", "");
        String story = at(s, 2);
        if (story == null) {
            return ParsedItem.of(FB, Kinds.STORY, Map.of("owner", owner), WWW + "/stories/" + owner);
        }
        if (!token(story)) {
            return null;
        }
        return ParsedItem.of(FB, Kinds.STORY, Map.of("owner", owner, "storyId", story),
                WWW + "/stories/" + owner + "/" + story);
    }

    // ---- other shapes

    /** share/<code>, share/<type>/<code>: unresolved short links. */
    private static ParsedItem share(List<String> s) {
        String type = "";
        String code = at(s, 1);
        if (s.size() >= 3 && s.get(1).length() <= 2) {
            type = s.get(1).toLowerCase(Locale.ROOT) + "/";
            code = s.get(2);
        }
        if (!token(code)) {
            return null;
        }
        return ParsedItem.of(FB, Kinds.SHORT_LINK, Map.of("code", code, "unresolved", "true"), WWW + "/share/" + type + code);
    }

    /** fb.watch/<code>, fb.me/<code>, fb.gg/<code>; the host's root is a web page. */
    private static ParsedItem shortLink(Url url, String base) {
        List<String> s = url.segments();
        String code = at(s, 0);
        if (!token(code)) {
            return ParsedItem.of(FB, Kinds.WEB_PAGE, Map.of(), base);
        }
        String path = s.size() >= 2 && s.get(0).length() <= 2 && token(s.get(1)) ? code + "/" + s.get(1) : code;
        return ParsedItem.of(FB, Kinds.SHORT_LINK, Map.of("code", path, "unresolved", "true"), base + path);
    }

    private static ParsedItem event(String id) {
        return digits(id) ? ParsedItem.of(FB, Kinds.PAGE, Map.of("eventId", id), WWW + "/events/" + id) : null;
    }

    private static ParsedItem hashtag(String tag) {
        if (!token(tag)) {
            return null;
        }
        String lower = tag.toLowerCase(Locale.ROOT);
        return ParsedItem.of(FB, Kinds.WEB_PAGE, Map.of("hashtag", lower), WWW + "/hashtag/" + lower);
    }

    /** marketplace/item/<id>: a listing. */
    private static ParsedItem listing(List<String> s) {
        String id = at(s, 2);
        if (!"item".equalsIgnoreCase(at(s, 1)) || !digits(id)) {
            return null;
        }
        return ParsedItem.of(FB, Kinds.POST, Map.of("listingId", id), WWW + "/marketplace/item/" + id);
    }

    // ---- Messenger

    private static ParsedItem mMe(Url url) {
        List<String> s = url.segments();
        String first = at(s, 0);
        if (first != null && first.equalsIgnoreCase("j") && token(at(s, 1))) {
            return ParsedItem.of(MS, Kinds.INVITE_LINK, Map.of("inviteCode", s.get(1)), "https://m.me/j/" + s.get(1));
        }
        if (digits(first)) {
            return new ParsedItem(MS, Kinds.PROFILE, Map.of("numericId", first), "https://m.me/" + first,
                    MS + "|PROFILE|id:" + first);
        }
        if (vanity(first)) {
            String lower = first.toLowerCase(Locale.ROOT);
            String name = lower.replace(".", "");
            return new ParsedItem(MS, Kinds.PROFILE, Map.of("vanity", lower), "https://m.me/" + name,
                    MS + "|PROFILE|name:" + name);
        }
        return webPage(MS, "https://m.me", url);
    }

    private static ParsedItem messenger(Url url) {
        List<String> s = url.segments();
        ParsedItem item = thread(s, 0);
        return item != null ? item : webPage(MS, "https://www.messenger.com", url);
    }

    /** [e2ee/]t/<id> from index i on: a conversation. */
    private static ParsedItem thread(List<String> s, int i) {
        if ("e2ee".equalsIgnoreCase(at(s, i))) {
            i++;
        }
        String id = at(s, i + 1);
        if (!"t".equalsIgnoreCase(at(s, i)) || !(digits(id) || vanity(id))) {
            return null;
        }
        String thread = digits(id) ? id : id.toLowerCase(Locale.ROOT).replace(".", "");
        return ParsedItem.of(MS, Kinds.MESSAGE, Map.of("threadId", thread), "https://www.messenger.com/t/" + thread);
    }

    // ---- web pages

    /** Any other page: the path as it is, without tracking parameters. */
    private static ParsedItem webPage(String platform, String origin, Url url) {
        String query = cleanQuery(url.query());
        String canonical = origin + url.pathname() + (query.isEmpty() ? "" : "?" + query);
        return ParsedItem.of(platform, Kinds.WEB_PAGE, Map.of(), canonical);
    }

    private static String cleanQuery(String query) {
        return Tracking.clean(query, NOISE::contains);
    }

    // ---- small helpers

    private static String at(List<String> s, int i) {
        return i < s.size() ? s.get(i) : null;
    }

    /** The last all-digit segment from index from on, or null. */
    private static String lastDigits(List<String> s, int from) {
        for (int i = s.size() - 1; i >= from; i--) {
            if (digits(s.get(i))) {
                return s.get(i);
            }
        }
        return null;
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

    /** A username: letters, digits and dots, at least one letter, not a file name. */
    private static boolean vanity(String s) {
        if (s == null || s.isEmpty() || s.length() > 80) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            } else if (!(c >= '0' && c <= '9') && c != '.') {
                return false;
            }
        }
        String lower = s.toLowerCase(Locale.ROOT);
        return letter && !lower.endsWith(".php") && !lower.endsWith(".html") && !lower.endsWith(".htm");
    }

    /** A group's id or vanity name. */
    private static boolean groupName(String s) {
        if (s == null || s.isEmpty() || s.length() > 100) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return !s.endsWith(".php");
    }

    /** A numeric post id or a pfbid... id. */
    private static boolean postId(String s) {
        if (digits(s)) {
            return true;
        }
        if (s == null || !s.startsWith("pfbid") || s.length() < 10 || s.length() > 100) {
            return false;
        }
        for (int i = 5; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** A case-sensitive code: letters, digits, '_', '-', '=', '.'. */
    private static boolean token(String s) {
        if (s == null || s.isEmpty() || s.length() > 200) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || c == '=' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
