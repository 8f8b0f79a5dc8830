package org.laporpredator.example.parser.line;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;
import org.laporpredator.plugin.testing.ModuleComponents;
import org.laporpredator.plugin.testing.ParserChecks;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.Platforms;

public class LineParserTest {

    private final LineParser parser = new LineParser();
    private final ParserChecks checks = new ParserChecks(parser);

    /** link, kind, canonical URL. */
    private static final String[][] SHAPES = {
        // official accounts
        {"https://line.me/R/ti/p/@shop123", "PAGE", "https://line.me/R/ti/p/@shop123"},
        {"line.me/ti/p/@Shop123?utm_source=x", "PAGE", "https://line.me/R/ti/p/@shop123"},
        {"https://line.me/R/ti/p/%40shop123", "PAGE", "https://line.me/R/ti/p/@shop123"},
        {"https://page.line.me/shop123", "PAGE", "https://line.me/R/ti/p/@shop123"},
        {"https://line.me/R/oaMessage/@shop123/?hello", "PAGE", "https://line.me/R/ti/p/@shop123"},
        // users
        {"https://line.me/ti/p/~alice.k", "PROFILE", "https://line.me/R/ti/p/~alice.k"},
        {"https://line.me/R/ti/p/~Alice.K#x", "PROFILE", "https://line.me/R/ti/p/~alice.k"},
        {"https://line.me/ti/p/Ab3dE_fG-h", "PROFILE", "https://line.me/ti/p/Ab3dE_fG-h"},
        // group invites
        {"https://line.me/ti/g/AbCdEfGhIj", "INVITE_LINK", "https://line.me/ti/g/AbCdEfGhIj"},
        {"https://line.me/R/ti/g/AbCdEfGhIj?openQrModal=true", "INVITE_LINK", "https://line.me/ti/g/AbCdEfGhIj"},
        // open chats
        {"https://line.me/ti/g2/Xy_Z-12345", "GROUP", "https://line.me/ti/g2/Xy_Z-12345"},
        {"https://line.me/R/ti/g2/Xy_Z-12345?utm_medium=share", "GROUP", "https://line.me/ti/g2/Xy_Z-12345"},
        {"https://openchat.line.me/tw/cover/AbC123", "GROUP", "https://openchat.line.me/tw/cover/AbC123"},
        // posts and homes
        {"https://timeline.line.me/post/_dAbCdEf/1169991234567890123", "POST",
            "https://timeline.line.me/post/_dAbCdEf/1169991234567890123"},
        {"https://linevoom.line.me/post/1169991234567890123", "POST", "https://linevoom.line.me/post/1169991234567890123"},
        {"https://timeline.line.me/user/_dAbCdEf", "PROFILE", "https://linevoom.line.me/user/_dAbCdEf"},
        // LIFF apps, short links, other pages
        {"https://liff.line.me/1655000000-AbCdEfGh/path?x=1&utm_source=y", "WEB_PAGE",
            "https://liff.line.me/1655000000-AbCdEfGh/path?x=1"},
        {"https://lin.ee/aBcD123", "SHORT_LINK", "https://lin.ee/aBcD123"},
        {"https://line.me/R/msg/text/?hello%20world", "WEB_PAGE", "https://line.me/R/msg/text/?hello%20world"},
        {"https://www.line.me/en/", "WEB_PAGE", "https://line.me/en/"},
        {"https://store.line.me/stickershop/product/123/en", "WEB_PAGE", "https://store.line.me/stickershop/product/123/en"},
        {"https://line.me/ti/g/", "WEB_PAGE", "https://line.me/ti/g/"},
        // the app scheme
        {"line://ti/p/@shop123", "PAGE", "https://line.me/R/ti/p/@shop123"},
        {"line://ti/g/AbCdEfGhIj", "INVITE_LINK", "https://line.me/ti/g/AbCdEfGhIj"},
    };

    @Test
    public void shapes() {
        for (String[] row : SHAPES) {
            ParsedItem item = checks.assertItem(row[0], row[1], row[2]);
            assertEquals(row[0], LineParser.LINE, item.platform());
        }
    }

    @Test
    public void identifiers() {
        assertEquals(Map.of("accountId", "@shop123"), checks.parse("https://line.me/R/ti/p/@SHOP123").identifiers());
        assertEquals(Map.of("lineId", "alice.k"), checks.parse("https://line.me/ti/p/~alice.k").identifiers());
        assertEquals(Map.of("inviteCode", "AbCdEfGhIj"), checks.parse("https://line.me/ti/g/AbCdEfGhIj").identifiers());
        assertEquals(Map.of("openChatCode", "Xy_Z-12345"), checks.parse("https://line.me/ti/g2/Xy_Z-12345").identifiers());
        assertEquals(Map.of("homeId", "_dAbCdEf", "postId", "1"), checks.parse("https://timeline.line.me/post/_dAbCdEf/1")
                .identifiers());
        assertEquals("1655000000-AbCdEfGh", checks.parse("https://liff.line.me/1655000000-AbCdEfGh").identifiers()
                .get("liffId"));
        assertEquals("true", checks.parse("https://lin.ee/aBcD123").identifiers().get("unresolved"));
    }

    @Test
    public void shapesOfOneItemAreOneItem() {
        checks.assertSameItem("https://line.me/R/ti/p/@shop123", "line.me/ti/p/@SHOP123", "https://line.me/R/ti/p/%40shop123",
                "https://page.line.me/shop123", "hxxps://line[.]me/R/ti/p/@shop123", "line://ti/p/@shop123",
                "https://line.me/R/oaMessage/@shop123/?hi", "http://www.line.me/ti/p/@shop123/");
        checks.assertSameItem("https://line.me/ti/g/AbCdEfGhIj", "https://line.me/R/ti/g/AbCdEfGhIj",
                "https://line.me/r/TI/G/AbCdEfGhIj?utm_source=x#y", "line://ti/g/AbCdEfGhIj");
        checks.assertSameItem("https://line.me/ti/g2/Xy_Z-12345", "https://line.me/R/ti/g2/Xy_Z-12345");
        checks.assertSameItem("https://timeline.line.me/post/_dAbCdEf/1169991234567890123",
                "https://linevoom.line.me/post/1169991234567890123");
        checks.assertSameItem("https://timeline.line.me/user/_dAbCdEf", "https://linevoom.line.me/user/_dAbCdEf");
    }

    @Test
    public void differentItemsHaveDifferentKeys() {
        String[][] pairs = {
            {"https://line.me/ti/g/AbCdEfGhIj", "https://line.me/ti/g/abcdefghij"},
            {"https://line.me/ti/g/AbCdEfGhIj", "https://line.me/ti/g2/AbCdEfGhIj"},
            {"https://line.me/R/ti/p/@shop123", "https://line.me/R/ti/p/~shop123"},
            {"https://line.me/ti/p/Ab3dE", "https://line.me/ti/p/ab3de"},
        };
        for (String[] pair : pairs) {
            assertNotEquals(pair[0] + " / " + pair[1], checks.parse(pair[0]).dedupKey(), checks.parse(pair[1]).dedupKey());
        }
    }

    @Test
    public void foreignLinksAndLookalikesAreNotLine() {
        checks.assertNotClaimed("https://line.me.evil.example/ti/g/AbCdEf", "https://evil-line.me/ti/g/AbCdEf",
                "https://1ine.me/ti/p/@shop", "https://lineme.com/ti/g/AbCdEf", "https://line.me@evil.example/ti/g/x",
                "https://lin.ee.evil.example/abc", "https://t.me/joinchat/AbCdEf", "https://chat.whatsapp.com/AbCdEf",
                "https://discord.gg/AbCdEf", "https://example.com/line.me/ti/g/AbCdEf", "ftp://line.me/ti/g/AbCdEf",
                "https://online.me/ti/g/x");
    }

    @Test
    public void neverThrowsAndStaysFast() {
        String[] seeds = new String[SHAPES.length];
        for (int i = 0; i < SHAPES.length; i++) {
            seeds[i] = SHAPES[i][0];
        }
        checks.assertNeverThrows(20261203L, 20_000, seeds);
    }

    @Test
    public void theComponentIsTheParserModuleOfLine() {
        Map<String, Object> p = ModuleComponents.assertModule(LineParser.class, Modules.PARSER);
        assertEquals("parser-line", p.get(Modules.ID));
        assertEquals("LINE", p.get(Modules.PLATFORM));
        assertTrue(parser.claimsScheme("line"));
        assertTrue("a platform of its own", !LineParser.LINE.equals(Platforms.WEBSITE));
    }
}
