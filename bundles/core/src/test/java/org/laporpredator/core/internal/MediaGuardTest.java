package org.laporpredator.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.Test;
import org.laporpredator.api.Category;
import org.laporpredator.api.Submission;
import org.laporpredator.api.SubmissionRejected;

public class MediaGuardTest {

    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    private final MediaGuard guard = new MediaGuard(512);

    private static String base64(int bytes) {
        byte[] b = new byte[bytes];
        new Random(7).nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    public void dataUrisInEveryShape() {
        for (String text : List.of(
                "data:image/png;base64," + PNG,
                "DATA:IMAGE/PNG;BASE64," + PNG,
                "Data:Image/Jpeg;base64,/9j/4AAQ",
                "data:,hello",
                "data:text/plain,hello",
                "data:video/mp4;name=x.mp4;base64,AAAA",
                "data:;base64,AAAA",
                "data: image/png ; base64 , AAAA",
                "https://bad.example/?img=data:image/png;base64", // the links box splits at commas
                "data:image/png",
                "data:;base64",
                "data:text/plain;charset=utf-8,hi",
                "see https://bad.example/p?img=data:image/png;base64,AAAA",
                "https://bad.example/p#data:image/gif;base64,R0lGOD",
                "https://bad.example/p?img=data%3Aimage%2Fpng%3Bbase64%2CAAAA",
                "https://bad.example/p?img=data%253Aimage%252Fpng%253Bbase64%252CAAAA",
                "\uff44\uff41\uff54\uff41:image/png;base64,AAAA",
                "link: <data:image/svg+xml,%3Csvg%3E>",
                "12/03/2024, 10:15 - Ali: data:image/png;base64," + PNG)) {
            assertTrue(text, guard.holdsMedia(text));
        }
    }

    @Test
    public void wordsThatMerelyMentionDataPass() {
        for (String text : List.of(
                "He asked for my personal data: name, school and address.",
                "metadata: none",
                "The data, he said, was gone",
                "data: he kept all of it",
                "Their data:\nnames and schools",
                "https://www.facebook.com/groups/123456789/posts/987654321/?__cft__[0]=AZV" + "x".repeat(200),
                "https://bad.example/a, https://bad.example/b",
                "Call 012-345 6789 or 019 876 5432, 011-2345 6789",
                "a bad cafe, be dead face added fed")) {
            assertFalse(text, guard.holdsMedia(text));
        }
    }

    @Test
    public void longBase64IsMediaShortIsNot() {
        assertTrue(guard.holdsMedia("look " + base64(400) + " here"));
        assertFalse(guard.holdsMedia("token " + base64(300))); // 400 characters
        assertTrue(guard.holdsMedia("x".repeat(512)));
        assertFalse(guard.holdsMedia("x".repeat(511)));
        assertTrue(new MediaGuard(100).holdsMedia(base64(80)));
    }

    @Test
    public void wrappedBase64CountsAcrossLineBreaks() {
        String wrapped = Base64.getMimeEncoder().encodeToString(new byte[600]); // 76-character lines, CRLF
        assertTrue(wrapped.contains("\r\n"));
        assertTrue(guard.holdsMedia(wrapped));
        assertTrue(guard.holdsMedia(wrapped.replace("\r\n", "\n")));
        // short words on many lines do not add up
        assertFalse(guard.holdsMedia(("word\n").repeat(300)));
    }

    @Test
    public void percentEncodedBase64IsDecodedFirst() {
        String b64 = base64(450);
        String encoded = b64.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
        assertTrue(guard.holdsMedia("https://bad.example/?q=" + encoded));
    }

    @Test
    public void hexDumpsAreMedia() {
        StringBuilder spaced = new StringBuilder();
        StringBuilder escaped = new StringBuilder();
        StringBuilder array = new StringBuilder();
        StringBuilder colons = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String b = String.format("%02x", i & 0xff);
            spaced.append(b).append(i % 16 == 15 ? "\n" : " ");
            escaped.append("\\x").append(b);
            array.append("0x").append(b).append(", ");
            colons.append(b).append(':');
        }
        assertTrue(guard.holdsMedia(spaced.toString()));
        assertTrue(guard.holdsMedia(escaped.toString()));
        assertTrue(guard.holdsMedia(array.toString()));
        assertTrue(guard.holdsMedia(colons.toString()));
        assertTrue(guard.holdsMedia("89504e470d0a1a0a".repeat(40))); // contiguous: a base64 run
        assertFalse(guard.holdsMedia(spaced.substring(0, 600))); // 200 bytes
    }

    @Test
    public void everyFieldIsChecked() {
        String media = "data:image/png;base64," + PNG;
        List<Submission> submissions = List.of(
                new Submission("web", null, List.of("https://ok.example/", media), Category.CSAM, null, true, null, "en"),
                new Submission("web", null, List.of("https://ok.example/"), Category.CSAM, media, true, null, "en"),
                new Submission("web", null, List.of("https://ok.example/"), Category.CSAM, null, false, media, "en"),
                new Submission("web", null, List.of("https://ok.example/"), Category.CSAM, null, true, null, "en",
                        "12/03/2024, 10:15 - Ali: " + media));
        for (Submission s : submissions) {
            SubmissionRejected e = assertThrows(SubmissionRejected.class, () -> guard.check(s));
            assertEquals(MediaGuard.CODE, e.code());
            assertTrue(e.getMessage(), e.getMessage().contains("link"));
        }
        guard.check(new Submission("web", null, List.of("https://ok.example/"), Category.CSAM, "fine", false, "me@x.my", "en"));
    }

    @Test
    public void percentDecoding() {
        assertEquals("a:/ %zz %", MediaGuard.percentDecoded("a%3A%2f %zz %"));
    }

    @Test
    public void aWholeChatExportWithoutMediaPasses() {
        String chat = ("12/03/2024, 10:15 - Ali: lihat https://t.me/joinchat/AAAAAEk data ; , : / \n").repeat(25_000);
        assertFalse(guard.holdsMedia(chat));
        assertTrue(guard.holdsMedia(chat + "12/03/2024, 10:16 - Ali: data:image/jpeg;base64,/9j/\n"));
    }
}
