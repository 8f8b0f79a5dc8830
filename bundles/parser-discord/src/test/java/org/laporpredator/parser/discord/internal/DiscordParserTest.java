package org.laporpredator.parser.discord.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.testing.ShapeTable;

public class DiscordParserTest {

    private final DiscordParser parser = new DiscordParser();
    private final ShapeTable table = new ShapeTable(parser);

    private static final String G = "123456789012345678";
    private static final String C = "234567890123456789";
    private static final String M = "345678901234567890";
    private static final String A = "456789012345678901";

    /** input, platform, kind, identifiers ("k=v;k=v", every one must match), canonical URL. */
    private static final String[][] SHAPES = {
        // invites
        {"https://discord.gg/AbCdEf", "DISCORD", "INVITE_LINK", "inviteCode=AbCdEf", "https://discord.gg/AbCdEf"},
        {"discord.gg/AbCdEf/?utm_source=x", "DISCORD", "INVITE_LINK", "inviteCode=AbCdEf", "https://discord.gg/AbCdEf"},
        {"https://discord.com/invite/AbCdEf?event=" + M, "DISCORD", "INVITE_LINK", "inviteCode=AbCdEf",
            "https://discord.gg/AbCdEf"},
        {"https://discordapp.com/invite/AbCdEf", "DISCORD", "INVITE_LINK", "inviteCode=AbCdEf", "https://discord.gg/AbCdEf"},
        {"https://ptb.discord.com/invite/AbCdEf", "DISCORD", "INVITE_LINK", "inviteCode=AbCdEf", "https://discord.gg/AbCdEf"},
        {"https://discord.gg/invite/AbCdEf", "DISCORD", "INVITE_LINK", "inviteCode=AbCdEf", "https://discord.gg/AbCdEf"},
        // servers, channels and messages
        {"https://discord.com/channels/" + G + "/" + C, "DISCORD", "CHANNEL", "guildId=" + G + ";channelId=" + C,
            "https://discord.com/channels/" + G + "/" + C},
        {"https://canary.discord.com/channels/" + G + "/" + C + "/" + M, "DISCORD", "MESSAGE",
            "guildId=" + G + ";channelId=" + C + ";messageId=" + M, "https://discord.com/channels/" + G + "/" + C + "/" + M},
        {"https://discord.com/channels/@me/" + C, "DISCORD", "MESSAGE", "channelId=" + C,
            "https://discord.com/channels/@me/" + C},
        {"https://discord.com/channels/@me/" + C + "/" + M, "DISCORD", "MESSAGE", "channelId=" + C + ";messageId=" + M,
            "https://discord.com/channels/@me/" + C + "/" + M},
        {"https://discord.com/channels/" + G, "DISCORD", "GROUP", "guildId=" + G, "https://discord.com/channels/" + G},
        {"https://discord.com/servers/some-server-name-" + G, "DISCORD", "GROUP", "guildId=" + G,
            "https://discord.com/channels/" + G},
        {"https://discord.com/users/" + A, "DISCORD", "PROFILE", "userId=" + A, "https://discord.com/users/" + A},
        {"https://discord.com/events/" + G + "/" + M, "DISCORD", "PAGE", "guildId=" + G + ";eventId=" + M,
            "https://discord.com/events/" + G + "/" + M},
        // attachments
        {"https://cdn.discordapp.com/attachments/" + C + "/" + A + "/image.png?ex=65f1&is=65de&hm=abcdef&", "DISCORD",
            "PHOTO", "channelId=" + C + ";attachmentId=" + A + ";fileName=image.png",
            "https://cdn.discordapp.com/attachments/" + C + "/" + A + "/image.png"},
        {"https://media.discordapp.net/attachments/" + C + "/" + A + "/clip.MP4?width=400&height=300", "DISCORD", "VIDEO",
            "attachmentId=" + A, "https://cdn.discordapp.com/attachments/" + C + "/" + A + "/clip.MP4"},
        {"https://cdn.discordapp.com/attachments/" + C + "/" + A + "/notes.txt", "DISCORD", "WEB_PAGE",
            "attachmentId=" + A, "https://cdn.discordapp.com/attachments/" + C + "/" + A + "/notes.txt"},
        // templates, short links, web pages
        {"https://discord.new/AbCdEfGh", "DISCORD", "WEB_PAGE", "templateCode=AbCdEfGh", "https://discord.new/AbCdEfGh"},
        {"https://discord.com/template/AbCdEfGh", "DISCORD", "WEB_PAGE", "templateCode=AbCdEfGh", "https://discord.new/AbCdEfGh"},
        {"https://dis.gd/report", "DISCORD", "SHORT_LINK", "code=report;unresolved=true", "https://dis.gd/report"},
        {"https://discord.com/safety?utm_source=x", "DISCORD", "WEB_PAGE", "", "https://discord.com/safety"},
        {"https://discord.com/", "DISCORD", "WEB_PAGE", "", "https://discord.com/"},
        {"https://discord.gg/", "DISCORD", "WEB_PAGE", "", "https://discord.gg/"},
        {"https://support.discord.com/hc/en-us/articles/360000291932", "DISCORD", "WEB_PAGE", "",
            "https://support.discord.com/hc/en-us/articles/360000291932"},
        {"https://cdn.discordapp.com/avatars/" + A + "/a_abc.png?size=128", "DISCORD", "WEB_PAGE", "",
            "https://cdn.discordapp.com/avatars/" + A + "/a_abc.png"},
        {"https://discord.com/channels/" + G + "/notachannel", "DISCORD", "WEB_PAGE", "",
            "https://discord.com/channels/" + G + "/notachannel"},
    };

    /** Every row of a group is the same item. */
    private static final String[][] SAME = {
        {"https://discord.gg/AbCdEf", "https://discord.com/invite/AbCdEf", "https://discordapp.com/invite/AbCdEf/",
            "https://www.discord.com/invite/AbCdEf", "https://canary.discord.com/invite/AbCdEf", "hxxps://discord[.]gg/AbCdEf",
            "http://discord.gg/AbCdEf#x", "https://www.discord.gg/AbCdEf"},
        {"https://discord.com/channels/" + G + "/" + C, "https://discordapp.com/channels/" + G + "/" + C + "/",
            "https://ptb.discord.com/channels/" + G + "/" + C, "https://discord.com/channels/1/" + C},
        {"https://discord.com/channels/" + G, "https://discord.com/servers/name-" + G, "https://discord.com/servers/" + G},
        {"https://cdn.discordapp.com/attachments/" + C + "/" + A + "/image.png",
            "https://media.discordapp.net/attachments/" + C + "/" + A + "/image.png?ex=1&is=2&hm=3&width=100",
            "https://cdn.discordapp.com/attachments/" + C + "/" + A + "/image.png?ex=9&is=8&hm=7"},
        {"https://discord.new/AbC", "https://discord.com/template/AbC", "https://discordapp.com/template/AbC"},
    };

    /** Each pair is two different items. */
    private static final String[][] DIFFERENT = {
        {"https://discord.gg/AbCdEf", "https://discord.gg/abcdef"},
        {"https://discord.com/channels/" + G + "/" + C, "https://discord.com/channels/" + G + "/" + C + "/" + M},
        {"https://discord.com/channels/" + G + "/" + C, "https://discord.com/channels/" + G},
        {"https://discord.com/channels/" + G + "/" + C, "https://discord.com/channels/@me/" + C},
        {"https://discord.com/channels/" + G + "/" + C + "/1", "https://discord.com/channels/" + G + "/" + C + "/2"},
        {"https://discord.com/users/" + A, "https://discord.com/channels/" + A},
        {"https://cdn.discordapp.com/attachments/" + C + "/1/a.png", "https://cdn.discordapp.com/attachments/" + C + "/2/a.png"},
        {"https://discord.new/AbC", "https://discord.gg/AbC"},
    };

    /** Not Discord at all. */
    private static final String[] NOT_DISCORD = {
        "https://discord.gg.evil.example/AbCdEf", "https://discord.gg@evil.example/AbCdEf", "https://evildiscord.gg/AbCdEf",
        "https://discord-gift.example/AbCdEf", "https://discordapp.co/invite/AbCdEf", "https://discord.com.evil.example/invite/x",
        "https://discorrd.com/invite/AbCdEf", "ftp://discord.gg/AbCdEf", "https://cdn.discordapp.com.evil.example/attachments/1/2/a.png",
        "https://discord.gift.evil/AbC", "https://dlscord.gg/AbCdEf",
    };

    private Url url(String text) {
        return table.url(text);
    }

    private ParsedItem parse(String text) {
        return table.parse(text);
    }

    @Test
    public void shapes() {
        assertTrue(SHAPES.length >= 15);
        table.shapes(SHAPES);
    }

    @Test
    public void canonicalUrlParsesToTheSameItem() {
        table.canonicalUrlsParseToTheSameItem(SHAPES);
    }

    @Test
    public void shapesOfOneItemShareAKey() {
        table.sameItems(SAME);
    }

    @Test
    public void differentItemsHaveDifferentKeys() {
        table.differentItems(DIFFERENT, SAME);
    }

    @Test
    public void lookalikesAreNotDiscord() {
        for (String text : NOT_DISCORD) {
            assertFalse(text, parser.parse(url(text)).isPresent());
            assertFalse(text, parser.unwrap(url(text)).isPresent());
        }
    }

    @Test
    public void neverThrows() {
        table.neverThrows(SHAPES, 20240611L);
    }
}
