package org.laporpredator.parser.youtube.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
 * YouTube links. Nothing is ever fetched.
 *
 * <p>Hosts: {@code youtube.com} with {@code www}, {@code m} and {@code music}, {@code youtube-nocookie.com}
 * (embeds) and {@code youtu.be}. Other subdomains ({@code studio.youtube.com}, {@code tv.youtube.com}) are
 * YouTube web pages on their own host. Country domains ({@code youtube.co.uk}, ...) are left to the website
 * parser. Lookalikes ({@code youtube.com.evil.example}, {@code evilyoutube.com}) are not YouTube.
 *
 * <p>Rules worth knowing:
 * <ul>
 * <li>Videos: {@code watch?v=}, {@code youtu.be/}, {@code shorts/}, {@code live/}, {@code embed/}, {@code v/},
 * {@code e/}, {@code watch/} all carry the 11-character, case-sensitive video id and are one VIDEO item
 * (a Short is a video), canonical {@code https://www.youtube.com/watch?v=<id>}. {@code youtu.be} is not a
 * short link: it carries the id. {@code t}, {@code si}, {@code feature}, {@code pp}, {@code ab_channel} never
 * identify; a playlist given with a video ({@code list}, {@code index}) does not count: the item is the
 * video. {@code lc=<comment id>} points at one comment: a comment is its own POST item (commentId).</li>
 * <li>Playlists ({@code playlist?list=}, {@code watch?list=} without a video,
 * {@code embed/videoseries?list=}) are a PAGE (playlistId, case-sensitive): a collection an account
 * curates, not an account.</li>
 * <li>Accounts: {@code @handle} is a PROFILE (handle, case-insensitive: canonical lower case);
 * {@code channel/<id>} a CHANNEL (channelId, case-sensitive); {@code c/<name>} and the bare
 * {@code /<name>} (both custom URLs) a PROFILE (customName); {@code user/<name>} a PROFILE
 * (legacyUsername). A handle, a channel id, a custom URL and a username of the same account cannot be
 * matched without fetching: they stay separate items. Tabs ({@code /videos}, {@code /shorts},
 * {@code /live}, {@code /about}, ...) are the account itself.</li>
 * <li>Community posts: {@code post/<id>}, {@code channel/<id>/community?lb=<id>} and
 * {@code @handle/community?lb=<id>} (or {@code /posts?lb=}) are one POST keyed by the post id.
 * {@code clip/<id>} is a VIDEO item of its own (clipId).</li>
 * <li>{@code redirect?q=} (with {@code event}, {@code redir_token}) and {@code attribution_link?u=} are
 * redirect wrappers that {@link #unwrap(Url)} opens: {@code q} when it is an http(s) link, {@code u} as a
 * YouTube link.</li>
 * <li>{@code hashtag/<tag>} is a WEB_PAGE (hashtag, lower case). Everything else on a YouTube host is a
 * YouTube WEB_PAGE whose canonical URL is the path without tracking and player parameters. Fragments are
 * ignored.</li>
 * </ul>
 */
@Component(service = PlatformParser.class, property = {
    Modules.PLATFORM + "=" + Platforms.YOUTUBE,
    Modules.ID + "=" + YouTubeParser.MODULE_ID,
    Modules.KIND + "=" + Modules.PARSER,
    Modules.NAME + "=YouTube parser"
})
public class YouTubeParser implements PlatformParser {

    public static final String MODULE_ID = "parser-youtube";

    private static final String YT = Platforms.YOUTUBE;
    private static final String WWW = "https://www.youtube.com";

    /** Subdomains that show the main site. */
    private static final Set<String> ALIASES = Set.of("www", "m", "music");

    /** First path segments that are YouTube's own pages, never custom names. */
    private static final Set<String> RESERVED = Set.of("watch", "shorts", "live", "embed", "v", "e", "channel", "c",
            "user", "playlist", "post", "clip", "redirect", "attribution_link", "results", "feed", "hashtag", "account",
            "account_notifications", "premium", "gaming", "music", "kids", "about", "t", "howyoutubeworks", "creators",
            "ads", "yt", "signin", "logout", "login", "upload", "paid_memberships", "reporthistory", "source", "trends",
            "trending", "new", "news", "sports", "learning", "fashion", "podcasts", "courses", "storefront",
            "select_site", "oembed", "iframe_api", "s", "api", "error", "supported_browsers", "view_all_playlists",
            "subscription_center", "playlists", "browse", "channels", "index", "home", "explore", "help", "jobs",
            "privacy", "terms", "policies", "copyright", "create_channel", "movies", "originals", "community",
            "signup", "verify", "youtubei", "generate_204", "favicon.ico", "robots.txt", "sw.js", "manifest.json",
            "opensearch", "timedtext", "get_video_info", "live_chat", "live_chat_replay", "store", "family", "red",
            "tv", "vr", "shopping", "studio", "creator", "dev", "devs", "info", "newsroom", "blog", "yts");

    /** Query parameters that never identify anything on YouTube (besides {@link Tracking}'s). */
    private static final Set<String> NOISE = Set.of("si", "feature", "pp", "t", "ab_channel", "app", "persist_app",
            "time_continue", "start", "end", "index", "embeds_referring_euri", "embeds_referring_origin",
            "embeds_euri", "source_ve_path", "kw", "cbrd", "ucbcb", "gl", "hl", "themerefresh", "sub_confirmation",
            "redir_token", "event", "bp", "ra", "view_as", "origin", "enablejsapi", "rel", "autoplay", "mute",
            "controls", "showinfo", "modestbranding", "loop", "playsinline", "fs", "iv_load_policy",
            "cc_load_policy", "wmode", "html5", "nv", "disable_polymer", "persist_gl", "persist_hl", "sp", "ved",
            "ei", "sttick", "noapp", "reload", "ref", "src_vid", "annotation_id", "has_verified", "bpctr", "lang");

    @Override
    public Optional<ParsedItem> parse(Url url) {
        return Optional.ofNullable(item(url));
    }

    @Override
    public Optional<String> unwrap(Url url) {
        return Optional.ofNullable(target(url));
    }

    private static String target(Url url) {
        if (!url.web() || !url.hostIs("youtube.com")) {
            return null;
        }
        List<String> s = url.segments();
        if (s.size() != 1) {
            return null;
        }
        String first = s.get(0).toLowerCase(Locale.ROOT);
        if (first.equals("redirect")) {
            String q = Url.httpLink(url.queryParameter("q"));
            if (q == null) {
                return null;
            }
            String lower = q.toLowerCase(Locale.ROOT);
            return lower.startsWith("https://") || lower.startsWith("http://") ? q : null;
        }
        if (first.equals("attribution_link")) {
            String u = url.queryParameter("u");
            if (u == null || u.isEmpty()) {
                return null;
            }
            if (u.startsWith("/") && !u.startsWith("//")) {
                return u.equals("/") ? null : WWW + u;
            }
            try {
                Url inner = Url.parse(u);
                return inner.web() && (inner.hostIs("youtube.com") || inner.hostIs("youtu.be")) ? u : null;
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
        String host = url.hostname();
        if (url.hostIs("youtu.be")) {
            List<String> s = url.segments();
            ParsedItem video = s.isEmpty() ? null : video(url, s.get(0));
            return video != null ? video : webPage("https://youtu.be", url);
        }
        String origin;
        if (url.hostIs("youtube-nocookie.com")) {
            origin = "https://www.youtube-nocookie.com";
        } else if (host.equals("youtube.com")) {
            origin = WWW;
        } else if (url.hostIs("youtube.com")) {
            String label = host.substring(0, host.length() - ".youtube.com".length());
            if (!ALIASES.contains(label)) {
                return webPage("https://" + host, url);
            }
            origin = label.equals("music") ? "https://music.youtube.com" : WWW;
        } else {
            return null;
        }
        ParsedItem item = mainPath(url, url.segments());
        return item != null ? item : webPage(origin, url);
    }

    private static ParsedItem mainPath(Url url, List<String> s) {
        if (s.isEmpty()) {
            return null;
        }
        String first = s.get(0);
        String lower = first.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "watch":
                if (s.size() >= 2) {
                    return video(url, s.get(1));
                }
                ParsedItem watched = video(url, url.queryParameter("v"));
                return watched != null ? watched : playlist(url.queryParameter("list"));
            case "shorts":
            case "live":
            case "v":
            case "e":
                return video(url, at(s, 1));
            case "embed":
                String what = at(s, 1);
                if ("videoseries".equalsIgnoreCase(what)) {
                    return playlist(url.queryParameter("list"));
                }
                if ("live_stream".equalsIgnoreCase(what)) {
                    return channel(url.queryParameter("channel"));
                }
                return video(url, what);
            case "playlist":
                return playlist(url.queryParameter("list"));
            case "channel":
                ParsedItem post = tabPost(url, s);
                return post != null ? post : channel(at(s, 1));
            case "c":
                return account("customName", "c", at(s, 1));
            case "user":
                return account("legacyUsername", "user", at(s, 1));
            case "post":
                return post(at(s, 1));
            case "clip":
                return clip(at(s, 1));
            case "hashtag":
                return hashtag(at(s, 1));
            default:
                if (first.startsWith("@")) {
                    ParsedItem handlePost = tabPost(url, s);
                    return handlePost != null ? handlePost : handle(first.substring(1));
                }
                if (RESERVED.contains(lower) || first.indexOf('.') >= 0) {
                    return null;
                }
                return account("customName", "c", first);
        }
    }

    // ---- videos and playlists

    /** A video from a raw id; with lc=, one comment on it. */
    private static ParsedItem video(Url url, String raw) {
        String id = videoId(raw);
        if (id == null) {
            return null;
        }
        String query = url.query();
        String comment = query != null && query.contains("lc=") ? url.queryParameter("lc") : null;
        if (token(comment, 100)) {
            return new ParsedItem(YT, Kinds.POST, Map.of("videoId", id, "commentId", comment),
                    WWW + "/watch?v=" + id + "&lc=" + comment, YT + "|VIDEO|" + id + "|comment:" + comment);
        }
        return new ParsedItem(YT, Kinds.VIDEO, Map.of("videoId", id), WWW + "/watch?v=" + id, YT + "|VIDEO|" + id);
    }

    /** The 11-character id at the start of s when nothing id-like follows it, or null. */
    private static String videoId(String s) {
        if (s == null || s.length() < 11) {
            return null;
        }
        for (int i = 0; i < 11; i++) {
            if (!idChar(s.charAt(i))) {
                return null;
            }
        }
        if (s.length() > 11 && idChar(s.charAt(11))) {
            return null;
        }
        return s.substring(0, 11);
    }

    private static ParsedItem playlist(String id) {
        if (!token(id, 100)) {
            return null;
        }
        return ParsedItem.of(YT, Kinds.PAGE, Map.of("playlistId", id), WWW + "/playlist?list=" + id);
    }

    private static ParsedItem clip(String id) {
        if (!token(id, 100)) {
            return null;
        }
        return new ParsedItem(YT, Kinds.VIDEO, Map.of("clipId", id), WWW + "/clip/" + id, YT + "|CLIP|" + id);
    }

    // ---- accounts and posts

    private static ParsedItem channel(String id) {
        if (!token(id, 64)) {
            return null;
        }
        return ParsedItem.of(YT, Kinds.CHANNEL, Map.of("channelId", id), WWW + "/channel/" + id);
    }

    /** @handle: letters and digits of any script, '_', '-', '.'; ignores case. */
    private static ParsedItem handle(String raw) {
        String name = accountName(raw);
        if (name == null) {
            return null;
        }
        return ParsedItem.of(YT, Kinds.PROFILE, Map.of("handle", name), WWW + "/@" + encode(name));
    }

    /** c/<name>, user/<name>: custom URLs and legacy usernames ignore case. */
    private static ParsedItem account(String idName, String path, String raw) {
        String name = accountName(raw);
        if (name == null) {
            return null;
        }
        return ParsedItem.of(YT, Kinds.PROFILE, Map.of(idName, name), WWW + "/" + path + "/" + encode(name));
    }

    /** <account>/community?lb=<id> or <account>/posts?lb=<id>: a post. */
    private static ParsedItem tabPost(Url url, List<String> s) {
        int tab = s.get(0).startsWith("@") ? 1 : 2;
        String name = at(s, tab);
        if (name == null || url.query() == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.equals("community") && !lower.equals("posts")) {
            return null;
        }
        return post(url.queryParameter("lb"));
    }

    private static ParsedItem post(String id) {
        if (!token(id, 100)) {
            return null;
        }
        return ParsedItem.of(YT, Kinds.POST, Map.of("postId", id), WWW + "/post/" + id);
    }

    private static ParsedItem hashtag(String tag) {
        if (tag == null || tag.isEmpty() || tag.length() > 200) {
            return null;
        }
        String lower = tag.toLowerCase(Locale.ROOT);
        return ParsedItem.of(YT, Kinds.WEB_PAGE, Map.of("hashtag", decode(lower)), WWW + "/hashtag/" + lower);
    }

    /** The decoded, lower-case account name, or null when it has characters no name has. */
    private static String accountName(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 300) {
            return null;
        }
        String text = raw.indexOf('%') >= 0 ? decode(raw) : raw;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '\u00b7')) {
                return null;
            }
            i += Character.charCount(c);
        }
        return text.isEmpty() || text.length() > 100 ? null : text.toLowerCase(Locale.ROOT);
    }

    /** ASCII as it is, everything else percent-encoded as UTF-8. */
    private static String encode(String name) {
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                out = new StringBuilder(name.length() * 3);
                break;
            }
        }
        if (out == null) {
            return name;
        }
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }

    // ---- web pages

    /** Any other page: the path as it is, without tracking and player parameters. */
    private static ParsedItem webPage(String origin, Url url) {
        String query = cleanQuery(url.query());
        return ParsedItem.of(YT, Kinds.WEB_PAGE, Map.of(), origin + url.pathname() + (query.isEmpty() ? "" : "?" + query));
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

    private static boolean idChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /** A case-sensitive id: letters, digits, '_' and '-', at most max characters. */
    private static boolean token(String s, int max) {
        if (s == null || s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!idChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
