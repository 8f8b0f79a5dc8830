package org.laporpredator.parser.telegram.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import org.junit.Assume;
import org.junit.Test;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.testing.ShapeTable;

public class TelegramParserTest {

    private final TelegramParser parser = new TelegramParser();
    private final ShapeTable table = new ShapeTable(parser);

    /** input, platform, kind, identifiers ("k=v;k=v", every one must match), canonical URL. */
    private static final String[][] SHAPES = {
        // public usernames
        {"https://t.me/somechannel", "TELEGRAM", "CHANNEL", "channel=somechannel", "https://t.me/somechannel"},
        {"t.me/SomeChannel/", "TELEGRAM", "CHANNEL", "channel=somechannel", "https://t.me/somechannel"},
        {"https://t.me/s/SomeChannel?before=120", "TELEGRAM", "CHANNEL", "channel=somechannel", "https://t.me/somechannel"},
        {"http://telegram.me/some_channel", "TELEGRAM", "CHANNEL", "channel=some_channel", "https://t.me/some_channel"},
        {"https://www.telegram.dog/somechannel#top", "TELEGRAM", "CHANNEL", "channel=somechannel", "https://t.me/somechannel"},
        {"https://WWW.T.ME/SOMECHANNEL", "TELEGRAM", "CHANNEL", "channel=somechannel", "https://t.me/somechannel"},
        {"https://somechannel.t.me/", "TELEGRAM", "CHANNEL", "channel=somechannel", "https://t.me/somechannel"},
        {"https://t.me/Jual_Murah_Bot?start=ref_123&utm_source=x", "TELEGRAM", "CHANNEL", "channel=jual_murah_bot",
            "https://t.me/jual_murah_bot"},
        {"https://t.me/jackbot/myapp?startapp=x", "TELEGRAM", "CHANNEL", "channel=jackbot", "https://t.me/jackbot"},
        {"https://t.me/abcd", "TELEGRAM", "CHANNEL", "channel=abcd", "https://t.me/abcd"},
        {"tg://resolve?domain=SomeChannel", "TELEGRAM", "CHANNEL", "channel=somechannel", "https://t.me/somechannel"},
        {"hxxps://t[.]me/somechannel", "TELEGRAM", "CHANNEL", "channel=somechannel", "https://t.me/somechannel"},
        {"https://t.me/boost/somechannel", "TELEGRAM", "CHANNEL", "channel=somechannel", "https://t.me/somechannel"},
        {"https://web.telegram.org/k/#@SomeChannel", "TELEGRAM", "CHANNEL", "channel=somechannel", "https://t.me/somechannel"},
        // messages
        {"https://t.me/somechannel/1234", "TELEGRAM", "MESSAGE", "channel=somechannel;messageId=1234",
            "https://t.me/somechannel/1234"},
        {"https://t.me/s/SomeChannel/1234", "TELEGRAM", "MESSAGE", "channel=somechannel;messageId=1234",
            "https://t.me/somechannel/1234"},
        {"https://t.me/somechannel/1234?single&utm_medium=share", "TELEGRAM", "MESSAGE", "channel=somechannel;messageId=1234",
            "https://t.me/somechannel/1234"},
        {"https://t.me/somechannel/1234?comment=56", "TELEGRAM", "MESSAGE",
            "channel=somechannel;messageId=1234;commentId=56", "https://t.me/somechannel/1234?comment=56"},
        {"https://t.me/somegroup/77/1234", "TELEGRAM", "MESSAGE", "channel=somegroup;threadId=77;messageId=1234",
            "https://t.me/somegroup/1234"},
        {"https://t.me/somegroup/1234?thread=77", "TELEGRAM", "MESSAGE", "channel=somegroup;threadId=77;messageId=1234",
            "https://t.me/somegroup/1234"},
        {"https://somechannel.t.me/1234", "TELEGRAM", "MESSAGE", "channel=somechannel;messageId=1234",
            "https://t.me/somechannel/1234"},
        {"tg://resolve?domain=somechannel&post=1234", "TELEGRAM", "MESSAGE", "channel=somechannel;messageId=1234",
            "https://t.me/somechannel/1234"},
        {"tg://resolve?domain=somechannel&post=1234&comment=56", "TELEGRAM", "MESSAGE", "commentId=56",
            "https://t.me/somechannel/1234?comment=56"},
        // private chats
        {"https://t.me/c/1234567890/55", "TELEGRAM", "MESSAGE", "chatId=1234567890;messageId=55", "https://t.me/c/1234567890/55"},
        {"https://t.me/c/1234567890/7/55", "TELEGRAM", "MESSAGE", "chatId=1234567890;threadId=7;messageId=55",
            "https://t.me/c/1234567890/55"},
        {"tg://privatepost?channel=1234567890&post=55", "TELEGRAM", "MESSAGE", "chatId=1234567890;messageId=55",
            "https://t.me/c/1234567890/55"},
        {"https://t.me/c/1234567890", "TELEGRAM", "CHANNEL", "chatId=1234567890", "https://t.me/c/1234567890"},
        // stories
        {"https://t.me/somechannel/s/12", "TELEGRAM", "STORY", "channel=somechannel;storyId=12", "https://t.me/somechannel/s/12"},
        {"tg://resolve?domain=SomeChannel&story=12", "TELEGRAM", "STORY", "channel=somechannel;storyId=12",
            "https://t.me/somechannel/s/12"},
        // invites and phone numbers
        {"https://t.me/+AbCdEfGhIjK1LmNo", "TELEGRAM", "INVITE_LINK", "inviteHash=AbCdEfGhIjK1LmNo", "https://t.me/+AbCdEfGhIjK1LmNo"},
        {"https://t.me/joinchat/AbCdEfGhIjK1LmNo", "TELEGRAM", "INVITE_LINK", "inviteHash=AbCdEfGhIjK1LmNo",
            "https://t.me/+AbCdEfGhIjK1LmNo"},
        {"https://telegram.me/joinchat/AAAAAEHbEkejzxUjAUCzYg", "TELEGRAM", "INVITE_LINK", "inviteHash=AAAAAEHbEkejzxUjAUCzYg",
            "https://t.me/+AAAAAEHbEkejzxUjAUCzYg"},
        {"tg://join?invite=AbCdEfGhIjK1LmNo", "TELEGRAM", "INVITE_LINK", "inviteHash=AbCdEfGhIjK1LmNo",
            "https://t.me/+AbCdEfGhIjK1LmNo"},
        {"https://t.me/addlist/AbCdEf12_-", "TELEGRAM", "INVITE_LINK", "folderSlug=AbCdEf12_-", "https://t.me/addlist/AbCdEf12_-"},
        {"https://t.me/+60123456789", "TELEGRAM", "PHONE_NUMBER", "phone=+60123456789", "https://t.me/+60123456789"},
        {"tg://resolve?phone=60123456789", "TELEGRAM", "PHONE_NUMBER", "phone=+60123456789", "https://t.me/+60123456789"},
        {"https://t.me/+0123456789", "TELEGRAM", "WEB_PAGE", "", "https://t.me/+0123456789"},
        {"https://t.me/contact/AbC123xYz", "TELEGRAM", "SHORT_LINK", "code=AbC123xYz;unresolved=true",
            "https://t.me/contact/AbC123xYz"},
        // sets, wrappers and web pages
        {"https://t.me/addstickers/SomeSet_by_somebot", "TELEGRAM", "WEB_PAGE", "stickerSet=SomeSet_by_somebot",
            "https://t.me/addstickers/SomeSet_by_somebot"},
        {"https://t.me/addemoji/SomeEmoji", "TELEGRAM", "WEB_PAGE", "emojiSet=SomeEmoji", "https://t.me/addemoji/SomeEmoji"},
        {"tg://addstickers?set=SomeSet_by_somebot", "TELEGRAM", "WEB_PAGE", "stickerSet=SomeSet_by_somebot",
            "https://t.me/addstickers/SomeSet_by_somebot"},
        {"https://t.me/share/url?url=not%20a%20link&text=Siti", "TELEGRAM", "WEB_PAGE", "",
            "https://t.me/share/url?url=not%20a%20link"},
        {"https://t.me/proxy?server=1.2.3.4&port=443&secret=ee00&utm_source=x", "TELEGRAM", "WEB_PAGE", "",
            "https://t.me/proxy?server=1.2.3.4&port=443&secret=ee00"},
        {"https://t.me/login/12345", "TELEGRAM", "WEB_PAGE", "", "https://t.me/login"},
        {"https://t.me/setlanguage/ms", "TELEGRAM", "WEB_PAGE", "", "https://t.me/setlanguage/ms"},
        {"https://t.me/abc", "TELEGRAM", "WEB_PAGE", "", "https://t.me/abc"},
        {"https://t.me/", "TELEGRAM", "WEB_PAGE", "", "https://t.me/"},
        {"https://telegram.org/faq?utm_source=x#username", "TELEGRAM", "WEB_PAGE", "", "https://telegram.org/faq"},
        {"https://www.telegram.org/privacy", "TELEGRAM", "WEB_PAGE", "", "https://telegram.org/privacy"},
        {"https://core.telegram.org/api/links", "TELEGRAM", "WEB_PAGE", "", "https://core.telegram.org/api/links"},
    };

    /** Every row of a group is the same item. */
    private static final String[][] SAME = {
        {"https://t.me/somechannel", "t.me/SomeChannel/", "https://t.me/s/somechannel", "http://telegram.me/SOMECHANNEL",
            "https://www.telegram.dog/somechannel", "https://www.t.me/somechannel?utm_source=x&fbclid=y",
            "https://somechannel.t.me", "https://SomeChannel.t.me/", "tg://resolve?domain=somechannel",
            "hxxps://t[.]me/somechannel#x", "https://t.me/somechannel?start=abc", "https://t.me/boost/somechannel",
            "https://web.telegram.org/a/#@somechannel", "https://t.me/somechannel/myapp"},
        {"https://t.me/somechannel/1234", "https://t.me/s/somechannel/1234", "https://t.me/SomeChannel/1234?single",
            "https://t.me/somechannel/1234/", "https://t.me/somechannel/01234", "https://telegram.me/somechannel/1234?t=30",
            "https://t.me/somechannel/77/1234", "https://t.me/somechannel/1234?thread=77", "https://somechannel.t.me/1234",
            "tg://resolve?domain=somechannel&post=1234", "tg://resolve?domain=SomeChannel&post=1234&single"},
        {"https://t.me/somechannel/1234?comment=56", "tg://resolve?domain=somechannel&post=1234&comment=56",
            "https://t.me/s/somechannel/1234?comment=56&utm_source=x"},
        {"https://t.me/c/1234567890/55", "https://t.me/c/1234567890/7/55", "https://t.me/c/1234567890/55?single",
            "tg://privatepost?channel=1234567890&post=55", "tg://privatepost?channel=1234567890&post=55&thread=7"},
        {"https://t.me/+AbCdEfGhIjK1LmNo", "https://t.me/joinchat/AbCdEfGhIjK1LmNo", "https://telegram.me/joinchat/AbCdEfGhIjK1LmNo/",
            "tg://join?invite=AbCdEfGhIjK1LmNo", "https://t.me/%2BAbCdEfGhIjK1LmNo", "hxxps://t[.]me/+AbCdEfGhIjK1LmNo"},
        {"https://t.me/+60123456789", "tg://resolve?phone=60123456789", "tg://resolve?phone=%2B60123456789",
            "https://telegram.me/+60123456789"},
        {"https://t.me/somechannel/s/12", "tg://resolve?domain=somechannel&story=12", "https://somechannel.t.me/s/12"},
        {"https://t.me/addstickers/SomeSet", "tg://addstickers?set=SomeSet", "https://t.me/addstickers/SomeSet/"},
    };

    /** Each pair is two different items. */
    private static final String[][] DIFFERENT = {
        {"https://t.me/+AbCdEfGhIjK1LmNo", "https://t.me/+60123456789"},
        {"https://t.me/+AbCdEfGhIjK1LmNo", "https://t.me/+abcdefghijk1lmno"},
        {"https://t.me/somechannel", "https://t.me/somechannel/1234"},
        {"https://t.me/somechannel/1234", "https://t.me/somechannel/1235"},
        {"https://t.me/somechannel/1234", "https://t.me/otherchannel/1234"},
        {"https://t.me/c/1234567890/55", "https://t.me/abcd1234567890/55"},
        {"https://t.me/c/1234567890/55", "https://t.me/c/1234567891/55"},
        {"https://t.me/c/1234567890", "https://t.me/c/1234567890/55"},
        {"https://t.me/somechannel/1234", "https://t.me/somechannel/1234?comment=56"},
        {"https://t.me/somechannel/1234?comment=56", "https://t.me/somechannel/1234?comment=57"},
        {"https://t.me/somechannel/s/12", "https://t.me/somechannel/12"},
        {"https://t.me/some_channel", "https://t.me/somechannel"},
        {"https://t.me/addstickers/SomeSet", "https://t.me/addemoji/SomeSet"},
        {"https://t.me/addstickers/SomeSet", "https://t.me/addstickers/someset"},
        {"https://t.me/addlist/AbCdEfGhIjK1LmNo", "https://t.me/+AbCdEfGhIjK1LmNo"},
        {"https://t.me/+60123456789", "https://t.me/+60123456780"},
    };

    /** Not Telegram at all. */
    private static final String[] NOT_TELEGRAM = {
        "https://t.me.evil.example/somechannel", "https://evilt.me/somechannel", "https://telegram.me@evil.example/somechannel",
        "https://t.me@evil.example/somechannel", "https://nott.me/somechannel", "https://telegram.me.evil.example/x",
        "https://telegram.org.evil.example/x", "https://t.mee/somechannel", "https://faketelegram.org/x", "ftp://t.me/somechannel",
        "https://example.com/t.me/somechannel", "https://wa.me/60123456789", "whatsapp://send?phone=60123456789",
        "tg://settings", "tg://user?id=12345", "tg://resolve?domain=ab", "tg://join", "tg://privatepost?channel=1",
    };

    /** Wrapper -> target. */
    private static final String[][] WRAPPED = {
        {"https://t.me/share/url?url=https%3A%2F%2Fbad.example%2Fx%3Fa%3D1&text=Siti", "https://bad.example/x?a=1"},
        {"https://t.me/share?url=bad.example%2Fy", "https://bad.example/y"},
        {"https://telegram.me/msg?url=http%3A%2F%2Fbad.example%2F", "http://bad.example/"},
        {"https://t.me/iv?url=https%3A%2F%2Fbad.example%2Farticle&rhash=abc123", "https://bad.example/article"},
        {"tg://msg_url?url=https%3A%2F%2Fbad.example%2Fz&text=hi", "https://bad.example/z"},
        {"https://t.me/share/url?url=https%3A%2F%2Ft.me%2Fsomechannel%2F5", "https://t.me/somechannel/5"},
    };

    /** Names Telegram would not accept: a Telegram page, not a username. */
    private static final String[] NOT_USERNAMES = {
        "abc", "1channel", "_channel", "channel_", "some__channel", "a23456789012345678901234567890123", "some-channel",
        "some.channel", "s", "c", "joinchat", "addstickers", "share", "proxy", "socks", "iv", "login", "setlanguage",
        "addtheme", "bg", "invoice", "boost", "giftcode", "confirmphone", "contact", "addlist", "addemoji",
    };

    private Url url(String text) {
        return table.url(text);
    }

    private ParsedItem parse(String text) {
        return table.parse(text);
    }

    @Test
    public void shapes() {
        assertTrue(SHAPES.length >= 40);
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
    public void reservedWordsAndInvalidNamesAreNotUsernames() {
        for (String name : NOT_USERNAMES) {
            ParsedItem item = parse("https://t.me/" + name);
            assertEquals(name, "WEB_PAGE", item.kind());
            assertFalse(name, item.identifiers().containsKey("channel"));
        }
        // reserved subdomains and invalid names are pages of their own host, not usernames
        for (String host : new String[] {"www.t.me", "addstickers.t.me", "proxy.t.me", "a.t.me", "some__name.t.me"}) {
            assertFalse(host, parse("https://" + host + "/").identifiers().containsKey("channel"));
        }
        assertTrue(TelegramParser.username("Ab_c1"));
        assertTrue(TelegramParser.username("a2345678901234567890123456789012"));
    }

    @Test
    public void lookalikesAreNotTelegram() {
        for (String text : NOT_TELEGRAM) {
            assertFalse(text, parser.parse(url(text)).isPresent());
            assertFalse(text, parser.unwrap(url(text)).isPresent());
        }
    }

    @Test
    public void wrappersUnwrap() {
        for (String[] row : WRAPPED) {
            assertEquals(row[0], Optional.of(row[1]), parser.unwrap(url(row[0])));
        }
        assertFalse(parser.unwrap(url("https://t.me/somechannel?url=https%3A%2F%2Fbad.example%2F")).isPresent());
        assertFalse(parser.unwrap(url("https://t.me/share/url?url=tg%3A%2F%2Fsettings")).isPresent());
        assertFalse(parser.unwrap(url("https://t.me/share/url?text=hello")).isPresent());
        assertFalse(parser.unwrap(url("https://t.me/share/url?url=see%20https%3A%2F%2Fbad.example")).isPresent());
        // a wrapper that cannot be unwrapped is a Telegram page that never keeps the shared text
        ParsedItem share = parse("https://t.me/share/url?text=Nama%20saya%20Siti");
        assertEquals("https://t.me/share/url", share.canonicalUrl());
    }

    /** tg:resolve?... without "//" has no host; it reads the same once the links library accepts it. */
    @Test
    public void linksWithoutSlashesAfterTg() {
        Url opaque;
        try {
            opaque = url("tg:resolve?domain=SomeChannel&post=1234");
        } catch (RuntimeException e) {
            Assume.assumeNoException(e);
            return;
        }
        assertEquals(parse("https://t.me/somechannel/1234").dedupKey(), parser.parse(opaque).get().dedupKey());
        assertEquals(parse("https://t.me/+AbCdEfGhIjK1LmNo").dedupKey(), parse("tg:join?invite=AbCdEfGhIjK1LmNo").dedupKey());
    }

    @Test
    public void claimsOnlyItsScheme() {
        assertTrue(parser.claimsScheme("tg"));
        assertTrue(parser.claimsScheme("TG"));
        assertFalse(parser.claimsScheme("whatsapp"));
        assertFalse(parser.claimsScheme("https"));
        assertFalse(parser.claimsScheme(""));
        assertFalse(parser.claimsScheme(null));
    }

    @Test
    public void neverThrows() {
        table.neverThrows(SHAPES, 20240611L);
    }
}
