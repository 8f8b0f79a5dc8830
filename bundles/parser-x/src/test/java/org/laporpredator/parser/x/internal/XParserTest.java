package org.laporpredator.parser.x.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.testing.ShapeTable;

public class XParserTest {

    private final XParser parser = new XParser();
    private final ShapeTable table = new ShapeTable(parser);

    private static final String P = "https://x.com/i/status/1723456789012345678";

    /** input, platform, kind, identifiers ("k=v;k=v", every one must match), canonical URL. */
    private static final String[][] SHAPES = {
        // accounts
        {"https://x.com/SomeUser", "X", "PROFILE", "username=someuser", "https://x.com/someuser"},
        {"twitter.com/Some_User_15chr/", "X", "PROFILE", "username=some_user_15chr", "https://x.com/some_user_15chr"},
        {"https://mobile.twitter.com/someuser/media?s=20", "X", "PROFILE", "username=someuser", "https://x.com/someuser"},
        {"https://www.x.com/someuser/with_replies", "X", "PROFILE", "username=someuser", "https://x.com/someuser"},
        {"https://x.com/i/user/783214", "X", "PROFILE", "userId=783214", "https://x.com/i/user/783214"},
        {"https://twitter.com/intent/user?screen_name=SomeUser", "X", "PROFILE", "username=someuser", "https://x.com/someuser"},
        {"https://twitter.com/intent/follow?user_id=783214", "X", "PROFILE", "userId=783214", "https://x.com/i/user/783214"},
        {"https://fxtwitter.com/SomeUser", "X", "PROFILE", "username=someuser", "https://x.com/someuser"},
        // posts
        {"https://x.com/someuser/status/1723456789012345678?s=20&t=AbCdEfGh", "X", "POST",
            "postId=1723456789012345678;username=someuser", P},
        {"https://twitter.com/SomeUser/status/1723456789012345678/photo/1", "X", "POST",
            "postId=1723456789012345678;username=someuser", P},
        {"https://mobile.twitter.com/someuser/statuses/1723456789012345678", "X", "POST", "postId=1723456789012345678", P},
        {"https://twitter.com/i/web/status/1723456789012345678", "X", "POST", "postId=1723456789012345678", P},
        {"https://x.com/i/status/1723456789012345678?ref_src=twsrc%5Etfw", "X", "POST", "postId=1723456789012345678", P},
        {"https://twitter.com/statuses/1723456789012345678", "X", "POST", "postId=1723456789012345678", P},
        {"https://vxtwitter.com/someuser/status/1723456789012345678", "X", "POST", "postId=1723456789012345678", P},
        {"http://twitter.com/#!/someuser/status/1723456789012345678", "X", "POST", "postId=1723456789012345678", P},
        {"https://x.com/someuser/status/1723456789012345678/video/1", "X", "POST", "postId=1723456789012345678", P},
        // groups, lists, others
        {"https://x.com/i/communities/1601841656147345410", "X", "GROUP", "communityId=1601841656147345410",
            "https://x.com/i/communities/1601841656147345410"},
        {"https://twitter.com/i/lists/1234567890", "X", "PAGE", "listId=1234567890", "https://x.com/i/lists/1234567890"},
        {"https://x.com/i/broadcasts/1AbCdEfGhIjKl", "X", "VIDEO", "broadcastId=1AbCdEfGhIjKl",
            "https://x.com/i/broadcasts/1AbCdEfGhIjKl"},
        {"https://x.com/i/spaces/1AbCdEfGhIjKl?s=20", "X", "WEB_PAGE", "spaceId=1AbCdEfGhIjKl", "https://x.com/i/spaces/1AbCdEfGhIjKl"},
        {"https://x.com/messages/111-222", "X", "MESSAGE", "conversationId=111-222", "https://x.com/messages/111-222"},
        {"https://twitter.com/hashtag/JualMurah?src=hashtag_click", "X", "WEB_PAGE", "hashtag=jualmurah",
            "https://x.com/hashtag/jualmurah"},
        // short links
        {"https://t.co/AbCdEf1234", "X", "SHORT_LINK", "code=AbCdEf1234;unresolved=true", "https://t.co/AbCdEf1234"},
        {"https://pic.twitter.com/AbC123", "X", "SHORT_LINK", "code=AbC123;unresolved=true", "https://pic.x.com/AbC123"},
        // web pages
        {"https://x.com/search?q=abc&src=typed_query", "X", "WEB_PAGE", "", "https://x.com/search?q=abc"},
        {"https://twitter.com/home", "X", "WEB_PAGE", "", "https://x.com/home"},
        {"https://x.com/explore", "X", "WEB_PAGE", "", "https://x.com/explore"},
        {"https://x.com/settings/account", "X", "WEB_PAGE", "", "https://x.com/settings/account"},
        {"https://x.com/", "X", "WEB_PAGE", "", "https://x.com/"},
        {"https://x.com/someuser/status/notanumber", "X", "WEB_PAGE", "", "https://x.com/someuser/status/notanumber"},
        {"https://x.com/this_name_is_too_long", "X", "WEB_PAGE", "", "https://x.com/this_name_is_too_long"},
        {"https://help.x.com/en/rules-and-policies?utm_source=x", "X", "WEB_PAGE", "",
            "https://help.x.com/en/rules-and-policies"},
        {"https://t.co/", "X", "WEB_PAGE", "", "https://t.co/"},
    };

    /** Every row of a group is the same item. */
    private static final String[][] SAME = {
        {"https://x.com/someuser", "https://twitter.com/SomeUser/", "https://mobile.twitter.com/SOMEUSER?s=09",
            "https://www.twitter.com/someuser/likes", "https://m.twitter.com/someuser#top", "hxxps://x[.]com/someuser",
            "https://twitter.com/#!/someuser", "https://twitter.com/intent/user?screen_name=SomeUser",
            "https://fixupx.com/someuser"},
        {P, "https://x.com/someuser/status/1723456789012345678", "https://twitter.com/OtherName/status/1723456789012345678",
            "https://twitter.com/any-thing.at.all/status/1723456789012345678?s=20&t=xyz",
            "https://x.com/i/web/status/1723456789012345678", "https://mobile.twitter.com/u/statuses/1723456789012345678/",
            "https://x.com/u/status/1723456789012345678/photo/2", "https://x.com/u/status/1723456789012345678/analytics",
            "https://fxtwitter.com/u/status/1723456789012345678", "https://d.fxtwitter.com/u/status/1723456789012345678",
            "https://twitter.com/statuses/1723456789012345678"},
        {"https://x.com/i/user/783214", "https://twitter.com/intent/user?user_id=783214"},
        {"https://x.com/i/communities/16", "https://twitter.com/i/communities/16/about"},
        {"https://x.com/hashtag/abc", "https://twitter.com/hashtag/ABC?src=hash"},
    };

    /** Each pair is two different items. */
    private static final String[][] DIFFERENT = {
        {"https://x.com/someuser", "https://x.com/someuser/status/1"},
        {"https://x.com/u/status/1", "https://x.com/u/status/2"},
        {"https://x.com/someuser", "https://x.com/someuser2"},
        {"https://t.co/AbC", "https://t.co/abc"},
        {"https://x.com/i/lists/5", "https://x.com/i/communities/5"},
        {"https://x.com/i/user/5", "https://x.com/5"},
        {"https://x.com/search?q=a", "https://x.com/search?q=b"},
        {"https://x.com/i/status/5", "https://x.com/i/broadcasts/5"},
    };

    /** Not X at all. */
    private static final String[] NOT_X = {
        "https://x.com.evil.example/someuser", "https://twitter.com@evil.example/someuser", "https://evilx.com/someuser",
        "https://eviltwitter.com/someuser", "https://twitter.com.evil.example/u/status/1", "https://t.co.evil.example/AbC",
        "https://x.co/someuser", "ftp://x.com/someuser", "https://fxtwitter.com/", "https://fxtwitter.com/about/x/y",
        "https://nottwitter.com/u/status/1", "https://xx.com/someuser",
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
    public void postKeyIsTheIdAlone() {
        assertEquals("X|POST|1723456789012345678", parse(P).dedupKey());
        assertNull(parse("https://x.com/any-thing.at.all/status/17").identifiers().get("username"));
    }

    @Test
    public void lookalikesAreNotX() {
        for (String text : NOT_X) {
            assertFalse(text, parser.parse(url(text)).isPresent());
            assertFalse(text, parser.unwrap(url(text)).isPresent());
        }
    }

    @Test
    public void reservedWordsAreNotUsernames() {
        for (String word : new String[] {"home", "explore", "search", "settings", "notifications", "messages", "i",
                "hashtag", "compose", "login", "logout", "signup", "tos", "privacy", "intent", "share", "account",
                "bookmarks", "download", "jobs"}) {
            assertEquals(word, "WEB_PAGE", parse("https://x.com/" + word).kind());
        }
    }

    @Test
    public void neverThrows() {
        table.neverThrows(SHAPES, 20240611L);
    }
}
