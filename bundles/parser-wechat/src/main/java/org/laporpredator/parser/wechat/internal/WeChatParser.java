package org.laporpredator.parser.wechat.internal;

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
import org.laporpredator.spi.Platforms;
import org.laporpredator.spi.PlatformParser;
import org.osgi.service.component.annotations.Component;

/**
 * WeChat (Weixin) links. Nothing is ever fetched, so QR links and mini program links stay unresolved.
 *
 * <p>Hosts: {@code weixin.qq.com} and its subdomains ({@code mp.}, {@code open.}, {@code pay.}, ...),
 * {@code wx.qq.com}, {@code wx2.qq.com} and {@code weixin110.qq.com} (web client, security centre),
 * {@code wechat.com} with its subdomains ({@code u.wechat.com} profile QR links), and {@code wxaurl.cn}
 * (mini program links). Any other {@code qq.com} host is Tencent's, not WeChat's, and is left to the website
 * parser, as are lookalikes ({@code weixin.qq.com.evil.example}, {@code fakeqq.com}).
 *
 * <p>Rules worth knowing:
 * <ul>
 * <li>QR links: {@code weixin.qq.com/g/<code>} (join a group chat) is an INVITE_LINK (inviteCode);
 * {@code weixin.qq.com/r/<code>}, {@code weixin.qq.com/q/<code>} (add an account or an official account)
 * and {@code u.wechat.com/<code>} (a person's QR) are a PROFILE (qrCode). Codes keep their case; the two
 * hosts' codes are separate spaces, so they stay separate items. A QR link and the account it opens
 * cannot be matched without fetching.</li>
 * <li>Official account articles: {@code mp.weixin.qq.com/s/<id>} is a POST (articleId, case-sensitive);
 * {@code mp.weixin.qq.com/s?__biz=&mid=&idx=&sn=} is a POST (biz, mid, idx, sn) keyed by
 * {@code __biz + mid + idx}, which name the article ({@code sn} is its signature: kept in the canonical URL so
 * it opens, not in the key). {@code chksm}, {@code scene}, {@code srcid}, {@code sharer_*},
 * {@code exportkey}, {@code pass_ticket}, {@code from}, {@code ascene} and the like only track. The short
 * and the long form of one article cannot be matched without fetching: two items.</li>
 * <li>{@code mp.weixin.qq.com/mp/profile_ext?action=home&__biz=} is the official account: a PROFILE
 * (biz).</li>
 * <li>{@code wxaurl.cn/<code>} is an unresolved SHORT_LINK. The app scheme {@code weixin:} is claimed
 * ({@link #claimsScheme(String)}): {@code weixin://dl/business/?t=<ticket>} (opens a mini program) is an
 * unresolved SHORT_LINK (code = ticket) and other {@code weixin://} links (dl/chat, dl/scan, ...) open a
 * screen of the app and are WeChat WEB_PAGEs; their canonical URL keeps the {@code weixin:} scheme, as no
 * https form exists.</li>
 * <li>Everything else on a WeChat host is a WeChat WEB_PAGE whose canonical URL is the path without
 * tracking parameters. Fragments ({@code #rd}, {@code #wechat_redirect}) are ignored.</li>
 * </ul>
 */
@Component(service = PlatformParser.class, property = {
    Modules.PLATFORM + "=" + Platforms.WECHAT,
    Modules.ID + "=" + WeChatParser.MODULE_ID,
    Modules.KIND + "=" + Modules.PARSER,
    Modules.NAME + "=WeChat parser"
})
public class WeChatParser implements PlatformParser {

    public static final String MODULE_ID = "parser-wechat";

    private static final String WC = Platforms.WECHAT;
    private static final String MP = "https://mp.weixin.qq.com";

    /** qq.com hosts that are WeChat's besides weixin.qq.com and its subdomains. */
    private static final Set<String> QQ_HOSTS = Set.of("wx.qq.com", "wx2.qq.com", "weixin110.qq.com");

    /** Query parameters that never identify anything on WeChat (besides {@link Tracking}'s). */
    private static final Set<String> NOISE = Set.of("chksm", "scene", "srcid", "exportkey", "pass_ticket", "from",
            "ascene", "subscene", "devicetype", "version", "nettype", "lang", "wx_header", "clicktime", "enterid",
            "key", "uin", "isappinstalled", "share_token", "sessionid", "realreporttime", "mpshare", "poc_token",
            "abtest_cookie", "countrycode", "fontscale", "fontgear", "winzoom", "rd2werd", "ptoken",
            "acctmode", "finder_biz_enter_id", "wx_fmt", "wxfrom", "wxtype");

    @Override
    public Optional<ParsedItem> parse(Url url) {
        return Optional.ofNullable(item(url));
    }

    @Override
    public boolean claimsScheme(String scheme) {
        return "weixin".equalsIgnoreCase(scheme);
    }

    private static ParsedItem item(Url url) {
        String scheme = url.scheme();
        if (scheme.equals("weixin")) {
            return app(url);
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return null;
        }
        String host = url.hostname();
        if (host.equals("mp.weixin.qq.com")) {
            ParsedItem item = article(url);
            return item != null ? item : webPage(MP, url);
        }
        if (host.equals("weixin.qq.com") || host.equals("www.weixin.qq.com")) {
            ParsedItem item = qr(url.segments());
            return item != null ? item : webPage("https://weixin.qq.com", url);
        }
        if (url.hostIs("weixin.qq.com") || QQ_HOSTS.contains(host)) {
            return webPage("https://" + host, url);
        }
        if (host.equals("u.wechat.com")) {
            List<String> s = url.segments();
            if (s.size() == 1 && token(s.get(0))) {
                return ParsedItem.of(WC, Kinds.PROFILE, Map.of("qrCode", s.get(0)), "https://u.wechat.com/" + s.get(0));
            }
            return webPage("https://u.wechat.com", url);
        }
        if (url.hostIs("wechat.com")) {
            return webPage(host.equals("wechat.com") || host.equals("www.wechat.com") ? "https://www.wechat.com"
                    : "https://" + host, url);
        }
        if (url.hostIs("wxaurl.cn")) {
            List<String> s = url.segments();
            if (s.size() == 1 && token(s.get(0))) {
                return shortLink(s.get(0), "https://wxaurl.cn/" + s.get(0));
            }
            return webPage("https://wxaurl.cn", url);
        }
        return null;
    }

    /** weixin.qq.com/g/<code>, /r/<code>, /q/<code>. */
    private static ParsedItem qr(List<String> s) {
        String code = at(s, 1);
        if (s.size() != 2 || !token(code)) {
            return null;
        }
        switch (s.get(0)) {
            case "g":
                return ParsedItem.of(WC, Kinds.INVITE_LINK, Map.of("inviteCode", code), "https://weixin.qq.com/g/" + code);
            case "r":
            case "q":
                return ParsedItem.of(WC, Kinds.PROFILE, Map.of("qrCode", code),
                        "https://weixin.qq.com/" + s.get(0) + "/" + code);
            default:
                return null;
        }
    }

    /** mp.weixin.qq.com: articles and official account pages. */
    private static ParsedItem article(Url url) {
        List<String> s = url.segments();
        String first = at(s, 0);
        if ("s".equals(first) && s.size() == 2) {
            String id = s.get(1);
            return token(id) ? ParsedItem.of(WC, Kinds.POST, Map.of("articleId", id), MP + "/s/" + id) : null;
        }
        if (url.query() == null) {
            return null;
        }
        if ("s".equals(first) && s.size() == 1) {
            String biz = null;
            String mid = null;
            String idx = null;
            String sn = null;
            for (Map.Entry<String, String> p : url.queryParameters()) {
                switch (p.getKey()) {
                    case "__biz":
                        biz = biz == null ? biz(p.getValue()) : biz;
                        break;
                    case "mid":
                        mid = mid == null ? p.getValue() : mid;
                        break;
                    case "idx":
                        idx = idx == null ? p.getValue() : idx;
                        break;
                    case "sn":
                        sn = sn == null ? p.getValue() : sn;
                        break;
                    default:
                        break;
                }
            }
            if (biz == null || !digits(mid) || !digits(idx)) {
                return null;
            }
            String canonical = MP + "/s?__biz=" + encodeBiz(biz) + "&mid=" + mid + "&idx=" + idx;
            Map<String, String> ids;
            if (hex(sn)) {
                canonical += "&sn=" + sn;
                ids = Map.of("biz", biz, "mid", mid, "idx", idx, "sn", sn);
            } else {
                ids = Map.of("biz", biz, "mid", mid, "idx", idx);
            }
            return new ParsedItem(WC, Kinds.POST, ids, canonical, WC + "|POST|biz:" + biz + "|mid:" + mid + "|idx:" + idx);
        }
        if ("mp".equals(first) && "profile_ext".equals(at(s, 1)) && s.size() == 2) {
            String biz = biz(url.queryParameter("__biz"));
            if (biz == null || !"home".equals(url.queryParameter("action"))) {
                return null;
            }
            return ParsedItem.of(WC, Kinds.PROFILE, Map.of("biz", biz),
                    MP + "/mp/profile_ext?action=home&__biz=" + encodeBiz(biz));
        }
        return null;
    }

    /** weixin:// links: a mini program ticket, or a screen of the app. */
    private static ParsedItem app(Url url) {
        String host = url.hostname().toLowerCase(Locale.ROOT);
        String path = url.pathname();
        if (host.equals("dl") && (path.equals("/business") || path.equals("/business/")) && url.query() != null) {
            String ticket = url.queryParameter("t");
            if (token(ticket)) {
                return shortLink(ticket, "weixin://dl/business/?t=" + ticket);
            }
        }
        if (path.length() > 300 || host.length() > 100) {
            return null;
        }
        return ParsedItem.of(WC, Kinds.WEB_PAGE, Map.of(), "weixin://" + host + path);
    }

    private static ParsedItem shortLink(String code, String canonical) {
        return ParsedItem.of(WC, Kinds.SHORT_LINK, Map.of("code", code, "unresolved", "true"), canonical);
    }

    /** An official account's base64 id; a '+' read as a space by form decoding is put back. */
    private static String biz(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 100) {
            return null;
        }
        String b = raw.replace(' ', '+');
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                    || c == '=')) {
                return null;
            }
        }
        return b;
    }

    private static String encodeBiz(String biz) {
        return biz.replace("+", "%2B").replace("/", "%2F");
    }

    // ---- web pages

    /** Any other page: the path as it is, without tracking parameters. */
    private static ParsedItem webPage(String origin, Url url) {
        String query = cleanQuery(url.query());
        return ParsedItem.of(WC, Kinds.WEB_PAGE, Map.of(), origin + url.pathname() + (query.isEmpty() ? "" : "?" + query));
    }

    private static String cleanQuery(String query) {
        return Tracking.clean(query, name -> NOISE.contains(name) || name.startsWith("sharer_"));
    }

    // ---- small helpers

    private static String at(List<String> s, int i) {
        return i < s.size() ? s.get(i) : null;
    }

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

    private static boolean hex(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** A case-sensitive code: letters, digits, '_' and '-'. */
    private static boolean token(String s) {
        if (s == null || s.isEmpty() || s.length() > 200) {
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
