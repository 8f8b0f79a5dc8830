package org.laporpredator.parser.whatsapp.internal;

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
 * WhatsApp links. Nothing is ever fetched, so short links stay unresolved.
 *
 * <p>Hosts: {@code wa.me}, {@code whatsapp.com} with {@code www m api web chat} and its other
 * subdomains, {@code whatsapp.net}, {@code wa.link}, {@code l.wl.co} (link shim), and the app scheme
 * {@code whatsapp:} ({@link #claimsScheme(String)}).
 *
 * <p>Rules worth knowing:
 * <ul>
 * <li>Chat links to a number ({@code wa.me/<digits>}, {@code wa.me/+<digits>},
 * {@code [api|web|www.]whatsapp.com/send?phone=}, {@code whatsapp://send?phone=}) are one
 * PHONE_NUMBER item keyed by the E.164 number ({@code phone=+60123456789}; spaces, dashes, dots,
 * parentheses and a leading {@code 00} are removed). A number that cannot be E.164 (fewer than 8 or
 * more than 15 digits, or starting with 0 such as a local {@code 012...}) is not a phone item: it is
 * a WhatsApp WEB_PAGE {@code https://wa.me/<digits>}, since WhatsApp itself cannot open it.</li>
 * <li>The {@code text} parameter is a prefilled message and may carry personal data: it is never kept.
 * A link with {@code text} and no number only shares that text; when the text is a single http(s)
 * link, {@link #unwrap(Url)} returns it.</li>
 * <li>{@code chat.whatsapp.com/[invite/]<code>} and {@code whatsapp://chat?code=} are an
 * INVITE_LINK; codes keep their case.</li>
 * <li>{@code whatsapp.com/channel/<id>} and {@code wa.me/channel/<id>} are a CHANNEL (channelId keeps
 * its case); {@code whatsapp.com/channel/<id>/<n>} is one MESSAGE of it.</li>
 * <li>{@code wa.me/c/<digits>} and {@code whatsapp.com/catalog/<digits>}, a business catalog, are a
 * PROFILE item of its own (phone), apart from the chat link of the same number: what is reported is
 * the published catalog. {@code wa.me/p/<product>/<digits>} is one product of it, a POST
 * (productId, phone).</li>
 * <li>{@code wa.me/message/<code>}, {@code wa.me/qr/<code>} (and their {@code api.whatsapp.com}
 * forms) and {@code wa.link/<code>} are SHORT_LINKs (code, unresolved=true): they lead to a number
 * only WhatsApp (or wa.link) knows. wa.link is a third-party service, but its links only ever open
 * WhatsApp chats, so they are WhatsApp items.</li>
 * <li>Everything else on a WhatsApp host (faq, legal, download, media on whatsapp.net) is a WhatsApp
 * WEB_PAGE: the path without tracking parameters and {@code text}. Lookalike hosts
 * ({@code wa.me.evil.example}, {@code evilwhatsapp.com}) are not WhatsApp.</li>
 * </ul>
 */
@Component(service = PlatformParser.class, property = {
    Modules.PLATFORM + "=" + Platforms.WHATSAPP,
    Modules.ID + "=" + WhatsAppParser.MODULE_ID,
    Modules.KIND + "=" + Modules.PARSER,
    Modules.NAME + "=WhatsApp parser"
})
public class WhatsAppParser implements PlatformParser {

    public static final String MODULE_ID = "parser-whatsapp";

    private static final String WA = Platforms.WHATSAPP;
    private static final String WA_ME = "https://wa.me/";
    private static final String WWW = "https://www.whatsapp.com";

    /** Subdomains of whatsapp.com that show the main site. */
    private static final Set<String> MAIN = Set.of("whatsapp.com", "www.whatsapp.com", "m.whatsapp.com",
            "api.whatsapp.com", "web.whatsapp.com");

    /** Query parameters that never identify anything on WhatsApp (besides {@link Tracking}'s). */
    private static final Set<String> NOISE = Set.of("text", "app_absent", "type", "lang", "l", "locale", "ref",
            "autoload", "src", "mode", "source");

    @Override
    public Optional<ParsedItem> parse(Url url) {
        return Optional.ofNullable(item(url));
    }

    @Override
    public Optional<String> unwrap(Url url) {
        return Optional.ofNullable(target(url));
    }

    @Override
    public boolean claimsScheme(String scheme) {
        return "whatsapp".equalsIgnoreCase(scheme);
    }

    // ---- unwrap

    private static String target(Url url) {
        if ("whatsapp".equals(url.scheme())) {
            return "send".equals(method(url)) ? sharedLink(url) : null;
        }
        if (!url.web()) {
            return null;
        }
        String host = url.hostname();
        if (host.equals("l.wl.co")) {
            return Url.httpLink(url.queryParameter("u"));
        }
        if (!host.equals("wa.me") && !host.equals("www.wa.me") && !MAIN.contains(host)) {
            return null;
        }
        List<String> s = url.segments();
        if (s.isEmpty() || (s.size() == 1 && s.get(0).equalsIgnoreCase("send"))) {
            return sharedLink(url);
        }
        return null;
    }

    /** The text of a share link without a number, when it is one http(s) link. */
    private static String sharedLink(Url url) {
        String phone = url.queryParameter("phone");
        if (phone != null && !phone.isBlank()) {
            return null;
        }
        return Url.httpLink(url.queryParameter("text"));
    }

    // ---- parse

    private static ParsedItem item(Url url) {
        String scheme = url.scheme();
        if (scheme.equals("whatsapp")) {
            return app(url);
        }
        if (!url.web()) {
            return null;
        }
        String host = url.hostname();
        if (!host.endsWith("wa.me") && !host.endsWith("whatsapp.com") && !host.endsWith("whatsapp.net")
                && !host.endsWith("wa.link") && !host.equals("l.wl.co")) {
            return null;
        }
        if (host.equals("wa.me") || host.equals("www.wa.me")) {
            return waMe(url);
        }
        if (host.equals("wa.link") || host.equals("www.wa.link")) {
            String code = at(url.segments(), 0);
            if (code(code)) {
                return shortLink("https://wa.link/", code);
            }
            return webPage("https://wa.link", url);
        }
        if (host.equals("chat.whatsapp.com")) {
            return chat(url);
        }
        if (MAIN.contains(host)) {
            return mainSite(url, host);
        }
        if (url.hostIs("whatsapp.com") || url.hostIs("whatsapp.net") || url.hostIs("wa.me") || url.hostIs("wa.link")
                || host.equals("l.wl.co")) {
            return webPage("https://" + host, url);
        }
        return null;
    }

    /** whatsapp://send?phone=, whatsapp://chat?code=. */
    private static ParsedItem app(Url url) {
        String method = method(url);
        if ("send".equals(method)) {
            ParsedItem phone = phoneParameter(url);
            return phone != null ? phone : ParsedItem.of(WA, Kinds.WEB_PAGE, Map.of(), "https://api.whatsapp.com/send");
        }
        if ("chat".equals(method)) {
            String code = url.queryParameter("code");
            return inviteCode(code) ? invite(code) : null;
        }
        return null;
    }

    /** The app link's action: its host, or the path when it has none (whatsapp:send?...). */
    private static String method(Url url) {
        String m = url.hostname();
        if (m.isEmpty()) {
            m = url.pathname();
            while (m.startsWith("/")) {
                m = m.substring(1);
            }
        }
        if (m.endsWith("/")) {
            m = m.substring(0, m.length() - 1);
        }
        return m.toLowerCase(Locale.ROOT);
    }

    private static ParsedItem waMe(Url url) {
        List<String> s = url.segments();
        if (s.isEmpty()) {
            ParsedItem phone = phoneParameter(url);
            return phone != null ? phone : ParsedItem.of(WA, Kinds.WEB_PAGE, Map.of(), WA_ME);
        }
        String first = s.get(0);
        String digits = phoneDigits(first);
        if (digits != null) {
            return phone(digits);
        }
        ParsedItem item = null;
        switch (first.toLowerCase(Locale.ROOT)) {
            case "c":
                item = catalog(at(s, 1));
                break;
            case "p":
                item = product(at(s, 1), at(s, 2));
                break;
            case "message":
            case "qr":
                item = businessShortLink(first.toLowerCase(Locale.ROOT), at(s, 1));
                break;
            case "channel":
                item = channel(s);
                break;
            default:
                break;
        }
        return item != null ? item : webPage("https://wa.me", url);
    }

    private static ParsedItem chat(Url url) {
        List<String> s = url.segments();
        String code = at(s, 0);
        if (code != null && code.equalsIgnoreCase("invite")) {
            code = at(s, 1);
        }
        return inviteCode(code) ? invite(code) : webPage("https://chat.whatsapp.com", url);
    }

    /** whatsapp.com and its aliases, api.whatsapp.com, web.whatsapp.com. */
    private static ParsedItem mainSite(Url url, String host) {
        List<String> s = url.segments();
        String first = s.isEmpty() ? "" : s.get(0).toLowerCase(Locale.ROOT);
        ParsedItem item = null;
        switch (first) {
            case "":
            case "send":
                item = phoneParameter(url);
                break;
            case "channel":
                item = channel(s);
                break;
            case "catalog":
                item = catalog(at(s, 1));
                break;
            case "message":
            case "qr":
                item = businessShortLink(first, at(s, 1));
                break;
            default:
                break;
        }
        if (item != null) {
            return item;
        }
        String origin = host.equals("api.whatsapp.com") || host.equals("web.whatsapp.com") ? "https://" + host : WWW;
        return webPage(origin, url);
    }

    // ---- items

    /** ?phone=: a phone item, a web page for a number that cannot be E.164, or null without a number. */
    private static ParsedItem phoneParameter(Url url) {
        String raw = url.queryParameter("phone");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String digits = phoneDigits(raw);
        return digits != null ? phone(digits) : null;
    }

    /** A phone item for valid E.164 digits, else the WhatsApp page of those digits. */
    private static ParsedItem phone(String digits) {
        if (!e164(digits)) {
            return ParsedItem.of(WA, Kinds.WEB_PAGE, Map.of(), WA_ME + digits);
        }
        return ParsedItem.of(WA, Kinds.PHONE_NUMBER, Map.of("phone", "+" + digits), WA_ME + digits);
    }

    private static ParsedItem invite(String code) {
        return ParsedItem.of(WA, Kinds.INVITE_LINK, Map.of("inviteCode", code), "https://chat.whatsapp.com/" + code);
    }

    /** channel/<id>[/<message>] from a split path whose first segment is "channel". */
    private static ParsedItem channel(List<String> s) {
        String id = at(s, 1);
        if (!base62(id, 10, 40)) {
            return null;
        }
        String base = "https://whatsapp.com/channel/" + id;
        String message = number(at(s, 2));
        if (message != null) {
            return ParsedItem.of(WA, Kinds.MESSAGE, Map.of("channelId", id, "messageId", message), base + "/" + message);
        }
        return ParsedItem.of(WA, Kinds.CHANNEL, Map.of("channelId", id), base);
    }

    /** c/<digits>: a business catalog. */
    private static ParsedItem catalog(String raw) {
        String digits = raw == null ? null : phoneDigits(raw);
        if (digits == null || !e164(digits)) {
            return null;
        }
        return ParsedItem.of(WA, Kinds.PROFILE, Map.of("phone", "+" + digits), WA_ME + "c/" + digits);
    }

    /** p/<product id>/<digits>: one product of a business catalog. */
    private static ParsedItem product(String productId, String raw) {
        String id = number(productId);
        String digits = raw == null ? null : phoneDigits(raw);
        if (id == null || digits == null || !e164(digits)) {
            return null;
        }
        return ParsedItem.of(WA, Kinds.POST, Map.of("productId", id, "phone", "+" + digits),
                WA_ME + "p/" + id + "/" + digits);
    }

    /** message/<code> and qr/<code>: business and contact short links. */
    private static ParsedItem businessShortLink(String type, String code) {
        return code(code) ? shortLink(WA_ME + type + "/", code) : null;
    }

    private static ParsedItem shortLink(String base, String code) {
        return ParsedItem.of(WA, Kinds.SHORT_LINK, Map.of("code", code, "unresolved", "true"), base + code);
    }

    /** Any other page: the path as it is, without tracking parameters and text. */
    private static ParsedItem webPage(String origin, Url url) {
        String query = cleanQuery(url.query());
        return ParsedItem.of(WA, Kinds.WEB_PAGE, Map.of(), origin + url.pathname() + (query.isEmpty() ? "" : "?" + query));
    }

    private static String cleanQuery(String query) {
        return Tracking.clean(query, NOISE::contains);
    }

    // ---- phone numbers

    /**
     * The digits of a phone number as written (a leading '+', spaces, dashes, dots, parentheses and a
     * leading 00 removed), or null when it holds anything else or no digit.
     */
    static String phoneDigits(String raw) {
        if (raw.length() > 64) {
            return null;
        }
        String s = raw;
        if (s.indexOf('%') >= 0) {
            s = s.replace("%20", " ").replace("%2B", "+").replace("%2b", "+").replace("%2D", "-").replace("%2d", "-")
                    .replace("%28", "(").replace("%29", ")").replace("%C2%A0", " ").replace("%c2%a0", " ");
        }
        StringBuilder digits = new StringBuilder(16);
        boolean plus = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && !plus && digits.length() == 0) {
                plus = true;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '\u00a0') {
                return null;
            }
        }
        if (digits.length() == 0) {
            return null;
        }
        String d = digits.toString();
        if (!plus && d.startsWith("00") && d.length() > 2) {
            d = d.substring(2);
        }
        return d;
    }

    /** E.164: 8 to 15 digits with the country code, which never starts with 0. */
    private static boolean e164(String digits) {
        return digits.length() >= 8 && digits.length() <= 15 && digits.charAt(0) != '0';
    }

    // ---- small helpers

    private static String at(List<String> s, int i) {
        return i < s.size() ? s.get(i) : null;
    }

    /** A positive decimal number without leading zeros, or null. */
    private static String number(String s) {
        if (s == null || s.isEmpty() || s.length() > 24) {
            return null;
        }
        int start = 0;
        while (start < s.length() - 1 && s.charAt(start) == '0') {
            start++;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        String n = s.substring(start);
        return n.equals("0") ? null : n;
    }

    private static boolean inviteCode(String s) {
        return base62(s, 10, 40);
    }

    /** Letters and digits only, length in [min, max]. */
    private static boolean base62(String s, int min, int max) {
        if (s == null || s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** A short link's case-sensitive code: letters, digits, '_' and '-'. */
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
