package org.laporpredator.parser.tiktok.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import org.junit.Test;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.testing.ShapeTable;

public class TikTokParserTest {

    private final TikTokParser parser = new TikTokParser();
    private final ShapeTable table = new ShapeTable(parser);

    private static final String V = "7234567890123456789";

    /** input, platform, kind, identifiers ("k=v;k=v", every one must match), canonical URL. */
    private static final String[][] SHAPES = {
        // accounts
        {"https://www.tiktok.com/@some.user", "TIKTOK", "PROFILE", "username=some.user", "https://www.tiktok.com/@some.user"},
        {"tiktok.com/@Some_User?_t=8abc&_r=1", "TIKTOK", "PROFILE", "username=some_user", "https://www.tiktok.com/@some_user"},
        {"https://m.tiktok.com/@some.user/live?lang=ms", "TIKTOK", "PROFILE", "username=some.user",
            "https://www.tiktok.com/@some.user"},
        {"https://www.tiktok.com/share/user/6812345678901234567", "TIKTOK", "PROFILE", "userId=6812345678901234567",
            "https://www.tiktok.com/share/user/6812345678901234567"},
        // posts
        {"https://www.tiktok.com/@some.user/video/" + V + "?_r=1&_t=8abc&is_from_webapp=1&sender_device=pc", "TIKTOK",
            "VIDEO", "videoId=" + V + ";username=some.user", "https://www.tiktok.com/@some.user/video/" + V},
        {"https://www.tiktok.com/@Some.User/photo/" + V + "?is_copy_url=1", "TIKTOK", "PHOTO",
            "photoId=" + V + ";username=some.user", "https://www.tiktok.com/@some.user/photo/" + V},
        {"https://m.tiktok.com/v/" + V + ".html?u_code=abc&share_app_id=1233", "TIKTOK", "VIDEO", "videoId=" + V,
            "https://www.tiktok.com/@/video/" + V},
        {"https://www.tiktok.com/embed/v2/" + V, "TIKTOK", "VIDEO", "videoId=" + V, "https://www.tiktok.com/@/video/" + V},
        {"https://www.tiktok.com/embed/" + V, "TIKTOK", "VIDEO", "videoId=" + V, "https://www.tiktok.com/@/video/" + V},
        {"https://www.tiktok.com/player/v1/" + V + "?autoplay=1", "TIKTOK", "VIDEO", "videoId=" + V,
            "https://www.tiktok.com/@/video/" + V},
        {"https://www.tiktok.com/@/video/" + V, "TIKTOK", "VIDEO", "videoId=" + V, "https://www.tiktok.com/@/video/" + V},
        {"https://www.tiktok.com/share/video/" + V, "TIKTOK", "VIDEO", "videoId=" + V, "https://www.tiktok.com/@/video/" + V},
        // short links
        {"https://vm.tiktok.com/ZMabcdef/", "TIKTOK", "SHORT_LINK", "code=ZMabcdef;unresolved=true",
            "https://vm.tiktok.com/ZMabcdef"},
        {"https://vt.tiktok.com/ZSAbCdEf/?sender_device=pc", "TIKTOK", "SHORT_LINK", "code=ZSAbCdEf;unresolved=true",
            "https://vt.tiktok.com/ZSAbCdEf"},
        {"https://www.tiktok.com/t/ZTRabcdef/", "TIKTOK", "SHORT_LINK", "code=ZTRabcdef;unresolved=true",
            "https://www.tiktok.com/t/ZTRabcdef"},
        // others
        {"https://www.tiktok.com/@some.user/collection/Funny-7301234567890123456", "TIKTOK", "PAGE",
            "collectionId=7301234567890123456;username=some.user",
            "https://www.tiktok.com/@some.user/collection/Funny-7301234567890123456"},
        {"https://www.tiktok.com/tag/JualMurah?lang=en", "TIKTOK", "WEB_PAGE", "hashtag=jualmurah",
            "https://www.tiktok.com/tag/jualmurah"},
        {"https://www.tiktok.com/music/original-sound-7012345678901234567?refer=embed", "TIKTOK", "WEB_PAGE",
            "musicId=7012345678901234567", "https://www.tiktok.com/music/original-sound-7012345678901234567"},
        {"https://www.tiktok.com/search?q=abc%20def&t=1700000000", "TIKTOK", "WEB_PAGE", "",
            "https://www.tiktok.com/search?q=abc+def"},
        {"https://www.tiktok.com/explore?lang=en", "TIKTOK", "WEB_PAGE", "", "https://www.tiktok.com/explore"},
        {"https://www.tiktok.com/", "TIKTOK", "WEB_PAGE", "", "https://www.tiktok.com/"},
        {"https://www.tiktok.com/someone", "TIKTOK", "WEB_PAGE", "", "https://www.tiktok.com/someone"},
        {"https://www.tiktok.com/@some.user/video/notanid", "TIKTOK", "WEB_PAGE", "",
            "https://www.tiktok.com/@some.user/video/notanid"},
        {"https://support.tiktok.com/en/safety?lang=en", "TIKTOK", "WEB_PAGE", "", "https://support.tiktok.com/en/safety"},
        {"https://vm.tiktok.com/", "TIKTOK", "WEB_PAGE", "", "https://vm.tiktok.com/"},
    };

    /** Every row of a group is the same item. */
    private static final String[][] SAME = {
        {"https://www.tiktok.com/@some.user", "https://tiktok.com/@Some.User/", "https://m.tiktok.com/@SOME.USER?lang=ms",
            "https://www.tiktok.com/@some.user/live", "https://www.tiktok.com/@some.user?is_from_webapp=1&sender_device=pc",
            "hxxps://www.tiktok[.]com/@some.user#x"},
        {"https://www.tiktok.com/@some.user/video/" + V, "https://www.tiktok.com/@other/video/" + V + "?_r=1",
            "https://m.tiktok.com/v/" + V + ".html", "https://www.tiktok.com/embed/v2/" + V, "https://www.tiktok.com/embed/" + V,
            "https://www.tiktok.com/@some.user/photo/" + V, "https://www.tiktok.com/video/" + V,
            "https://www.tiktok.com/@/video/" + V, "https://www.tiktok.com/@some.user/video/" + V + "/"},
        {"https://www.tiktok.com/tag/abc", "https://www.tiktok.com/tag/ABC?lang=en"},
        {"https://www.tiktok.com/music/a-1", "https://www.tiktok.com/music/b-1"},
    };

    /** Each pair is two different items. */
    private static final String[][] DIFFERENT = {
        {"https://www.tiktok.com/@some.user", "https://www.tiktok.com/@some.user/video/" + V},
        {"https://www.tiktok.com/@u/video/1", "https://www.tiktok.com/@u/video/2"},
        {"https://www.tiktok.com/@some.user", "https://www.tiktok.com/@someuser"},
        {"https://vm.tiktok.com/ZMabc/", "https://vm.tiktok.com/ZMABC/"},
        {"https://vm.tiktok.com/ZMabc/", "https://www.tiktok.com/t/ZMabc/"},
        {"https://www.tiktok.com/share/user/5", "https://www.tiktok.com/@5"},
        {"https://www.tiktok.com/music/a-1", "https://www.tiktok.com/@u/collection/a-1"},
        {"https://www.tiktok.com/search?q=a", "https://www.tiktok.com/search?q=b"},
    };

    /** Not TikTok at all. */
    private static final String[] NOT_TIKTOK = {
        "https://tiktok.com.evil.example/@some.user", "https://tiktok.com@evil.example/@some.user",
        "https://eviltiktok.com/@some.user", "https://vm.tiktok.com.evil.example/ZMabc/", "https://tiktok.co/@x",
        "https://tiktokv.evil/@x", "ftp://tiktok.com/@x", "https://tik-tok.com/@x", "https://douyin.com/video/1",
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
    public void lookalikesAreNotTikTok() {
        for (String text : NOT_TIKTOK) {
            assertFalse(text, parser.parse(url(text)).isPresent());
            assertFalse(text, parser.unwrap(url(text)).isPresent());
        }
    }

    @Test
    public void bioLinksUnwrap() {
        assertEquals(Optional.of("https://bad.example/x?a=1"), parser.unwrap(url(
                "https://www.tiktok.com/link/v2?aid=1988&lang=en&scene=bio_url&target=https%3A%2F%2Fbad.example%2Fx%3Fa%3D1")));
        assertFalse(parser.unwrap(url("https://www.tiktok.com/link/v2?target=javascript%3Aalert(1)")).isPresent());
        assertFalse(parser.unwrap(url("https://www.tiktok.com/@some.user")).isPresent());
        assertEquals("WEB_PAGE", parse("https://www.tiktok.com/link/v2").kind());
    }

    @Test
    public void neverThrows() {
        table.neverThrows(SHAPES, 20240611L);
    }
}
