package org.laporpredator.parser.discord.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
 * Discord links. Nothing is ever fetched: not invites, not attachments.
 *
 * <p>Hosts: {@code discord.gg} (invites), {@code discord.com} and {@code discordapp.com} with {@code www},
 * {@code ptb} and {@code canary}, {@code discord.new} (server templates), {@code dis.gd} (Discord's own short
 * links), and the attachment hosts {@code cdn.discordapp.com} and {@code media.discordapp.net}. Other
 * subdomains ({@code support.discord.com}) are Discord web pages on their own host. Lookalikes
 * ({@code discord.gg.evil.example}, {@code discord-gift.example}, {@code discordapp.co}) are not Discord.
 *
 * <p>Rules worth knowing:
 * <ul>
 * <li>Invites: {@code discord.gg/<code>}, {@code discord.gg/invite/<code>}, {@code discord.com/invite/<code>}
 * and {@code discordapp.com/invite/<code>} are one INVITE_LINK (inviteCode, case-sensitive), canonical
 * {@code https://discord.gg/<code>}.</li>
 * <li>{@code channels/<guild>/<channel>} is a CHANNEL (guildId, channelId) keyed by the channel id
 * (ids are global), {@code channels/<guild>/<channel>/<message>} a MESSAGE keyed by channel and message,
 * {@code channels/<guild>} the server: a GROUP (guildId), the same item as the server discovery page
 * {@code servers/<name>-<id>}. A direct-message channel {@code channels/@me/<channel>} is a conversation:
 * a MESSAGE (channelId), as Messenger and Instagram conversations are; a message in it is a MESSAGE with
 * its messageId too.</li>
 * <li>{@code users/<id>} is a PROFILE (userId); {@code events/<guild>/<event>} a PAGE keyed by the
 * eventId.</li>
 * <li>Attachments ({@code cdn.discordapp.com/attachments/<channel>/<attachment>/<file>},
 * {@code ephemeral-attachments/...}, the same paths on {@code media.discordapp.net}) are the media file
 * itself, so they are never fetched. They are keyed by the attachment id (both hosts give one item); the
 * kind follows the file name: PHOTO for images, VIDEO for videos, else WEB_PAGE; identifiers channelId,
 * attachmentId, fileName. The canonical URL drops the signed {@code ex}, {@code is}, {@code hm} and
 * resizing parameters: it names the file but no longer opens it, which is what we want.</li>
 * <li>{@code discord.new/<code>} and {@code template/<code>} are a server template: a WEB_PAGE with the
 * templateCode (case-sensitive). {@code dis.gd/<code>} is an unresolved SHORT_LINK.</li>
 * <li>Everything else on a Discord host is a Discord WEB_PAGE whose canonical URL is the path without
 * tracking parameters. Fragments are ignored. The {@code discord://} app scheme is not claimed.</li>
 * </ul>
 */
@Component(service = PlatformParser.class, property = {
    Modules.PLATFORM + "=" + Platforms.DISCORD,
    Modules.ID + "=" + DiscordParser.MODULE_ID,
    Modules.KIND + "=" + Modules.PARSER,
    Modules.NAME + "=Discord parser"
})
public class DiscordParser implements PlatformParser {

    public static final String MODULE_ID = "parser-discord";

    private static final String DC = Platforms.DISCORD;
    private static final String WWW = "https://discord.com";
    private static final String GG = "https://discord.gg/";
    private static final String CDN = "https://cdn.discordapp.com";

    /** Subdomains that show the main site. */
    private static final Set<String> ALIASES = Set.of("www", "ptb", "canary");

    private static final Set<String> IMAGES = Set.of("jpg", "jpeg", "png", "gif", "webp", "bmp", "heic", "heif", "avif",
            "tif", "tiff", "jfif");
    private static final Set<String> VIDEOS = Set.of("mp4", "mov", "webm", "mkv", "avi", "m4v", "3gp", "wmv", "flv",
            "mpg", "mpeg");

    /** Query parameters that never identify anything on Discord (besides {@link Tracking}'s). */
    private static final Set<String> NOISE = Set.of("ex", "is", "hm", "width", "height", "format", "quality", "size",
            "animated", "ref", "source");

    @Override
    public Optional<ParsedItem> parse(Url url) {
        return Optional.ofNullable(item(url));
    }

    private static ParsedItem item(Url url) {
        if (!url.web()) {
            return null;
        }
        String host = url.hostname();
        if (url.hostIs("discord.gg")) {
            List<String> s = url.segments();
            ParsedItem invite = "invite".equalsIgnoreCase(at(s, 0)) ? invite(at(s, 1), s.size() == 2)
                    : invite(at(s, 0), s.size() == 1);
            return invite != null ? invite : webPage("https://discord.gg", url);
        }
        if (host.equals("cdn.discordapp.com") || host.equals("media.discordapp.net")) {
            ParsedItem file = attachment(url.segments());
            return file != null ? file : webPage("https://" + host, url);
        }
        if (url.hostIs("discord.new")) {
            List<String> s = url.segments();
            ParsedItem template = s.size() == 1 ? template(s.get(0)) : null;
            return template != null ? template : webPage("https://discord.new", url);
        }
        if (url.hostIs("dis.gd")) {
            List<String> s = url.segments();
            if (s.size() == 1 && token(s.get(0), 64)) {
                return ParsedItem.of(DC, Kinds.SHORT_LINK, Map.of("code", s.get(0), "unresolved", "true"),
                        "https://dis.gd/" + s.get(0));
            }
            return webPage("https://dis.gd", url);
        }
        String domain = url.hostIs("discord.com") ? "discord.com" : url.hostIs("discordapp.com") ? "discordapp.com"
                : url.hostIs("discordapp.net") ? "discordapp.net" : null;
        if (domain == null) {
            return null;
        }
        if (domain.equals("discordapp.net")
                || !host.equals(domain) && !ALIASES.contains(host.substring(0, host.length() - domain.length() - 1))) {
            return webPage("https://" + host, url);
        }
        ParsedItem item = mainPath(url.segments());
        return item != null ? item : webPage(WWW, url);
    }

    private static ParsedItem mainPath(List<String> s) {
        if (s.isEmpty()) {
            return null;
        }
        switch (s.get(0).toLowerCase(Locale.ROOT)) {
            case "invite":
                return invite(at(s, 1), s.size() == 2);
            case "channels":
                return channels(s);
            case "users":
                String user = at(s, 1);
                return snowflake(user) ? ParsedItem.of(DC, Kinds.PROFILE, Map.of("userId", user), WWW + "/users/" + user)
                        : null;
            case "servers":
                return guild(trailingId(at(s, 1)));
            case "events":
                return event(at(s, 1), at(s, 2));
            case "template":
                return template(at(s, 1));
            default:
                return null;
        }
    }

    private static ParsedItem invite(String code, boolean alone) {
        if (!alone || !token(code, 64)) {
            return null;
        }
        return ParsedItem.of(DC, Kinds.INVITE_LINK, Map.of("inviteCode", code), GG + code);
    }

    /** channels/<guild or @me>[/<channel>[/<message>]]. */
    private static ParsedItem channels(List<String> s) {
        String guild = at(s, 1);
        String channel = at(s, 2);
        String message = at(s, 3);
        boolean direct = "@me".equalsIgnoreCase(guild);
        if (channel == null) {
            return direct ? null : guild(guild);
        }
        if (!(direct || snowflake(guild)) || !snowflake(channel)) {
            return null;
        }
        String base = WWW + "/channels/" + (direct ? "@me" : guild) + "/" + channel;
        if (snowflake(message)) {
            Map<String, String> ids = direct ? Map.of("channelId", channel, "messageId", message)
                    : Map.of("guildId", guild, "channelId", channel, "messageId", message);
            return new ParsedItem(DC, Kinds.MESSAGE, ids, base + "/" + message,
                    DC + "|MESSAGE|" + channel + "/" + message);
        }
        if (direct) {
            return new ParsedItem(DC, Kinds.MESSAGE, Map.of("channelId", channel), base, DC + "|MESSAGE|" + channel);
        }
        return new ParsedItem(DC, Kinds.CHANNEL, Map.of("guildId", guild, "channelId", channel), base,
                DC + "|CHANNEL|" + channel);
    }

    private static ParsedItem guild(String id) {
        if (!snowflake(id)) {
            return null;
        }
        return ParsedItem.of(DC, Kinds.GROUP, Map.of("guildId", id), WWW + "/channels/" + id);
    }

    private static ParsedItem event(String guild, String event) {
        if (!snowflake(guild) || !snowflake(event)) {
            return null;
        }
        return new ParsedItem(DC, Kinds.PAGE, Map.of("guildId", guild, "eventId", event),
                WWW + "/events/" + guild + "/" + event, DC + "|EVENT|" + event);
    }

    private static ParsedItem template(String code) {
        if (!token(code, 64)) {
            return null;
        }
        return ParsedItem.of(DC, Kinds.WEB_PAGE, Map.of("templateCode", code), "https://discord.new/" + code);
    }

    /** [ephemeral-]attachments/<channel>/<attachment>/<file>: a media file, keyed by the attachment id. */
    private static ParsedItem attachment(List<String> s) {
        String root = s.isEmpty() ? "" : s.get(0).toLowerCase(Locale.ROOT);
        if (s.size() != 4 || !(root.equals("attachments") || root.equals("ephemeral-attachments"))) {
            return null;
        }
        String channel = s.get(1);
        String id = s.get(2);
        String file = s.get(3);
        if (!snowflake(channel) || !snowflake(id) || file.length() > 300) {
            return null;
        }
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
        String kind = IMAGES.contains(ext) ? Kinds.PHOTO : VIDEOS.contains(ext) ? Kinds.VIDEO : Kinds.WEB_PAGE;
        return new ParsedItem(DC, kind, Map.of("channelId", channel, "attachmentId", id, "fileName", decode(file)),
                CDN + "/" + root + "/" + channel + "/" + id + "/" + file, DC + "|ATTACHMENT|" + id);
    }

    /** The digits after the last '-' of a slug such as some-server-123456789012345678, or null. */
    private static String trailingId(String slug) {
        if (slug == null || slug.length() > 300) {
            return null;
        }
        return slug.substring(slug.lastIndexOf('-') + 1);
    }

    // ---- web pages

    /** Any other page: the path as it is, without tracking and signing parameters. */
    private static ParsedItem webPage(String origin, Url url) {
        String query = cleanQuery(url.query());
        return ParsedItem.of(DC, Kinds.WEB_PAGE, Map.of(), origin + url.pathname() + (query.isEmpty() ? "" : "?" + query));
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

    /** A Discord id: 1 to 20 digits. */
    private static boolean snowflake(String s) {
        if (s == null || s.isEmpty() || s.length() > 20) {
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

    /** A case-sensitive code: letters, digits, '_' and '-'. */
    private static boolean token(String s, int max) {
        if (s == null || s.isEmpty() || s.length() > max) {
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
