package org.laporpredator.parser.instagram.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import org.junit.Test;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.testing.ShapeTable;

public class InstagramParserTest {

    private final InstagramParser parser = new InstagramParser();
    private final ShapeTable table = new ShapeTable(parser);

    /** input, kind, identifiers ("k=v;k=v", every one must match), canonical URL; platform is always INSTAGRAM. */
    private static final String[][] SHAPES = {
        {"https://www.instagram.com/natgeo/", "PROFILE", "username=natgeo", "https://www.instagram.com/natgeo/"},
        {"instagram.com/Bad.Actor_99?igsh=MXh2c2x&utm_source=qr", "PROFILE", "username=bad.actor_99",
            "https://www.instagram.com/bad.actor_99/"},
        {"https://m.instagram.com/natgeo/tagged/?hl=ms", "PROFILE", "username=natgeo", "https://www.instagram.com/natgeo/"},
        {"https://instagr.am/natgeo", "PROFILE", "username=natgeo", "https://www.instagram.com/natgeo/"},
        {"https://www.instagram.com/_u/natgeo", "PROFILE", "username=natgeo", "https://www.instagram.com/natgeo/"},
        {"https://ig.me/m/NatGeo", "PROFILE", "username=natgeo", "https://www.instagram.com/natgeo/"},
        {"https://www.instagram.com/p/CxYz12_-Ab/?igsh=abc&img_index=2", "POST", "shortcode=CxYz12_-Ab",
            "https://www.instagram.com/p/CxYz12_-Ab/"},
        {"https://www.instagram.com/natgeo/p/CxYz12_-Ab/", "POST", "shortcode=CxYz12_-Ab;username=natgeo",
            "https://www.instagram.com/p/CxYz12_-Ab/"},
        {"https://instagr.am/p/CxYz12_-Ab", "POST", "shortcode=CxYz12_-Ab", "https://www.instagram.com/p/CxYz12_-Ab/"},
        {"https://www.instagram.com/reel/C9aBcDeFgHi/?igshid=MzRlODBiNWFlZA==", "REEL", "shortcode=C9aBcDeFgHi",
            "https://www.instagram.com/reel/C9aBcDeFgHi/"},
        {"https://www.instagram.com/reels/C9aBcDeFgHi/", "REEL", "shortcode=C9aBcDeFgHi", "https://www.instagram.com/reel/C9aBcDeFgHi/"},
        {"https://www.instagram.com/natgeo/reel/C9aBcDeFgHi/", "REEL", "shortcode=C9aBcDeFgHi;username=natgeo",
            "https://www.instagram.com/reel/C9aBcDeFgHi/"},
        {"https://www.instagram.com/tv/B8xYz123AbC/", "VIDEO", "shortcode=B8xYz123AbC", "https://www.instagram.com/tv/B8xYz123AbC/"},
        {"https://www.instagram.com/stories/natgeo/3123456789012345678/?utm_source=ig_story_item_share", "STORY",
            "username=natgeo;storyId=3123456789012345678", "https://www.instagram.com/stories/natgeo/3123456789012345678/"},
        {"https://www.instagram.com/stories/NatGeo/", "STORY", "username=natgeo", "https://www.instagram.com/stories/natgeo/"},
        {"https://www.instagram.com/stories/highlights/17894561234567890/", "STORY", "highlightId=17894561234567890",
            "https://www.instagram.com/stories/highlights/17894561234567890/"},
        {"https://www.instagram.com/s/aGlnaGxpZ2h0OjE3ODk0NTYxMjM0NTY3ODkw?story_media_id=1_2&igsh=x", "STORY",
            "highlightId=17894561234567890", "https://www.instagram.com/stories/highlights/17894561234567890/"},
        {"https://www.instagram.com/explore/tags/JualMurah/", "WEB_PAGE", "hashtag=jualmurah",
            "https://www.instagram.com/explore/tags/jualmurah/"},
        {"https://www.instagram.com/explore/locations/212988663/kuala-lumpur/", "WEB_PAGE", "locationId=212988663",
            "https://www.instagram.com/explore/locations/212988663/"},
        {"https://www.instagram.com/share/BAbC12xyz", "SHORT_LINK", "code=BAbC12xyz;unresolved=true",
            "https://www.instagram.com/share/BAbC12xyz/"},
        {"https://www.instagram.com/share/reel/BAbC12xyz/?igsh=x", "SHORT_LINK", "code=BAbC12xyz;unresolved=true",
            "https://www.instagram.com/share/reel/BAbC12xyz/"},
        {"https://www.instagram.com/direct/t/340282366841710300949128123456789/", "MESSAGE",
            "threadId=340282366841710300949128123456789", "https://www.instagram.com/direct/t/340282366841710300949128123456789/"},
        {"https://ig.me/j/AbCdEf123/", "INVITE_LINK", "inviteCode=AbCdEf123", "https://ig.me/j/AbCdEf123/"},
        {"https://ig.me/1AbCdE", "SHORT_LINK", "code=1AbCdE;unresolved=true", "https://ig.me/1AbCdE"},
        {"https://www.instagram.com/accounts/login/", "WEB_PAGE", "", "https://www.instagram.com/accounts/login/"},
        {"https://www.instagram.com/explore/", "WEB_PAGE", "", "https://www.instagram.com/explore/"},
        {"https://www.instagram.com/legal/privacy/?hl=en", "WEB_PAGE", "", "https://www.instagram.com/legal/privacy/"},
        {"https://www.instagram.com/", "WEB_PAGE", "", "https://www.instagram.com/"},
        {"https://help.instagram.com/581066165581870?utm_medium=x", "WEB_PAGE", "",
            "https://help.instagram.com/581066165581870"},
    };

    private static final String[][] SAME = {
        {"https://www.instagram.com/natgeo/", "http://instagram.com/NATGEO", "https://m.instagram.com/natgeo?igsh=abc",
            "https://instagr.am/natgeo/", "https://www.instagram.com/natgeo/reels/", "https://ig.me/m/natgeo",
            "hxxps://www[.]instagram[.]com/natgeo/", "https://www.instagram.com/_u/NatGeo/", "https://www.instagram.com/natgeo/#"},
        {"https://www.instagram.com/p/CxYz12_-Ab/", "https://www.instagram.com/p/CxYz12_-Ab",
            "https://www.instagram.com/p/CxYz12_-Ab/?img_index=3&utm_source=ig_web_copy_link",
            "https://www.instagram.com/natgeo/p/CxYz12_-Ab/", "https://www.instagram.com/reel/CxYz12_-Ab/",
            "https://www.instagram.com/reels/CxYz12_-Ab/", "https://www.instagram.com/tv/CxYz12_-Ab/", "https://instagr.am/p/CxYz12_-Ab/"},
        {"https://www.instagram.com/stories/highlights/17894561234567890/",
            "https://www.instagram.com/s/aGlnaGxpZ2h0OjE3ODk0NTYxMjM0NTY3ODkw?story_media_id=9"},
        {"https://www.instagram.com/stories/natgeo/31234/", "https://m.instagram.com/stories/NatGeo/31234?utm_source=x"},
    };

    private static final String[][] DIFFERENT = {
        {"https://www.instagram.com/p/CxYz12_-Ab/", "https://www.instagram.com/p/cxyz12_-ab/"},
        {"https://www.instagram.com/natgeo/", "https://www.instagram.com/nat.geo/"},
        {"https://www.instagram.com/natgeo/", "https://www.instagram.com/natgeo/p/CxYz12_-Ab/"},
        {"https://www.instagram.com/natgeo/", "https://www.instagram.com/stories/natgeo/"},
        {"https://www.instagram.com/stories/natgeo/31234/", "https://www.instagram.com/stories/natgeo/31235/"},
        {"https://www.instagram.com/share/BAbC12xyz", "https://www.instagram.com/share/reel/BAbC12xyz"},
        {"https://www.instagram.com/explore/tags/natgeo/", "https://www.instagram.com/natgeo/"},
    };

    private static final String[] NOT_INSTAGRAM = {
        "https://instagram.com.evil.example/natgeo", "https://instagramm.com/natgeo", "https://instagram.com@evil.example/natgeo",
        "https://evilinstagram.com/natgeo", "https://instagram.co/natgeo", "https://instagr.am.evil.example/p/x",
        "https://ig.me.evil.example/m/x", "https://www.facebook.com/natgeo", "ftp://instagram.com/natgeo",
    };

    private static final String[][] WRAPPED = {
        {"https://l.instagram.com/?u=https%3A%2F%2Fbad.example%2Fshop%3Fid%3D1&e=AT3x", "https://bad.example/shop?id=1"},
        {"https://l.instagram.com/?u=bad.example%2Fx", "https://bad.example/x"},
        {"https://www.instagram.com/accounts/login/?next=%2Fp%2FCxYz12_-Ab%2F", "https://www.instagram.com/p/CxYz12_-Ab/"},
        {"https://www.instagram.com/accounts/login/?next=https%3A%2F%2Fwww.instagram.com%2Fnatgeo%2F",
            "https://www.instagram.com/natgeo/"},
    };

    private Url url(String text) {
        return table.url(text);
    }

    private ParsedItem parse(String text) {
        return table.parse(text);
    }

    @Test
    public void shapes() {
        assertTrue(SHAPES.length >= 20);
        table.shapes("INSTAGRAM", SHAPES);
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
    public void lookalikesAreNotInstagram() {
        for (String text : NOT_INSTAGRAM) {
            assertFalse(text, parser.parse(url(text)).isPresent());
            assertFalse(text, parser.unwrap(url(text)).isPresent());
        }
    }

    @Test
    public void wrappersUnwrap() {
        for (String[] row : WRAPPED) {
            assertEquals(row[0], Optional.of(row[1]), parser.unwrap(url(row[0])));
        }
        assertFalse(parser.unwrap(url("https://www.instagram.com/natgeo/")).isPresent());
        assertFalse(parser.unwrap(url("https://l.instagram.com/")).isPresent());
        assertFalse(parser.unwrap(url("https://www.instagram.com/accounts/login/?next=https%3A%2F%2Fevil.example%2F")).isPresent());
    }

    @Test
    public void reservedWordsAreNotUsernames() {
        for (String word : new String[] {"accounts", "explore", "about", "legal", "developer", "direct", "reels", "stories",
                "web", "emails", "challenge", "privacy", "terms"}) {
            assertEquals(word, "WEB_PAGE", parse("https://www.instagram.com/" + word + "/").kind());
        }
    }

    @Test
    public void neverThrows() {
        table.neverThrows(SHAPES, 20240611L);
    }
}
