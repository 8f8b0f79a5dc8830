package org.laporpredator.parser.telegram.internal;

import java.util.HashMap;
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
 * Telegram links. Nothing is ever fetched.
 *
 * <p>Hosts: {@code t.me}, {@code telegram.me}, {@code telegram.dog} and their {@code www.},
 * {@code <username>.t.me}, {@code telegram.org} and its subdomains (web pages), and the app scheme
 * {@code tg:} ({@link #claimsScheme(String)}), as Telegram's deep link documentation
 * (core.telegram.org/api/links) describes them.
 *
 * <p>Rules worth knowing:
 * <ul>
 * <li>A public username ({@code t.me/<name>}, {@code t.me/s/<name>}, {@code <name>.t.me},
 * {@code tg://resolve?domain=}) may be a channel, a group, a person or a bot; they cannot be told
 * apart without fetching, so all are one CHANNEL item ({@code channel=<name>}), bots included (a name
 * ending in "bot" is no proof). Usernames ignore case (canonical lower case) and are valid when
 * Telegram would accept them: a letter first, then letters, digits and single underscores, not
 * ending with '_', 4 to 32 characters (5 for ordinary names, 4 for collectible ones bought on
 * Fragment). {@code start}, {@code startgroup} and other bot parameters are not identity; neither
 * is a Mini App name ({@code t.me/<bot>/<app>}).</li>
 * <li>Messages: {@code t.me/[s/]<name>/<id>}, {@code t.me/<name>/<thread>/<id>} (forum topics) and
 * {@code tg://resolve?domain=&post=} are one MESSAGE keyed by username and message id: the id alone
 * identifies a message in its chat, so the thread ({@code threadId}) is kept as an identifier but is
 * not identity. {@code single}, {@code t} (media time) are ignored. {@code ?comment=<n>} points to a
 * comment in the channel's discussion group: a comment is its own MESSAGE item
 * ({@code commentId}).</li>
 * <li>Private chats: {@code t.me/c/<chatId>/[<thread>/]<id>} and
 * {@code tg://privatepost?channel=&post=} are one MESSAGE (chatId, messageId);
 * {@code t.me/c/<chatId>} alone is that private CHANNEL (chatId). Never the same key as a public
 * username with the same numbers.</li>
 * <li>{@code t.me/<name>/s/<id>} and {@code tg://resolve?domain=&story=} are a STORY (channel,
 * storyId).</li>
 * <li>Invites: {@code t.me/+<hash>}, {@code t.me/joinchat/<hash>} and {@code tg://join?invite=} are
 * one INVITE_LINK (inviteHash keeps its case), canonical {@code https://t.me/+<hash>}. As in
 * Telegram's own clients, {@code t.me/+<digits>} is a phone number, never an invite: a
 * PHONE_NUMBER (E.164, 8 to 15 digits, not starting with 0; otherwise a Telegram WEB_PAGE), the
 * same item as {@code tg://resolve?phone=}. {@code t.me/addlist/<slug>} (a shared chat folder) is an
 * INVITE_LINK too (folderSlug). {@code t.me/contact/<token>} leads to a person only Telegram knows:
 * a SHORT_LINK (code, unresolved=true).</li>
 * <li>{@code t.me/addstickers/<set>} and {@code t.me/addemoji/<set>} are WEB_PAGEs that name the
 * set (stickerSet, emojiSet; case kept). {@code t.me/proxy} and {@code t.me/socks} are WEB_PAGEs
 * keeping only server, port and secret. {@code t.me/boost/<name>} is that username's item.</li>
 * <li>Wrappers: {@code t.me/share/url?url=}, {@code t.me/share?url=}, {@code t.me/msg?url=},
 * {@code t.me/iv?url=} and {@code tg://msg_url?url=} are unwrapped by {@link #unwrap(Url)} when the
 * url is an http(s) link; the share text is never kept.</li>
 * <li>{@code web.telegram.org/<k|a|z>/#@<name>} (the web client) is that username's item; its other
 * pages, telegram.org and every other Telegram path (reserved words such as {@code login},
 * {@code setlanguage}, {@code invoice}) are Telegram WEB_PAGEs without tracking parameters; login
 * and confirmphone links keep no code. Fragments are ignored. {@code tg:} links Telegram cannot
 * express as an https link ({@code tg://user?id=}, {@code tg://settings}, ...) are left to the
 * registry (empty). Lookalike hosts ({@code t.me.evil.example}, {@code evilt.me}) are not
 * Telegram.</li>
 * </ul>
 */
@Component(service = PlatformParser.class, property = {
    Modules.PLATFORM + "=" + Platforms.TELEGRAM,
    Modules.ID + "=" + TelegramParser.MODULE_ID,
    Modules.KIND + "=" + Modules.PARSER,
    Modules.NAME + "=Telegram parser"
})
public class TelegramParser implements PlatformParser {

    public static final String MODULE_ID = "parser-telegram";

    private static final String TG = Platforms.TELEGRAM;
    private static final String T_ME = "https://t.me/";

    /** Hosts that serve t.me links. */
    private static final Set<String> SHORT_HOSTS = Set.of("t.me", "www.t.me", "telegram.me", "www.telegram.me",
            "telegram.dog", "www.telegram.dog");

    /** First path segments that are Telegram's own, never usernames. */
    private static final Set<String> RESERVED = Set.of("s", "c", "joinchat", "addstickers", "addemoji", "addlist",
            "share", "proxy", "socks", "iv", "login", "setlanguage", "addtheme", "addstyle", "bg", "invoice", "boost",
            "giftcode", "m", "confirmphone", "contact", "msg", "msg_url", "auth", "nft", "web", "a", "k", "z",
            "auction", "call", "www", "$");

    /** <name>.t.me subdomains that are not usernames (Telegram's deep link documentation). */
    private static final Set<String> RESERVED_SUBDOMAINS = Set.of("www", "addemoji", "addlist", "addstickers",
            "addstyle", "addtheme", "auction", "auth", "boost", "call", "confirmphone", "contact", "giftcode", "invoice",
            "joinchat", "login", "m", "nft", "proxy", "setlanguage", "share", "socks", "web", "a", "k", "z");

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
        return "tg".equalsIgnoreCase(scheme);
    }

    // ---- unwrap

    private static String target(Url url) {
        if ("tg".equals(url.scheme())) {
            String method = method(url);
            return wrapper(method) ? Url.httpLink(url.queryParameter("url")) : null;
        }
        if (!url.web() || !SHORT_HOSTS.contains(url.hostname())) {
            return null;
        }
        List<String> s = url.segments();
        return !s.isEmpty() && wrapper(s.get(0).toLowerCase(Locale.ROOT)) ? Url.httpLink(url.queryParameter("url")) : null;
    }

    private static boolean wrapper(String first) {
        return first.equals("share") || first.equals("msg") || first.equals("msg_url") || first.equals("iv");
    }

    // ---- parse

    private static ParsedItem item(Url url) {
        if ("tg".equals(url.scheme())) {
            return app(url);
        }
        if (!url.web()) {
            return null;
        }
        String host = url.hostname();
        if (!host.endsWith("t.me") && !host.endsWith("telegram.me") && !host.endsWith("telegram.dog")
                && !host.endsWith("telegram.org")) {
            return null;
        }
        if (SHORT_HOSTS.contains(host)) {
            return path(url, url.segments());
        }
        if (url.hostIs("t.me")) {
            String label = host.substring(0, host.length() - ".t.me".length());
            if (label.indexOf('.') < 0 && !RESERVED_SUBDOMAINS.contains(label) && username(label)) {
                List<String> s = url.segments();
                s.add(0, label);
                return path(url, s);
            }
            return webPage("https://" + host, url);
        }
        if (url.hostIs("telegram.me") || url.hostIs("telegram.dog")) {
            return webPage("https://" + host, url);
        }
        if (url.hostIs("telegram.org")) {
            if (host.equals("web.telegram.org")) {
                ParsedItem item = webClient(url);
                if (item != null) {
                    return item;
                }
            }
            return webPage(host.equals("www.telegram.org") ? "https://telegram.org" : "https://" + host, url);
        }
        return null;
    }

    /** A t.me path, split into non-empty segments. */
    private static ParsedItem path(Url url, List<String> s) {
        if (s.isEmpty()) {
            return ParsedItem.of(TG, Kinds.WEB_PAGE, Map.of(), T_ME);
        }
        String first = s.get(0);
        if (first.startsWith("+") || first.startsWith("%2B") || first.startsWith("%2b")) {
            ParsedItem item = plus(first.substring(first.charAt(0) == '+' ? 1 : 3));
            return item != null ? item : webPage("https://t.me", url);
        }
        String lower = first.toLowerCase(Locale.ROOT);
        ParsedItem item = null;
        switch (lower) {
            case "joinchat":
                item = invite(at(s, 1));
                break;
            case "s":
                item = username(at(s, 1)) ? account(url, s, 1) : null;
                break;
            case "c":
                item = privateChat(url, number(at(s, 1)), at(s, 2), at(s, 3));
                break;
            case "addstickers":
            case "addemoji":
                item = set(lower, at(s, 1));
                break;
            case "addlist":
                item = folder(at(s, 1));
                break;
            case "contact":
                item = contact(at(s, 1));
                break;
            case "boost":
                item = username(at(s, 1)) ? channel(s.get(1)) : null;
                break;
            case "share":
            case "msg":
            case "msg_url":
                return shareWrapper("https://t.me/share/url", url);
            case "iv":
                return shareWrapper("https://t.me/iv", url);
            case "proxy":
            case "socks":
                return proxy(lower, url);
            case "login":
            case "confirmphone":
                return ParsedItem.of(TG, Kinds.WEB_PAGE, Map.of(), T_ME + lower);
            default:
                if (!RESERVED.contains(lower) && username(first)) {
                    item = account(url, s, 0);
                }
        }
        return item != null ? item : webPage("https://t.me", url);
    }

    /** <name>[/<id>|/<thread>/<id>|/s/<story>] from index i on. */
    private static ParsedItem account(Url url, List<String> s, int i) {
        String name = s.get(i).toLowerCase(Locale.ROOT);
        String second = at(s, i + 1);
        if (second == null) {
            return channel(name);
        }
        if (second.equalsIgnoreCase("s")) {
            String story = number(at(s, i + 2));
            return story != null ? story(name, story) : channel(name);
        }
        String id = number(second);
        if (id == null) {
            return channel(name);
        }
        String thread = null;
        String next = number(at(s, i + 2));
        if (next != null) {
            thread = id;
            id = next;
        } else {
            thread = number(url.queryParameter("thread"));
        }
        return message("channel", name, T_ME + name + "/", id, thread, number(url.queryParameter("comment")));
    }

    /** c/<chatId>[/<thread>]/<id>, or the private channel itself. */
    private static ParsedItem privateChat(Url url, String chat, String a, String b) {
        if (chat == null) {
            return null;
        }
        String id = number(a);
        if (id == null) {
            return ParsedItem.of(TG, Kinds.CHANNEL, Map.of("chatId", chat), T_ME + "c/" + chat);
        }
        String thread;
        String next = number(b);
        if (next != null) {
            thread = id;
            id = next;
        } else {
            thread = number(url.queryParameter("thread"));
        }
        return message("chatId", chat, T_ME + "c/" + chat + "/", id, thread, number(url.queryParameter("comment")));
    }

    /** +<hash> or +<digits>. */
    private static ParsedItem plus(String rest) {
        if (digits(rest)) {
            return phone(rest);
        }
        return invite(rest);
    }

    /** web.telegram.org/k/#@name: the web client showing a public chat. */
    private static ParsedItem webClient(Url url) {
        String fragment = url.fragment();
        if (fragment == null || !fragment.startsWith("@")) {
            return null;
        }
        String name = fragment.substring(1);
        int end = name.indexOf('?');
        if (end >= 0) {
            name = name.substring(0, end);
        }
        return username(name) ? channel(name.toLowerCase(Locale.ROOT)) : null;
    }

    /** tg:resolve, tg:privatepost, tg:join and the other tg: links that have an https form. */
    private static ParsedItem app(Url url) {
        String method = method(url);
        switch (method) {
            case "resolve": {
                String domain = url.queryParameter("domain");
                if (username(domain)) {
                    String name = domain.toLowerCase(Locale.ROOT);
                    String post = number(url.queryParameter("post"));
                    if (post != null) {
                        return message("channel", name, T_ME + name + "/", post, number(url.queryParameter("thread")),
                                number(url.queryParameter("comment")));
                    }
                    String story = number(url.queryParameter("story"));
                    return story != null ? story(name, story) : channel(name);
                }
                String phone = url.queryParameter("phone");
                if (phone != null) {
                    phone = phone.strip();
                    if (phone.startsWith("+")) {
                        phone = phone.substring(1);
                    }
                    return digits(phone) ? phone(phone) : null;
                }
                return null;
            }
            case "privatepost":
                String chat = number(url.queryParameter("channel"));
                String post = number(url.queryParameter("post"));
                return chat != null && post != null ? privateChat(url, chat, post, null) : null;
            case "join":
                return invite(url.queryParameter("invite"));
            case "addstickers":
            case "addemoji":
                return set(method, url.queryParameter("set"));
            case "addlist":
                return folder(url.queryParameter("slug"));
            case "msg_url":
            case "share":
            case "msg":
                return shareWrapper("https://t.me/share/url", url);
            default:
                return null;
        }
    }

    /** The tg: link's action: its host, or its path when it has none (tg:resolve?...). */
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

    // ---- items

    private static ParsedItem channel(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ParsedItem.of(TG, Kinds.CHANNEL, Map.of("channel", lower), T_ME + lower);
    }

    /** A message of a chat (channel=name or chatId=id), or a comment on it. */
    private static ParsedItem message(String chatKey, String chat, String base, String id, String thread, String comment) {
        if (thread == null && comment == null) {
            return ParsedItem.of(TG, Kinds.MESSAGE, Map.of(chatKey, chat, "messageId", id), base + id);
        }
        Map<String, String> ids = new HashMap<>(4);
        ids.put(chatKey, chat);
        ids.put("messageId", id);
        if (thread != null) {
            ids.put("threadId", thread);
        }
        String canonical = base + id;
        if (comment != null) {
            ids.put("commentId", comment);
            canonical += "?comment=" + comment;
        }
        return ParsedItem.of(TG, Kinds.MESSAGE, ids, canonical);
    }

    private static ParsedItem story(String name, String id) {
        return ParsedItem.of(TG, Kinds.STORY, Map.of("channel", name, "storyId", id), T_ME + name + "/s/" + id);
    }

    private static ParsedItem invite(String hash) {
        if (!hash(hash)) {
            return null;
        }
        return ParsedItem.of(TG, Kinds.INVITE_LINK, Map.of("inviteHash", hash), T_ME + "+" + hash);
    }

    /** A phone item for valid E.164 digits, else a Telegram web page. */
    private static ParsedItem phone(String digits) {
        if (digits.length() < 8 || digits.length() > 15 || digits.charAt(0) == '0') {
            return ParsedItem.of(TG, Kinds.WEB_PAGE, Map.of(), T_ME + "+" + digits);
        }
        return ParsedItem.of(TG, Kinds.PHONE_NUMBER, Map.of("phone", "+" + digits), T_ME + "+" + digits);
    }

    /** addstickers/<set>, addemoji/<set>. */
    private static ParsedItem set(String type, String name) {
        if (!hash(name)) {
            return null;
        }
        String key = type.equals("addemoji") ? "emojiSet" : "stickerSet";
        return ParsedItem.of(TG, Kinds.WEB_PAGE, Map.of(key, name), T_ME + type + "/" + name);
    }

    /** addlist/<slug>: an invite to a shared chat folder. */
    private static ParsedItem folder(String slug) {
        if (!hash(slug)) {
            return null;
        }
        return ParsedItem.of(TG, Kinds.INVITE_LINK, Map.of("folderSlug", slug), T_ME + "addlist/" + slug);
    }

    /** contact/<token>: a person's contact link. */
    private static ParsedItem contact(String token) {
        if (!hash(token)) {
            return null;
        }
        return ParsedItem.of(TG, Kinds.SHORT_LINK, Map.of("code", token, "unresolved", "true"), T_ME + "contact/" + token);
    }

    /** A share or Instant View wrapper that was not unwrapped: the page with its url only, never the text. */
    private static ParsedItem shareWrapper(String base, Url url) {
        String raw = rawParameter(url.query(), "url");
        return ParsedItem.of(TG, Kinds.WEB_PAGE, Map.of(), raw == null || raw.isEmpty() ? base : base + "?url=" + raw);
    }

    /** proxy and socks links: the server, port and secret only. */
    private static ParsedItem proxy(String type, Url url) {
        StringBuilder b = new StringBuilder(T_ME).append(type);
        String query = url.query();
        char sep = '?';
        for (String name : new String[] {"server", "port", "secret"}) {
            String raw = rawParameter(query, name);
            if (raw != null) {
                b.append(sep).append(name).append('=').append(raw);
                sep = '&';
            }
        }
        return ParsedItem.of(TG, Kinds.WEB_PAGE, Map.of(), b.toString());
    }

    /** Any other page: the path as it is, without tracking parameters. */
    private static ParsedItem webPage(String origin, Url url) {
        String query = Tracking.clean(url.query());
        return ParsedItem.of(TG, Kinds.WEB_PAGE, Map.of(), origin + url.pathname() + (query.isEmpty() ? "" : "?" + query));
    }

    // ---- small helpers

    /** The first value of a parameter as it stands in the query (still encoded), or null. */
    private static String rawParameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name) && (pair.length() == name.length() || pair.charAt(name.length()) == '=')) {
                return pair.length() == name.length() ? "" : pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String at(List<String> s, int i) {
        return i < s.size() ? s.get(i) : null;
    }

    /**
     * A username Telegram accepts: 4 to 32 characters, a letter first, then letters, digits and
     * underscores, never two underscores in a row nor one at the end.
     */
    static boolean username(String s) {
        if (s == null || s.length() < 4 || s.length() > 32 || s.charAt(s.length() - 1) == '_') {
            return false;
        }
        char first = s.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (s.charAt(i - 1) == '_') {
                    return false;
                }
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
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
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A positive decimal number without leading zeros, or null. */
    private static String number(String s) {
        if (!digits(s) || s.length() > 20) {
            return null;
        }
        int start = 0;
        while (start < s.length() - 1 && s.charAt(start) == '0') {
            start++;
        }
        String n = s.substring(start);
        return n.equals("0") ? null : n;
    }

    /** A case-sensitive invite hash, set name or slug: letters, digits, '_' and '-'. */
    private static boolean hash(String s) {
        if (s == null || s.isEmpty() || s.length() > 128) {
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
