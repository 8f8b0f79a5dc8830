package org.laporpredator.parser.whatsapp.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import org.junit.Test;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.testing.ShapeTable;

public class WhatsAppParserTest {

    private final WhatsAppParser parser = new WhatsAppParser();
    private final ShapeTable table = new ShapeTable(parser);

    /** input, platform, kind, identifiers ("k=v;k=v", every one must match), canonical URL. */
    private static final String[][] SHAPES = {
        // phone numbers
        {"https://wa.me/60123456789", "WHATSAPP", "PHONE_NUMBER", "phone=+60123456789", "https://wa.me/60123456789"},
        {"wa.me/+60123456789", "WHATSAPP", "PHONE_NUMBER", "phone=+60123456789", "https://wa.me/60123456789"},
        {"http://www.wa.me/60123456789/", "WHATSAPP", "PHONE_NUMBER", "phone=+60123456789", "https://wa.me/60123456789"},
        {"https://WA.ME/0060123456789?text=Hai%20saya%20Ali", "WHATSAPP", "PHONE_NUMBER", "phone=+60123456789",
            "https://wa.me/60123456789"},
        {"https://wa.me/60%2012-345%206789", "WHATSAPP", "PHONE_NUMBER", "phone=+60123456789", "https://wa.me/60123456789"},
        {"https://api.whatsapp.com/send?phone=60123456789&text=hello", "WHATSAPP", "PHONE_NUMBER", "phone=+60123456789",
            "https://wa.me/60123456789"},
        {"https://api.whatsapp.com/send/?phone=%2B60123456789&text&type=phone_number&app_absent=0", "WHATSAPP",
            "PHONE_NUMBER", "phone=+60123456789", "https://wa.me/60123456789"},
        {"https://api.whatsapp.com/send?phone=+60 12-345 6789", "WHATSAPP", "PHONE_NUMBER", "phone=+60123456789",
            "https://wa.me/60123456789"},
        {"https://whatsapp.com/send?phone=(60)12.345.6789", "WHATSAPP", "PHONE_NUMBER", "phone=+60123456789",
            "https://wa.me/60123456789"},
        {"https://web.whatsapp.com/send?phone=60123456789&text=x&utm_source=y", "WHATSAPP", "PHONE_NUMBER",
            "phone=+60123456789", "https://wa.me/60123456789"},
        {"https://www.whatsapp.com/send/?phone=447911123456", "WHATSAPP", "PHONE_NUMBER", "phone=+447911123456",
            "https://wa.me/447911123456"},
        {"https://m.whatsapp.com/send?phone=6281234567890", "WHATSAPP", "PHONE_NUMBER", "phone=+6281234567890",
            "https://wa.me/6281234567890"},
        {"whatsapp://send?phone=60123456789&text=hi", "WHATSAPP", "PHONE_NUMBER", "phone=+60123456789",
            "https://wa.me/60123456789"},
        {"WhatsApp://send/?phone=0060123456789", "WHATSAPP", "PHONE_NUMBER", "phone=+60123456789", "https://wa.me/60123456789"},
        {"hxxps://wa[.]me/60123456789", "WHATSAPP", "PHONE_NUMBER", "phone=+60123456789", "https://wa.me/60123456789"},
        // numbers that cannot be E.164
        {"https://wa.me/0123456789", "WHATSAPP", "WEB_PAGE", "", "https://wa.me/0123456789"},
        {"https://api.whatsapp.com/send?phone=1234567&text=x", "WHATSAPP", "WEB_PAGE", "", "https://wa.me/1234567"},
        {"https://wa.me/6012345678901234", "WHATSAPP", "WEB_PAGE", "", "https://wa.me/6012345678901234"},
        // invites
        {"https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv", "WHATSAPP", "INVITE_LINK", "inviteCode=AbCdEfGhIjKlMnOpQrStUv",
            "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"},
        {"https://chat.whatsapp.com/invite/AbCdEfGhIjKlMnOpQrStUv/", "WHATSAPP", "INVITE_LINK",
            "inviteCode=AbCdEfGhIjKlMnOpQrStUv", "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"},
        {"HTTPS://CHAT.WHATSAPP.COM/AbCdEfGhIjKlMnOpQrStUv?mode=ems_copy_t", "WHATSAPP", "INVITE_LINK",
            "inviteCode=AbCdEfGhIjKlMnOpQrStUv", "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"},
        {"chat[.]whatsapp[.]com/AbCdEfGhIjKlMnOpQrStUv#x", "WHATSAPP", "INVITE_LINK", "inviteCode=AbCdEfGhIjKlMnOpQrStUv",
            "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"},
        {"whatsapp://chat?code=AbCdEfGhIjKlMnOpQrStUv", "WHATSAPP", "INVITE_LINK", "inviteCode=AbCdEfGhIjKlMnOpQrStUv",
            "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"},
        // channels
        {"https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b", "WHATSAPP", "CHANNEL", "channelId=0029VaAbCdEfGhIjKlMn0a1b",
            "https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b"},
        {"https://www.whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b/?utm_medium=share", "WHATSAPP", "CHANNEL",
            "channelId=0029VaAbCdEfGhIjKlMn0a1b", "https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b"},
        {"https://wa.me/channel/0029VaAbCdEfGhIjKlMn0a1b", "WHATSAPP", "CHANNEL", "channelId=0029VaAbCdEfGhIjKlMn0a1b",
            "https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b"},
        {"https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b/123", "WHATSAPP", "MESSAGE",
            "channelId=0029VaAbCdEfGhIjKlMn0a1b;messageId=123", "https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b/123"},
        // business links
        {"https://wa.me/c/60123456789", "WHATSAPP", "PROFILE", "phone=+60123456789", "https://wa.me/c/60123456789"},
        {"https://www.whatsapp.com/catalog/60123456789/?app_absent=0", "WHATSAPP", "PROFILE", "phone=+60123456789",
            "https://wa.me/c/60123456789"},
        {"https://wa.me/p/7654321098765432/60123456789", "WHATSAPP", "POST", "productId=7654321098765432;phone=+60123456789",
            "https://wa.me/p/7654321098765432/60123456789"},
        {"https://wa.me/message/ABCDEFGHIJKL1", "WHATSAPP", "SHORT_LINK", "code=ABCDEFGHIJKL1;unresolved=true",
            "https://wa.me/message/ABCDEFGHIJKL1"},
        {"https://api.whatsapp.com/message/ABCDEFGHIJKL1?autoload=1&app_absent=0", "WHATSAPP", "SHORT_LINK",
            "code=ABCDEFGHIJKL1;unresolved=true", "https://wa.me/message/ABCDEFGHIJKL1"},
        {"https://wa.me/qr/ZXCVBNMASDFG1", "WHATSAPP", "SHORT_LINK", "code=ZXCVBNMASDFG1", "https://wa.me/qr/ZXCVBNMASDFG1"},
        {"https://wa.link/ab12cd", "WHATSAPP", "SHORT_LINK", "code=ab12cd;unresolved=true", "https://wa.link/ab12cd"},
        // web pages
        {"https://faq.whatsapp.com/1234567890?locale=ms_MY&fbclid=x", "WHATSAPP", "WEB_PAGE", "",
            "https://faq.whatsapp.com/1234567890"},
        {"https://www.whatsapp.com/legal/terms-of-service?lang=ms", "WHATSAPP", "WEB_PAGE", "",
            "https://www.whatsapp.com/legal/terms-of-service"},
        {"https://whatsapp.com/download/", "WHATSAPP", "WEB_PAGE", "", "https://www.whatsapp.com/download/"},
        {"https://web.whatsapp.com/", "WHATSAPP", "WEB_PAGE", "", "https://web.whatsapp.com/"},
        {"https://api.whatsapp.com/send?text=Hai%20semua", "WHATSAPP", "WEB_PAGE", "", "https://api.whatsapp.com/send"},
        {"https://wa.me/", "WHATSAPP", "WEB_PAGE", "", "https://wa.me/"},
        {"https://mmg.whatsapp.net/v/t62.7118-24/1234_5678_n.enc?ccb=11-4&utm_source=x", "WHATSAPP", "WEB_PAGE", "",
            "https://mmg.whatsapp.net/v/t62.7118-24/1234_5678_n.enc?ccb=11-4"},
        {"https://chat.whatsapp.com/", "WHATSAPP", "WEB_PAGE", "", "https://chat.whatsapp.com/"},
    };

    /** Every row of a group is the same item. */
    private static final String[][] SAME = {
        {"https://wa.me/60123456789", "wa.me/+60123456789", "https://wa.me/0060123456789", "http://WA.ME/60123456789/",
            "https://wa.me/60123456789?text=hi", "https://api.whatsapp.com/send?phone=60123456789&text=hi",
            "https://api.whatsapp.com/send/?phone=%2B60123456789&text&type=phone_number&app_absent=0",
            "https://whatsapp.com/send?phone=60-12-345-6789", "https://web.whatsapp.com/send?phone=+60 12 345 6789",
            "https://www.whatsapp.com/send?phone=0060123456789", "whatsapp://send?phone=60123456789&text=x",
            "hxxps://wa[.]me/60123456789#x", "https://wa.me/60123456789?utm_source=fb&fbclid=y"},
        {"https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv", "https://chat.whatsapp.com/invite/AbCdEfGhIjKlMnOpQrStUv",
            "https://CHAT.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv/?mode=r_c", "whatsapp://chat?code=AbCdEfGhIjKlMnOpQrStUv"},
        {"https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b", "https://www.whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b/",
            "https://wa.me/channel/0029VaAbCdEfGhIjKlMn0a1b", "https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b?utm_campaign=x"},
        {"https://wa.me/c/60123456789", "https://www.whatsapp.com/catalog/60123456789/", "https://wa.me/c/+60123456789"},
        {"https://wa.me/message/ABCDEFGHIJKL1", "https://api.whatsapp.com/message/ABCDEFGHIJKL1?autoload=1&app_absent=0",
            "https://wa.me/message/ABCDEFGHIJKL1/?src=qr"},
        {"https://wa.me/0123456789", "https://api.whatsapp.com/send?phone=012-345-6789"},
    };

    /** Each pair is two different items. */
    private static final String[][] DIFFERENT = {
        {"https://wa.me/60123456789", "https://wa.me/60123456780"},
        {"https://wa.me/60123456789", "https://wa.me/c/60123456789"},
        {"https://wa.me/c/60123456789", "https://wa.me/p/7654321098765432/60123456789"},
        {"https://wa.me/60123456789", "https://wa.me/0123456789"},
        {"https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv", "https://chat.whatsapp.com/abcdefghijklmnopqrstuv"},
        {"https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b", "https://whatsapp.com/channel/0029vaabcdefghijklmn0a1b"},
        {"https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b", "https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b/5"},
        {"https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b/5", "https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b/6"},
        {"https://wa.me/message/ABCDEFGHIJKL1", "https://wa.me/qr/ABCDEFGHIJKL1"},
        {"https://wa.me/message/ABCDEFGHIJKL1", "https://wa.me/message/abcdefghijkl1"},
        {"https://wa.link/ab12cd", "https://wa.link/AB12CD"},
        {"https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv", "https://whatsapp.com/channel/AbCdEfGhIjKlMnOpQrStUv"},
        {"https://www.whatsapp.com/legal", "https://www.whatsapp.com/download"},
    };

    /** Not WhatsApp at all. */
    private static final String[] NOT_WHATSAPP = {
        "https://wa.me.evil.example/60123456789", "https://whatsapp.com@evil.example/send?phone=60123456789",
        "https://evilwhatsapp.com/send?phone=60123456789", "https://notwa.me/60123456789", "https://wa.mee/60123456789",
        "https://whatsapp.co/send?phone=60123456789", "https://chat.whatsapp.com.evil.example/AbCdEfGhIjKlMnOpQrStUv",
        "https://whatsapp.com.my/send?phone=60123456789", "https://wa.link.evil.example/ab12cd", "ftp://wa.me/60123456789",
        "https://t.me/somechannel", "https://example.com/wa.me/60123456789", "whatsapp://settings",
        "whatsapp://chat?code=no", "tg://resolve?domain=somechannel",
    };

    /** Share link or link shim -> target. */
    private static final String[][] WRAPPED = {
        {"https://wa.me/?text=https%3A%2F%2Fbad.example%2Fx%3Fa%3D1", "https://bad.example/x?a=1"},
        {"https://api.whatsapp.com/send?text=https%3A%2F%2Fbad.example%2Fy", "https://bad.example/y"},
        {"https://api.whatsapp.com/send/?text=bad.example%2Fz&type=custom_url&app_absent=0", "https://bad.example/z"},
        {"whatsapp://send?text=http%3A%2F%2Fbad.example%2F", "http://bad.example/"},
        {"https://l.wl.co/l?u=https%3A%2F%2Fbad.example%2Fw", "https://bad.example/w"},
    };

    private Url url(String text) {
        return table.url(text);
    }

    private ParsedItem parse(String text) {
        return table.parse(text);
    }

    @Test
    public void shapes() {
        assertTrue(SHAPES.length >= 35);
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
    public void prefilledTextIsNeverKept() {
        for (String text : new String[] {"https://wa.me/60123456789?text=Nama%20saya%20Siti%200198765432",
                "https://api.whatsapp.com/send?phone=60123456789&text=Nama+saya+Siti",
                "https://api.whatsapp.com/send?text=Nama+saya+Siti", "https://www.whatsapp.com/faq?text=Siti",
                "whatsapp://send?text=Nama+saya+Siti"}) {
            ParsedItem item = parse(text);
            assertFalse(text, item.canonicalUrl().contains("Siti") || item.canonicalUrl().contains("text"));
            assertFalse(text, item.dedupKey().contains("Siti"));
            assertFalse(text, item.identifiers().toString().contains("Siti"));
        }
    }

    @Test
    public void lookalikesAreNotWhatsApp() {
        for (String text : NOT_WHATSAPP) {
            assertFalse(text, parser.parse(url(text)).isPresent());
            assertFalse(text, parser.unwrap(url(text)).isPresent());
        }
    }

    @Test
    public void wrappersUnwrap() {
        for (String[] row : WRAPPED) {
            assertEquals(row[0], Optional.of(row[1]), parser.unwrap(url(row[0])));
        }
        // a number makes it a chat link, and text that is not one link is a message
        assertFalse(parser.unwrap(url("https://wa.me/60123456789?text=https%3A%2F%2Fbad.example%2F")).isPresent());
        assertFalse(parser.unwrap(url("https://wa.me/?text=see%20https%3A%2F%2Fbad.example%2F")).isPresent());
        assertFalse(parser.unwrap(url("https://wa.me/?text=hello")).isPresent());
        assertFalse(parser.unwrap(url("https://wa.me/?text=javascript%3Aalert(1)")).isPresent());
        assertFalse(parser.unwrap(url("https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv")).isPresent());
    }

    @Test
    public void claimsOnlyItsScheme() {
        assertTrue(parser.claimsScheme("whatsapp"));
        assertTrue(parser.claimsScheme("WhatsApp"));
        assertFalse(parser.claimsScheme("tg"));
        assertFalse(parser.claimsScheme("https"));
        assertFalse(parser.claimsScheme(""));
        assertFalse(parser.claimsScheme(null));
    }

    @Test
    public void phoneDigits() {
        assertEquals("60123456789", WhatsAppParser.phoneDigits("+60 (12) 345-6789"));
        assertEquals("60123456789", WhatsAppParser.phoneDigits("0060.12.345.6789"));
        assertEquals("0123456789", WhatsAppParser.phoneDigits("012-345 6789"));
        assertEquals(null, WhatsAppParser.phoneDigits("60123x456789"));
        assertEquals(null, WhatsAppParser.phoneDigits("++60123456789"));
        assertEquals(null, WhatsAppParser.phoneDigits(" - "));
    }

    @Test
    public void neverThrows() {
        table.neverThrows(SHAPES, 20240611L);
    }
}
