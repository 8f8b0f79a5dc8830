package org.laporpredator.parser.facebook.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import org.junit.Test;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.testing.ShapeTable;

public class FacebookParserTest {

    private final FacebookParser parser = new FacebookParser();
    private final ShapeTable table = new ShapeTable(parser);

    /** input, platform, kind, identifiers ("k=v;k=v", every one must match), canonical URL. */
    private static final String[][] SHAPES = {
        // accounts
        {"https://www.facebook.com/zuck", "FACEBOOK", "PROFILE", "vanity=zuck", "https://www.facebook.com/zuck"},
        {"facebook.com/John.Smith55/", "FACEBOOK", "PROFILE", "vanity=john.smith55", "https://www.facebook.com/johnsmith55"},
        {"https://m.facebook.com/profile.php?id=100012345678901&sk=photos", "FACEBOOK", "PROFILE", "numericId=100012345678901",
            "https://www.facebook.com/profile.php?id=100012345678901"},
        {"https://www.facebook.com/profile/100012345678901", "FACEBOOK", "PROFILE", "numericId=100012345678901",
            "https://www.facebook.com/profile.php?id=100012345678901"},
        {"https://www.facebook.com/4", "FACEBOOK", "PROFILE", "numericId=4", "https://www.facebook.com/profile.php?id=4"},
        {"https://www.facebook.com/people/Bad-Actor/100089998887776/", "FACEBOOK", "PROFILE",
            "numericId=100089998887776;name=Bad-Actor", "https://www.facebook.com/profile.php?id=100089998887776"},
        {"https://www.facebook.com/pages/Some-Shop/123456789012345", "FACEBOOK", "PAGE", "numericId=123456789012345",
            "https://www.facebook.com/profile.php?id=123456789012345"},
        {"https://www.facebook.com/Some-Shop-Name-123456789012345/", "FACEBOOK", "PAGE", "numericId=123456789012345",
            "https://www.facebook.com/profile.php?id=123456789012345"},
        {"https://www.facebook.com/pg/SomeShop/posts/", "FACEBOOK", "PAGE", "vanity=someshop", "https://www.facebook.com/someshop"},
        {"https://www.facebook.com/gaming/StreamerOne", "FACEBOOK", "PROFILE", "vanity=streamerone",
            "https://www.facebook.com/streamerone"},
        {"https://mbasic.facebook.com/zuck/about?ref=bookmarks", "FACEBOOK", "PROFILE", "vanity=zuck", "https://www.facebook.com/zuck"},
        {"https://ms-my.facebook.com/zuck", "FACEBOOK", "PROFILE", "vanity=zuck", "https://www.facebook.com/zuck"},
        {"https://fb.com/zuck", "FACEBOOK", "PROFILE", "vanity=zuck", "https://www.facebook.com/zuck"},
        {"http://www.facebook.com/#!/zuck", "FACEBOOK", "PROFILE", "vanity=zuck", "https://www.facebook.com/zuck"},
        // groups and posts
        {"https://www.facebook.com/groups/123456789/", "FACEBOOK", "GROUP", "groupId=123456789",
            "https://www.facebook.com/groups/123456789"},
        {"https://web.facebook.com/groups/JualBeliKL/?ref=share", "FACEBOOK", "GROUP", "groupVanity=jualbelikl",
            "https://www.facebook.com/groups/jualbelikl"},
        {"https://www.facebook.com/groups/123456789/posts/987654321/?mibextid=abc", "FACEBOOK", "POST",
            "groupId=123456789;postId=987654321", "https://www.facebook.com/groups/123456789/posts/987654321"},
        {"https://m.facebook.com/groups/123456789/permalink/987654321/", "FACEBOOK", "POST", "postId=987654321",
            "https://www.facebook.com/groups/123456789/posts/987654321"},
        {"https://www.facebook.com/groups/123456789/?multi_permalinks=987654321,111&notif_id=5", "FACEBOOK", "POST",
            "postId=987654321", "https://www.facebook.com/groups/123456789/posts/987654321"},
        {"https://www.facebook.com/groups/123456789/user/100012345678901/", "FACEBOOK", "PROFILE",
            "numericId=100012345678901", "https://www.facebook.com/profile.php?id=100012345678901"},
        {"https://www.facebook.com/zuck/posts/10114929220155021?__cft__[0]=AZX&__tn__=%2CO%2CP-R", "FACEBOOK", "POST",
            "vanity=zuck;postId=10114929220155021", "https://www.facebook.com/zuck/posts/10114929220155021"},
        {"https://www.facebook.com/zuck/posts/pfbid02Abc123XyZ?comment_id=5551&reply_comment_id=5552", "FACEBOOK", "POST",
            "postId=pfbid02Abc123XyZ;commentId=5551;replyCommentId=5552",
            "https://www.facebook.com/zuck/posts/pfbid02Abc123XyZ?comment_id=5551&reply_comment_id=5552"},
        {"https://www.facebook.com/permalink.php?story_fbid=987654321&id=100012345678901&rdid=x", "FACEBOOK", "POST",
            "postId=987654321;ownerId=100012345678901",
            "https://www.facebook.com/permalink.php?story_fbid=987654321&id=100012345678901"},
        {"https://m.facebook.com/story.php?story_fbid=pfbid0Qw9ZZ&id=100012345678901", "FACEBOOK", "POST",
            "postId=pfbid0Qw9ZZ", "https://www.facebook.com/permalink.php?story_fbid=pfbid0Qw9ZZ&id=100012345678901"},
        // media
        {"https://www.facebook.com/photo.php?fbid=1122334455&set=a.998877&type=3", "FACEBOOK", "PHOTO", "photoId=1122334455",
            "https://www.facebook.com/photo/?fbid=1122334455"},
        {"https://www.facebook.com/photo/?fbid=1122334455&set=pcb.1", "FACEBOOK", "PHOTO", "photoId=1122334455",
            "https://www.facebook.com/photo/?fbid=1122334455"},
        {"https://www.facebook.com/zuck/photos/a.998877/1122334455/", "FACEBOOK", "PHOTO", "photoId=1122334455;albumId=a.998877",
            "https://www.facebook.com/photo/?fbid=1122334455"},
        {"https://www.facebook.com/media/set/?set=a.998877&type=3", "FACEBOOK", "PHOTO", "albumId=a.998877",
            "https://www.facebook.com/media/set/?set=a.998877"},
        {"https://www.facebook.com/watch/?v=5566778899&extid=x", "FACEBOOK", "VIDEO", "videoId=5566778899",
            "https://www.facebook.com/watch/?v=5566778899"},
        {"https://www.facebook.com/watch/live/?v=5566778899&ref=watch_permalink", "FACEBOOK", "VIDEO", "videoId=5566778899",
            "https://www.facebook.com/watch/?v=5566778899"},
        {"https://www.facebook.com/zuck/videos/some-title/5566778899/", "FACEBOOK", "VIDEO", "videoId=5566778899",
            "https://www.facebook.com/watch/?v=5566778899"},
        {"https://m.facebook.com/video.php?v=5566778899", "FACEBOOK", "VIDEO", "videoId=5566778899",
            "https://www.facebook.com/watch/?v=5566778899"},
        {"https://www.facebook.com/reel/7788990011?s=yWDuG2&fs=e&mibextid=Nif5oz", "FACEBOOK", "REEL", "videoId=7788990011",
            "https://www.facebook.com/reel/7788990011"},
        {"https://www.facebook.com/stories/100012345678901/UzpfSVNDOjE2OTc3NDEwMjQzNDg5OTU=/?source=profile_highlight",
            "FACEBOOK", "STORY", "owner=100012345678901;storyId=UzpfSVNDOjE2OTc3NDEwMjQzNDg5OTU=",
            "https://www.facebook.com/stories/100012345678901/UzpfSVNDOjE2OTc3NDEwMjQzNDg5OTU="},
        // short links
        {"https://www.facebook.com/share/p/1AbCdEfGh/?mibextid=WC7FNe", "FACEBOOK", "SHORT_LINK", "code=1AbCdEfGh;unresolved=true",
            "https://www.facebook.com/share/p/1AbCdEfGh"},
        {"https://www.facebook.com/share/r/1XyZ/", "FACEBOOK", "SHORT_LINK", "code=1XyZ", "https://www.facebook.com/share/r/1XyZ"},
        {"https://www.facebook.com/share/v/1XyZ/", "FACEBOOK", "SHORT_LINK", "code=1XyZ", "https://www.facebook.com/share/v/1XyZ"},
        {"https://m.facebook.com/share/16QkPq2x/", "FACEBOOK", "SHORT_LINK", "code=16QkPq2x;unresolved=true",
            "https://www.facebook.com/share/16QkPq2x"},
        {"https://fb.watch/nT4_5ZbX9q/", "FACEBOOK", "SHORT_LINK", "code=nT4_5ZbX9q;unresolved=true", "https://fb.watch/nT4_5ZbX9q"},
        {"fb.me/1AbCd2", "FACEBOOK", "SHORT_LINK", "code=1AbCd2;unresolved=true", "https://fb.me/1AbCd2"},
        {"https://fb.gg/StreamerOne", "FACEBOOK", "SHORT_LINK", "code=StreamerOne;unresolved=true", "https://fb.gg/StreamerOne"},
        // other kinds
        {"https://www.facebook.com/events/334455667788/?ref=newsfeed", "FACEBOOK", "PAGE", "eventId=334455667788",
            "https://www.facebook.com/events/334455667788"},
        {"https://www.facebook.com/hashtag/JualMurah?__eep__=6", "FACEBOOK", "WEB_PAGE", "hashtag=jualmurah",
            "https://www.facebook.com/hashtag/jualmurah"},
        {"https://www.facebook.com/marketplace/item/445566778899/?ref=search", "FACEBOOK", "POST", "listingId=445566778899",
            "https://www.facebook.com/marketplace/item/445566778899"},
        {"https://www.facebook.com/help/1234?ref=x&fbclid=y", "FACEBOOK", "WEB_PAGE", "", "https://www.facebook.com/help/1234"},
        {"https://www.facebook.com/login/", "FACEBOOK", "WEB_PAGE", "", "https://www.facebook.com/login/"},
        {"https://www.facebook.com/privacy/policy/?entry_point=x", "FACEBOOK", "WEB_PAGE", "",
            "https://www.facebook.com/privacy/policy/"},
        {"https://www.facebook.com/", "FACEBOOK", "WEB_PAGE", "", "https://www.facebook.com/"},
        {"https://developers.facebook.com/docs/graph-api?utm_source=x", "FACEBOOK", "WEB_PAGE", "",
            "https://developers.facebook.com/docs/graph-api"},
        // Messenger
        {"https://m.me/Bad.Actor?ref=x", "MESSENGER", "PROFILE", "vanity=bad.actor", "https://m.me/badactor"},
        {"https://m.me/100012345678901", "MESSENGER", "PROFILE", "numericId=100012345678901", "https://m.me/100012345678901"},
        {"https://m.me/j/AbYz12_-Cd/", "MESSENGER", "INVITE_LINK", "inviteCode=AbYz12_-Cd", "https://m.me/j/AbYz12_-Cd"},
        {"https://www.messenger.com/t/100012345678901/", "MESSENGER", "MESSAGE", "threadId=100012345678901",
            "https://www.messenger.com/t/100012345678901"},
        {"https://www.messenger.com/e2ee/t/100012345678901", "MESSENGER", "MESSAGE", "threadId=100012345678901",
            "https://www.messenger.com/t/100012345678901"},
        {"https://www.facebook.com/messages/t/100012345678901", "MESSENGER", "MESSAGE", "threadId=100012345678901",
            "https://www.messenger.com/t/100012345678901"},
        {"https://www.messenger.com/login/", "MESSENGER", "WEB_PAGE", "", "https://www.messenger.com/login/"},
    };

    /** Every row of a group is the same item. */
    private static final String[][] SAME = {
        {"https://www.facebook.com/zuck", "http://m.facebook.com/ZUCK/", "https://mbasic.facebook.com/z.u.c.k?fbclid=x",
            "https://web.facebook.com/zuck?mibextid=ZbWKwL", "https://touch.facebook.com/zuck#timeline",
            "https://www.facebook.com/zuck/about", "https://fb.com/Zuck", "https://www.facebook.com/pg/zuck",
            "https://www.facebook.com/#!/zuck", "hxxps://www[.]facebook[.]com/zuck"},
        {"https://www.facebook.com/profile.php?id=100012345678901", "https://m.facebook.com/profile.php?id=100012345678901&ref=x",
            "https://www.facebook.com/100012345678901", "https://www.facebook.com/people/Bad-Actor/100012345678901/",
            "https://www.facebook.com/profile/100012345678901", "https://www.facebook.com/pages/Bad-Actor/100012345678901",
            "https://www.facebook.com/Bad-Actor-100012345678901/"},
        {"https://www.facebook.com/groups/123/posts/456/", "https://m.facebook.com/groups/123/permalink/456/",
            "https://www.facebook.com/groups/123/?multi_permalinks=456", "https://www.facebook.com/groups/123/?view=permalink&id=456",
            "https://www.facebook.com/permalink.php?story_fbid=456&id=123", "https://mbasic.facebook.com/story.php?story_fbid=456&id=123&refid=18",
            "https://www.facebook.com/groups/123/posts/456/?__cft__[0]=AZ&__tn__=%2CO%2CP-R"},
        {"https://www.facebook.com/groups/123", "https://m.facebook.com/groups/123/about/", "https://www.facebook.com/groups/123/?ref=share"},
        {"https://www.facebook.com/watch/?v=777", "https://www.facebook.com/watch?v=777", "https://m.facebook.com/video.php?v=777",
            "https://www.facebook.com/zuck/videos/777/", "https://www.facebook.com/reel/777/?s=ifu", "https://fb.com/watch/live/?v=777"},
        {"https://www.facebook.com/photo.php?fbid=55", "https://www.facebook.com/photo/?fbid=55&set=a.1",
            "https://www.facebook.com/zuck/photos/a.1/55/", "https://m.facebook.com/photo.php?fbid=55&id=4&set=a.1&source=48"},
        {"https://m.me/bad.actor", "https://m.me/BadActor/", "https://www.m.me/badactor?ref=x"},
        {"https://www.messenger.com/t/100012345678901", "https://www.facebook.com/messages/t/100012345678901/",
            "https://www.messenger.com/e2ee/t/100012345678901"},
        {"https://www.facebook.com/share/p/1AbC/", "https://m.facebook.com/share/p/1AbC?mibextid=WC7FNe"},
    };

    /** Each pair is two different items. */
    private static final String[][] DIFFERENT = {
        {"https://www.facebook.com/zuck", "https://www.facebook.com/zuck/posts/123"},
        {"https://www.facebook.com/groups/123", "https://www.facebook.com/groups/124"},
        {"https://www.facebook.com/groups/123", "https://www.facebook.com/123"},
        {"https://www.facebook.com/groups/123", "https://www.facebook.com/groups/123/posts/456"},
        {"https://www.facebook.com/zuck/posts/123", "https://www.facebook.com/zuck/posts/123?comment_id=9"},
        {"https://www.facebook.com/share/p/1AbC", "https://www.facebook.com/share/p/1abc"},
        {"https://www.facebook.com/share/p/1AbC", "https://www.facebook.com/share/r/1AbC"},
        {"https://fb.watch/AbC/", "https://fb.watch/abc/"},
        {"https://www.facebook.com/photo/?fbid=55", "https://www.facebook.com/watch/?v=55"},
        {"https://www.facebook.com/profile.php?id=55", "https://www.facebook.com/profile.php?id=56"},
        {"https://www.facebook.com/zuck", "https://m.me/zuck"},
        {"https://m.me/zuck", "https://www.messenger.com/t/zuck"},
        {"https://www.facebook.com/events/55", "https://www.facebook.com/marketplace/item/55"},
        {"https://www.facebook.com/help/1", "https://www.facebook.com/help/2"},
        {"https://www.facebook.com/stories/4/AbC=", "https://www.facebook.com/stories/4/abc="},
    };

    /** Not Facebook at all. */
    private static final String[] NOT_FACEBOOK = {
        "https://facebook.com.evil.example/zuck", "https://facebook.com@evil.example/zuck", "https://evilfacebook.com/zuck",
        "https://notfacebook.com/zuck", "https://facebook.co/zuck", "https://facebook.com.my/zuck", "https://fb.com.evil.example/x",
        "https://xm.me/zuck", "https://fbwatch.com/abc", "https://messenger.com.evil.example/t/1", "ftp://facebook.com/zuck",
        "https://faceb00k.com/zuck", "https://www.facebook.evil/zuck", "https://instagram.com/zuck",
    };

    /** Redirect wrapper -> target. */
    private static final String[][] WRAPPED = {
        {"https://l.facebook.com/l.php?u=https%3A%2F%2Fbad.example%2Fx%3Fa%3D1&h=AT0", "https://bad.example/x?a=1"},
        {"https://lm.facebook.com/l.php?u=http%3A%2F%2Fbad.example%2F&h=AT1", "http://bad.example/"},
        {"https://l.messenger.com/l.php?u=https%3A%2F%2Fbad.example%2F", "https://bad.example/"},
        {"https://www.facebook.com/flx/warn/?u=https%3A%2F%2Fbad.example%2Fy&h=AT2", "https://bad.example/y"},
        {"https://l.facebook.com/l.php?u=bad.example%2Fz", "https://bad.example/z"},
        {"https://www.facebook.com/login/?next=https%3A%2F%2Fwww.facebook.com%2Fgroups%2F123%2F",
            "https://www.facebook.com/groups/123/"},
        {"https://m.facebook.com/login.php?next=%2Fzuck%2Fposts%2F1", "https://www.facebook.com/zuck/posts/1"},
    };

    private Url url(String text) {
        return table.url(text);
    }

    private ParsedItem parse(String text) {
        return table.parse(text);
    }

    @Test
    public void shapes() {
        assertTrue(SHAPES.length >= 45);
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
    public void accountKeysIgnoreKindPageOrProfile() {
        ParsedItem page = parse("https://www.facebook.com/pages/Shop/123456789");
        ParsedItem profile = parse("https://www.facebook.com/profile.php?id=123456789");
        assertEquals("PAGE", page.kind());
        assertEquals("PROFILE", profile.kind());
        assertEquals(page.dedupKey(), profile.dedupKey());
    }

    @Test
    public void lookalikesAreNotFacebook() {
        for (String text : NOT_FACEBOOK) {
            assertFalse(text, parser.parse(url(text)).isPresent());
            assertFalse(text, parser.unwrap(url(text)).isPresent());
        }
    }

    @Test
    public void wrappersUnwrap() {
        for (String[] row : WRAPPED) {
            assertEquals(row[0], Optional.of(row[1]), parser.unwrap(url(row[0])));
        }
        assertFalse(parser.unwrap(url("https://www.facebook.com/zuck")).isPresent());
        assertFalse(parser.unwrap(url("https://l.facebook.com/l.php")).isPresent());
        assertFalse(parser.unwrap(url("https://www.facebook.com/login/?next=https%3A%2F%2Fevil.example%2F")).isPresent());
        // a wrapper that cannot be unwrapped is still a Facebook page
        assertEquals("WEB_PAGE", parse("https://l.facebook.com/l.php").kind());
    }

    @Test
    public void reservedWordsAreNotUsernames() {
        for (String word : new String[] {"login", "help", "privacy", "policies", "settings", "home.php", "watch", "gaming",
                "marketplace", "groups", "events", "pages", "photo", "reel", "stories", "share", "dialog", "sharer", "plugins",
                "me", "notifications", "search", "friends", "bookmarks"}) {
            assertEquals(word, "WEB_PAGE", parse("https://www.facebook.com/" + word).kind());
        }
    }

    @Test
    public void neverThrows() {
        table.neverThrows(SHAPES, 20240611L);
    }
}
