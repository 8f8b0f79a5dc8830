package org.laporpredator.parser.youtube.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import org.junit.Test;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.testing.ShapeTable;

public class YouTubeParserTest {

    private final YouTubeParser parser = new YouTubeParser();
    private final ShapeTable table = new ShapeTable(parser);

    private static final String W = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";

    /** input, platform, kind, identifiers ("k=v;k=v", every one must match), canonical URL. */
    private static final String[][] SHAPES = {
        // videos
        {"https://www.youtube.com/watch?v=dQw4w9WgXcQ", "YOUTUBE", "VIDEO", "videoId=dQw4w9WgXcQ", W},
        {"youtube.com/watch?v=dQw4w9WgXcQ&t=42s&si=AbCdEf", "YOUTUBE", "VIDEO", "videoId=dQw4w9WgXcQ", W},
        {"https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&pp=ygUE", "YOUTUBE", "VIDEO", "videoId=dQw4w9WgXcQ", W},
        {"https://music.youtube.com/watch?v=dQw4w9WgXcQ&list=RDAMVMdQw4w9WgXcQ", "YOUTUBE", "VIDEO", "videoId=dQw4w9WgXcQ", W},
        {"https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLabc123&index=3&ab_channel=Someone", "YOUTUBE", "VIDEO",
            "videoId=dQw4w9WgXcQ", W},
        {"https://youtu.be/dQw4w9WgXcQ?si=abcdEFGH", "YOUTUBE", "VIDEO", "videoId=dQw4w9WgXcQ", W},
        {"https://www.youtube.com/shorts/dQw4w9WgXcQ?feature=share", "YOUTUBE", "VIDEO", "videoId=dQw4w9WgXcQ", W},
        {"https://www.youtube.com/live/dQw4w9WgXcQ?si=x", "YOUTUBE", "VIDEO", "videoId=dQw4w9WgXcQ", W},
        {"https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0", "YOUTUBE", "VIDEO", "videoId=dQw4w9WgXcQ", W},
        {"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "YOUTUBE", "VIDEO", "videoId=dQw4w9WgXcQ", W},
        {"http://www.youtube.com/v/dQw4w9WgXcQ?version=3", "YOUTUBE", "VIDEO", "videoId=dQw4w9WgXcQ", W},
        {"https://www.youtube.com/e/dQw4w9WgXcQ", "YOUTUBE", "VIDEO", "videoId=dQw4w9WgXcQ", W},
        {"https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzAbC123xyz", "YOUTUBE", "POST",
            "videoId=dQw4w9WgXcQ;commentId=UgzAbC123xyz", W + "&lc=UgzAbC123xyz"},
        {"https://www.youtube.com/clip/UgkxAbCdEfGh123", "YOUTUBE", "VIDEO", "clipId=UgkxAbCdEfGh123",
            "https://www.youtube.com/clip/UgkxAbCdEfGh123"},
        // playlists
        {"https://www.youtube.com/playlist?list=PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf&si=x", "YOUTUBE", "PAGE",
            "playlistId=PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf",
            "https://www.youtube.com/playlist?list=PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf"},
        {"https://www.youtube.com/embed/videoseries?list=PLabc123", "YOUTUBE", "PAGE", "playlistId=PLabc123",
            "https://www.youtube.com/playlist?list=PLabc123"},
        // accounts
        {"https://www.youtube.com/@SomeChannel", "YOUTUBE", "PROFILE", "handle=somechannel",
            "https://www.youtube.com/@somechannel"},
        {"https://m.youtube.com/@Some.Channel-1/videos?app=desktop", "YOUTUBE", "PROFILE", "handle=some.channel-1",
            "https://www.youtube.com/@some.channel-1"},
        {"https://www.youtube.com/@%E6%97%A5%E6%9C%AC", "YOUTUBE", "PROFILE", "handle=\u65e5\u672c",
            "https://www.youtube.com/@%E6%97%A5%E6%9C%AC"},
        {"https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw", "YOUTUBE", "CHANNEL",
            "channelId=UCuAXFkgsw1L7xaCfnd5JJOw", "https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw"},
        {"https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw/featured?view_as=subscriber", "YOUTUBE", "CHANNEL",
            "channelId=UCuAXFkgsw1L7xaCfnd5JJOw", "https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw"},
        {"https://www.youtube.com/embed/live_stream?channel=UCuAXFkgsw1L7xaCfnd5JJOw", "YOUTUBE", "CHANNEL",
            "channelId=UCuAXFkgsw1L7xaCfnd5JJOw", "https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw"},
        {"https://www.youtube.com/c/GoogleDevelopers/videos", "YOUTUBE", "PROFILE", "customName=googledevelopers",
            "https://www.youtube.com/c/googledevelopers"},
        {"https://www.youtube.com/GoogleDevelopers", "YOUTUBE", "PROFILE", "customName=googledevelopers",
            "https://www.youtube.com/c/googledevelopers"},
        {"https://www.youtube.com/user/SomeOldUser", "YOUTUBE", "PROFILE", "legacyUsername=someolduser",
            "https://www.youtube.com/user/someolduser"},
        // posts
        {"https://www.youtube.com/post/UgkxAbCdEfGhIjKl", "YOUTUBE", "POST", "postId=UgkxAbCdEfGhIjKl",
            "https://www.youtube.com/post/UgkxAbCdEfGhIjKl"},
        {"https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw/community?lb=UgkxAbCdEfGhIjKl", "YOUTUBE", "POST",
            "postId=UgkxAbCdEfGhIjKl", "https://www.youtube.com/post/UgkxAbCdEfGhIjKl"},
        {"https://www.youtube.com/@SomeChannel/community?lb=UgkxAbCdEfGhIjKl", "YOUTUBE", "POST",
            "postId=UgkxAbCdEfGhIjKl", "https://www.youtube.com/post/UgkxAbCdEfGhIjKl"},
        // web pages
        {"https://www.youtube.com/hashtag/JualMurah", "YOUTUBE", "WEB_PAGE", "hashtag=jualmurah",
            "https://www.youtube.com/hashtag/jualmurah"},
        {"https://www.youtube.com/results?search_query=abc&sp=EgIQAQ%253D%253D", "YOUTUBE", "WEB_PAGE", "",
            "https://www.youtube.com/results?search_query=abc"},
        {"https://www.youtube.com/feed/trending?utm_source=x", "YOUTUBE", "WEB_PAGE", "",
            "https://www.youtube.com/feed/trending"},
        {"https://www.youtube.com/", "YOUTUBE", "WEB_PAGE", "", "https://www.youtube.com/"},
        {"https://www.youtube.com/watch?v=tooShort", "YOUTUBE", "WEB_PAGE", "", "https://www.youtube.com/watch?v=tooShort"},
        {"https://studio.youtube.com/channel/UCx/videos", "YOUTUBE", "WEB_PAGE", "",
            "https://studio.youtube.com/channel/UCx/videos"},
        {"https://youtu.be/", "YOUTUBE", "WEB_PAGE", "", "https://youtu.be/"},
        {"https://www.youtube.com/redirect?q=https%3A%2F%2Fbad.example%2F", "YOUTUBE", "WEB_PAGE", "",
            "https://www.youtube.com/redirect?q=https%3A%2F%2Fbad.example%2F"},
    };

    /** Every row of a group is the same item. */
    private static final String[][] SAME = {
        {W, "https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=youtu.be", "https://youtube.com/live/dQw4w9WgXcQ",
            "https://www.youtube.com/embed/dQw4w9WgXcQ?start=10", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube.com/v/dQw4w9WgXcQ", "https://music.youtube.com/watch?v=dQw4w9WgXcQ&si=a",
            "https://www.youtube.com/watch?app=desktop&v=dQw4w9WgXcQ#t=30", "https://www.youtube.com/watch/dQw4w9WgXcQ",
            "hxxps://youtu[.]be/dQw4w9WgXcQ?t=1", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL1&index=2&pp=x",
            "https://youtu.be/dQw4w9WgXcQ&feature=share", "https://www.youtube.com/shorts/dQw4w9WgXcQ/"},
        {"https://www.youtube.com/@SomeChannel", "https://youtube.com/@somechannel/", "https://m.youtube.com/@SOMECHANNEL/shorts",
            "https://www.youtube.com/@SomeChannel/about?si=x", "https://www.youtube.com/@somechannel/community"},
        {"https://www.youtube.com/c/SomeName", "https://www.youtube.com/SomeName", "https://m.youtube.com/c/somename/videos"},
        {"https://www.youtube.com/playlist?list=PLabc", "https://www.youtube.com/watch?list=PLabc",
            "https://www.youtube.com/embed/videoseries?list=PLabc", "https://music.youtube.com/playlist?list=PLabc&si=x"},
        {"https://www.youtube.com/post/Ugkx1", "https://www.youtube.com/channel/UCx/community?lb=Ugkx1",
            "https://www.youtube.com/@someone/posts?lb=Ugkx1"},
        {"https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw", "https://m.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw/live"},
    };

    /** Each pair is two different items. */
    private static final String[][] DIFFERENT = {
        {W, "https://www.youtube.com/watch?v=dQw4w9WgXcq"},
        {W, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=Ugz1"},
        {W, "https://www.youtube.com/playlist?list=PLabc"},
        {"https://www.youtube.com/playlist?list=PLabc", "https://www.youtube.com/playlist?list=PLABC"},
        {"https://www.youtube.com/@some", "https://www.youtube.com/c/some"},
        {"https://www.youtube.com/c/some", "https://www.youtube.com/user/some"},
        {"https://www.youtube.com/channel/UCabc", "https://www.youtube.com/channel/UCABC"},
        {"https://www.youtube.com/post/Ugkx1", "https://www.youtube.com/post/UgkX1"},
        {"https://www.youtube.com/clip/Ugkx1", "https://www.youtube.com/post/Ugkx1"},
        {"https://www.youtube.com/@a", "https://www.youtube.com/@b"},
        {"https://www.youtube.com/results?search_query=a", "https://www.youtube.com/results?search_query=b"},
    };

    /** Not YouTube at all. */
    private static final String[] NOT_YOUTUBE = {
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "https://youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
        "https://evilyoutube.com/watch?v=dQw4w9WgXcQ", "https://youtu.be.evil.example/dQw4w9WgXcQ",
        "https://notyoutu.be/dQw4w9WgXcQ", "https://youtube.co/watch?v=dQw4w9WgXcQ", "ftp://youtube.com/watch?v=dQw4w9WgXcQ",
        "https://you-tube.com/@x", "https://www.youtube.evil/@x", "https://google.com/watch?v=dQw4w9WgXcQ",
        "https://youtube-nocookie.com.evil.example/embed/dQw4w9WgXcQ",
    };

    /** Redirect wrapper -> target. */
    private static final String[][] WRAPPED = {
        {"https://www.youtube.com/redirect?event=video_description&redir_token=QUFF&q=https%3A%2F%2Fbad.example%2Fx%3Fa%3D1",
            "https://bad.example/x?a=1"},
        {"https://youtube.com/redirect?q=http%3A%2F%2Fbad.example%2F&v=dQw4w9WgXcQ", "http://bad.example/"},
        {"https://www.youtube.com/redirect?q=bad.example%2Fy", "https://bad.example/y"},
        {"https://www.youtube.com/attribution_link?a=abc&u=%2Fwatch%3Fv%3DdQw4w9WgXcQ%26feature%3Dshare",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share"},
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
    public void lookalikesAreNotYouTube() {
        for (String text : NOT_YOUTUBE) {
            assertFalse(text, parser.parse(url(text)).isPresent());
            assertFalse(text, parser.unwrap(url(text)).isPresent());
        }
    }

    @Test
    public void wrappersUnwrap() {
        for (String[] row : WRAPPED) {
            assertEquals(row[0], Optional.of(row[1]), parser.unwrap(url(row[0])));
        }
        assertFalse(parser.unwrap(url(W)).isPresent());
        assertFalse(parser.unwrap(url("https://www.youtube.com/redirect")).isPresent());
        assertFalse(parser.unwrap(url("https://www.youtube.com/redirect?q=javascript%3Aalert(1)")).isPresent());
        assertFalse(parser.unwrap(url("https://www.youtube.com/attribution_link?u=https%3A%2F%2Fevil.example%2F")).isPresent());
    }

    @Test
    public void reservedWordsAreNotAccounts() {
        for (String word : new String[] {"feed", "results", "premium", "gaming", "account", "about", "kids", "music",
                "playlist", "watch", "shorts", "channel", "redirect", "signin", "upload", "robots.txt"}) {
            assertEquals(word, "WEB_PAGE", parse("https://www.youtube.com/" + word).kind());
        }
    }

    @Test
    public void neverThrows() {
        table.neverThrows(SHAPES, 20240611L);
    }
}
