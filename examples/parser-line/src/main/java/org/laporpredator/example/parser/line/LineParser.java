package org.laporpredator.example.parser.line;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.laporpredator.links.Tracking;
import org.laporpredator.links.Url;
import org.laporpredator.spi.Kinds;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.PlatformParser;
import org.osgi.service.component.annotations.Component;

/**
 * LINE links, platform {@value #LINE}. Pure and fast; nothing is ever fetched: not short links, not invites.
 *
 * <ul>
 * <li>Accounts: {@code line.me/R/ti/p/@<id>} and {@code line.me/ti/p/@<id>} (also {@code %40<id>},
 * {@code page.line.me/<id>}, {@code line.me/R/oaMessage/@<id>/...}) are an official account: a PAGE
 * (accountId, lower case), canonical {@code https://line.me/R/ti/p/@<id>}. {@code line.me/ti/p/~<id>} (and
 * {@code /R/}) is a user's LINE ID: a PROFILE (lineId, lower case), canonical
 * {@code https://line.me/R/ti/p/~<id>}. {@code line.me/ti/p/<ticket>} (a QR code's ticket, case-sensitive) is a
 * PROFILE (ticket).</li>
 * <li>Group invites: {@code line.me/ti/g/<code>} and {@code line.me/R/ti/g/<code>}: an INVITE_LINK (inviteCode,
 * case-sensitive), canonical {@code https://line.me/ti/g/<code>}.</li>
 * <li>Open chats: {@code line.me/ti/g2/<code>} and {@code line.me/R/ti/g2/<code>}: a GROUP (openChatCode),
 * canonical {@code https://line.me/ti/g2/<code>}; {@code openchat.line.me/<region>/cover/<id>} a GROUP
 * (openChatId).</li>
 * <li>Posts: {@code timeline.line.me/post/<homeId>/<postId>} and {@code linevoom.line.me/post/<postId>}: a POST
 * keyed by the postId; {@code timeline.line.me/user/<homeId>} and {@code linevoom.line.me/user/<homeId>} a
 * PROFILE (homeId).</li>
 * <li>LIFF apps: {@code liff.line.me/<liffId>[/path]}: a WEB_PAGE (liffId), canonical without tracking
 * parameters.</li>
 * <li>{@code lin.ee/<code>}: an unresolved SHORT_LINK. {@code line.me/R/msg/...} (a share link with a
 * prefilled message) and every other page on a LINE host: a WEB_PAGE without tracking parameters.</li>
 * <li>The app scheme {@code line://ti/p/@id}, {@code line://ti/g/<code>}... is claimed and read as
 * {@code line.me/R/...}. Lookalike hosts ({@code line.me.evil.example}, {@code 1ine.me}) are not LINE.</li>
 * </ul>
 */
@Component(service = PlatformParser.class, property = {
    Modules.PLATFORM + "=" + LineParser.LINE,
    Modules.ID + "=" + LineParser.MODULE_ID,
    Modules.KIND + "=" + Modules.PARSER,
    Modules.NAME + "=LINE parser (example)"
})
public class LineParser implements PlatformParser {

    /** Not one of {@code org.laporpredator.spi.Platforms}: a plugin may bring a platform of its own. */
    public static final String LINE = "LINE";
    public static final String MODULE_ID = "parser-line";

    private static final String ME = "https://line.me";
    private static final int MAX_ID = 64;
    private static final int MAX_CODE = 128;
    /** Query parameters that never identify anything on LINE (besides {@link Tracking}'s). */
    private static final Set<String> NOISE = Set.of("openqrmodal", "openerplatform", "openerkey", "from", "ref",
            "source", "lang", "accountid");

    @Override
    public Optional<ParsedItem> parse(Url url) {
        try {
            return Optional.ofNullable(item(url));
        } catch (RuntimeException e) {
            return Optional.empty(); // bad input is never an exception
        }
    }

    @Override
    public boolean claimsScheme(String scheme) {
        return "line".equals(scheme);
    }

    private static ParsedItem item(Url url) {
        if ("line".equals(url.scheme())) {
            List<String> s = new ArrayList<>();
            s.add(url.hostname());
            s.addAll(url.segments());
            ParsedItem app = main(s);
            return app != null ? app : ParsedItem.of(LINE, Kinds.WEB_PAGE, Map.of(), ME + "/R/" + String.join("/", s));
        }
        if (!url.web()) {
            return null;
        }
        String host = url.hostname();
        List<String> s = url.segments();
        if (host.equals("lin.ee") || host.equals("www.lin.ee")) {
            if (s.size() == 1 && token(s.get(0), MAX_CODE)) {
                return ParsedItem.of(LINE, Kinds.SHORT_LINK, Map.of("code", s.get(0), "unresolved", "true"),
                        "https://lin.ee/" + s.get(0));
            }
            return webPage("https://lin.ee", url);
        }
        if (!url.hostIs("line.me")) {
            return null;
        }
        ParsedItem item = switch (host) {
            case "line.me", "www.line.me" -> main(s);
            case "page.line.me" -> s.size() == 1 ? account(s.get(0)) : null;
            case "liff.line.me" -> liff(url, s);
            case "timeline.line.me", "linevoom.line.me" -> timeline(s);
            case "openchat.line.me" -> openChatCover(s);
            default -> null;
        };
        return item != null ? item : webPage("https://" + (host.equals("www.line.me") ? "line.me" : host), url);
    }

    /** The paths of line.me, with or without the leading {@code R}. */
    private static ParsedItem main(List<String> s) {
        int i = !s.isEmpty() && s.get(0).equalsIgnoreCase("R") ? 1 : 0;
        String first = lower(at(s, i));
        if (first == null) {
            return null;
        }
        if (first.equals("oamessage")) {
            String id = decode(at(s, i + 1));
            return id != null && id.startsWith("@") ? account(id.substring(1)) : null;
        }
        if (!first.equals("ti") || s.size() != i + 3) {
            return null;
        }
        String type = lower(s.get(i + 1));
        String value = decode(s.get(i + 2));
        if (value == null) {
            return null;
        }
        return switch (type) {
            case "p" -> value.startsWith("@") ? account(value.substring(1))
                    : value.startsWith("~") ? lineId(value.substring(1)) : ticket(value);
            case "g" -> token(value, MAX_CODE)
                    ? ParsedItem.of(LINE, Kinds.INVITE_LINK, Map.of("inviteCode", value), ME + "/ti/g/" + value) : null;
            case "g2" -> token(value, MAX_CODE)
                    ? ParsedItem.of(LINE, Kinds.GROUP, Map.of("openChatCode", value), ME + "/ti/g2/" + value) : null;
            default -> null;
        };
    }

    /** An official account: its basic or premium id, without the {@code @}. */
    private static ParsedItem account(String id) {
        String a = id == null ? null : id.startsWith("@") ? id.substring(1) : id;
        if (!lineName(a)) {
            return null;
        }
        a = a.toLowerCase(Locale.ROOT);
        return ParsedItem.of(LINE, Kinds.PAGE, Map.of("accountId", "@" + a), ME + "/R/ti/p/@" + a);
    }

    private static ParsedItem lineId(String id) {
        if (!lineName(id)) {
            return null;
        }
        String a = id.toLowerCase(Locale.ROOT);
        return ParsedItem.of(LINE, Kinds.PROFILE, Map.of("lineId", a), ME + "/R/ti/p/~" + a);
    }

    private static ParsedItem ticket(String t) {
        return token(t, MAX_CODE) ? ParsedItem.of(LINE, Kinds.PROFILE, Map.of("ticket", t), ME + "/ti/p/" + t) : null;
    }

    /** liff.line.me/<liffId>[/path]: the app's page. */
    private static ParsedItem liff(Url url, List<String> s) {
        if (s.isEmpty() || !token(s.get(0), MAX_ID)) {
            return null;
        }
        String query = Tracking.clean(url.query(), NOISE::contains);
        return ParsedItem.of(LINE, Kinds.WEB_PAGE, Map.of("liffId", s.get(0)),
                "https://liff.line.me/" + String.join("/", s) + (query.isEmpty() ? "" : "?" + query));
    }

    /** timeline.line.me and linevoom.line.me: posts and users' homes. */
    private static ParsedItem timeline(List<String> s) {
        String first = lower(at(s, 0));
        if ("post".equals(first)) {
            // timeline: post/<homeId>/<postId>; VOOM: post/<postId>
            String home = s.size() == 3 ? s.get(1) : null;
            String post = s.size() == 3 ? s.get(2) : s.size() == 2 ? s.get(1) : null;
            if (!digits(post) || (home != null && !token(home, MAX_CODE))) {
                return null;
            }
            Map<String, String> ids = home == null ? Map.of("postId", post) : Map.of("homeId", home, "postId", post);
            String canonical = home == null ? "https://linevoom.line.me/post/" + post
                    : "https://timeline.line.me/post/" + home + "/" + post;
            return new ParsedItem(LINE, Kinds.POST, ids, canonical, LINE + "|POST|" + post);
        }
        if ("user".equals(first) && s.size() == 2 && token(s.get(1), MAX_CODE)) {
            return new ParsedItem(LINE, Kinds.PROFILE, Map.of("homeId", s.get(1)),
                    "https://linevoom.line.me/user/" + s.get(1), LINE + "|HOME|" + s.get(1));
        }
        return null;
    }

    /** openchat.line.me/<region>/cover/<id>. */
    private static ParsedItem openChatCover(List<String> s) {
        int cover = s.indexOf("cover");
        if (cover < 0 || cover > 1 || s.size() != cover + 2 || !token(s.get(cover + 1), MAX_CODE)) {
            return null;
        }
        String id = s.get(cover + 1);
        String region = cover == 1 ? s.get(0).toLowerCase(Locale.ROOT) : null;
        if (region != null && !token(region, 8)) {
            return null;
        }
        return new ParsedItem(LINE, Kinds.GROUP, Map.of("openChatId", id),
                "https://openchat.line.me/" + (region == null ? "" : region + "/") + "cover/" + id,
                LINE + "|OPENCHAT|" + id);
    }

    /** Any other page on a LINE host: its path, without tracking parameters and fragment. */
    private static ParsedItem webPage(String origin, Url url) {
        String query = Tracking.clean(url.query(), NOISE::contains);
        return ParsedItem.of(LINE, Kinds.WEB_PAGE, Map.of(), origin + url.pathname() + (query.isEmpty() ? "" : "?" + query));
    }

    // ---- small helpers

    private static String at(List<String> s, int i) {
        return i < s.size() ? s.get(i) : null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** Percent-decoded, or null when it does not decode or is too long to be anything of LINE's. */
    private static String decode(String s) {
        if (s == null || s.length() > 3 * MAX_CODE) {
            return null;
        }
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A LINE ID or account id: letters, digits, '.', '_' and '-', 1 to 64. */
    private static boolean lineName(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_ID) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(ascii(c) || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A case-sensitive code: letters, digits, '_' and '-'. */
    private static boolean token(String s, int max) {
        if (s == null || s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(ascii(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s) {
        if (s == null || s.isEmpty() || s.length() > 32) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
