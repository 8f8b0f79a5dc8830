package org.laporpredator.channel.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;
import org.laporpredator.api.Category;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.Submission;

public class SubmissionReaderTest {

    private static final String JSON = "application/json";

    private static Submission read(String json) {
        return SubmissionReader.fromJson(JSON, null, stream(json));
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static WebError error(String contentType, String contentLength, InputStream body) {
        try {
            SubmissionReader.fromJson(contentType, contentLength, body);
        } catch (WebError e) {
            return e;
        }
        fail("expected an error");
        return null;
    }

    private static void assertError(int status, String code, String json) {
        WebError e = error(JSON, null, stream(json));
        assertEquals(code, e.code());
        assertEquals(status, e.status());
    }

    private static void assertInvalidField(String field, String json) {
        WebError e = error(JSON, null, stream(json));
        assertEquals("invalid_field", e.code());
        assertEquals(400, e.status());
        assertEquals(field, e.field());
    }

    @Test
    public void readsAFullReport() {
        Submission s = read("{\"platform\":\"telegram\",\"urls\":[\"https://t.me/a\",\" https://t.me/b \"],"
                + "\"category\":\"Grooming\",\"description\":\"he asked for photos\",\"anonymous\":false,"
                + "\"contact\":\"ali@example.com\",\"language\":\"en\",\"somethingElse\":42}");
        assertEquals("channel-web", s.channel());
        assertEquals(PlatformHint.TELEGRAM, s.platformHint());
        assertEquals(List.of("https://t.me/a", "https://t.me/b"), s.urls());
        assertEquals(Category.GROOMING, s.category());
        assertEquals("he asked for photos", s.description());
        assertFalse(s.anonymous());
        assertEquals("ali@example.com", s.contact());
        assertEquals("en", s.language());
    }

    @Test
    public void urlsAsOneCommaSeparatedString() {
        Submission s = read("{\"urls\":\" https://a.example/1 ,, https://b.example/2,\\nhttps://c.example/3 , \","
                + "\"category\":\"CSAM\"}");
        assertEquals(List.of("https://a.example/1", "https://b.example/2", "https://c.example/3"), s.urls());
    }

    @Test
    public void emptyArrayEntriesAreDropped() {
        Submission s = read("{\"urls\":[\"\",\"  \",\"https://a.example/\"],\"category\":\"CSAM\"}");
        assertEquals(List.of("https://a.example/"), s.urls());
    }

    @Test
    public void defaults() {
        Submission s = read("{\"category\":\"other\"}");
        assertNull(s.platformHint());
        assertEquals(List.of(), s.urls());
        assertNull(s.description());
        assertFalse(s.anonymous());
        assertNull(s.contact());
        assertEquals("ms", s.language());
        assertFalse("not urgent unless the reporter says so", s.urgent());
    }

    @Test
    public void urgentIsKeptThroughTheIdempotencyKey() {
        Submission s = read("{\"category\":\"SEXTORTION\",\"urgent\":true}");
        assertTrue(s.urgent());
        assertTrue(s.from("client", "key-1").urgent());
        assertFalse(read("{\"category\":\"SEXTORTION\",\"urgent\":false}").urgent());
    }

    @Test
    public void anonymousDropsTheContact() {
        Submission s = read("{\"category\":\"CSAM\",\"anonymous\":true,\"contact\":\"012-3456789\"}");
        assertTrue(s.anonymous());
        assertNull(s.contact());
    }

    @Test
    public void platformErrors() {
        assertError(400, "unknown_platform", "{\"category\":\"CSAM\",\"platform\":\"myspace\"}");
        assertEquals(PlatformHint.X, read("{\"category\":\"CSAM\",\"platform\":\" x \"}").platformHint());
        assertNull(read("{\"category\":\"CSAM\",\"platform\":\"\"}").platformHint());
    }

    @Test
    public void categoryErrors() {
        assertError(400, "missing_category", "{\"urls\":\"https://a.example/\"}");
        assertError(400, "missing_category", "{\"category\":null}");
        assertError(400, "missing_category", "{\"category\":\" \"}");
        assertError(400, "unknown_category", "{\"category\":\"spam\"}");
        assertEquals(Category.SEXTORTION, read("{\"category\":\"sextortion\"}").category());
    }

    @Test
    public void languageErrors() {
        assertError(400, "unsupported_language", "{\"category\":\"CSAM\",\"language\":\"fr\"}");
        assertEquals("en", read("{\"category\":\"CSAM\",\"language\":\"EN\"}").language());
    }

    @Test
    public void errorsAfterTheLanguageCarryIt() {
        WebError e = error(JSON, null, stream("{\"category\":\"nope\",\"language\":\"en\"}"));
        assertEquals("unknown_category", e.code());
        assertEquals("en", e.language());
    }

    @Test
    public void chineseAndTamilSubmissionsGetTheirLanguagesErrors() {
        assertEquals("zh", read("{\"category\":\"CSAM\",\"language\":\"zh\"}").language());
        assertEquals("ta", read("{\"category\":\"CSAM\",\"language\":\"TA\"}").language());
        for (String lang : List.of("zh", "ta")) {
            WebError e = error(JSON, null, stream("{\"category\":\"nope\",\"language\":\"" + lang + "\"}"));
            assertEquals(lang, e.language());
            // what ReportsResource answers
            String message = Messages.of(e.language()).error(e.code(), e.field(), null);
            assertEquals(Messages.of(lang).get("error.unknown_category"), message);
            assertFalse(message.equals(Messages.of("en").get("error.unknown_category")));
        }
    }

    @Test
    public void wrongTypesNameTheField() {
        assertInvalidField("urls", "{\"category\":\"CSAM\",\"urls\":5}");
        assertInvalidField("urls", "{\"category\":\"CSAM\",\"urls\":{\"a\":\"b\"}}");
        assertInvalidField("urls", "{\"category\":\"CSAM\",\"urls\":[\"https://a.example/\",7]}");
        assertInvalidField("platform", "{\"category\":\"CSAM\",\"platform\":1}");
        assertInvalidField("category", "{\"category\":[\"CSAM\"]}");
        assertInvalidField("description", "{\"category\":\"CSAM\",\"description\":{}}");
        assertInvalidField("anonymous", "{\"category\":\"CSAM\",\"anonymous\":\"true\"}");
        assertInvalidField("urgent", "{\"category\":\"CSAM\",\"urgent\":\"yes\"}");
        assertInvalidField("contact", "{\"category\":\"CSAM\",\"contact\":123}");
        assertInvalidField("language", "{\"category\":\"CSAM\",\"language\":true}");
    }

    @Test
    public void malformedJson() {
        assertError(400, "malformed_json", "");
        assertError(400, "malformed_json", "not json");
        assertError(400, "malformed_json", "[\"CSAM\"]");
        assertError(400, "malformed_json", "\"CSAM\"");
        assertError(400, "malformed_json", "null");
        assertError(400, "malformed_json", "{\"category\":\"CSAM\"");
        assertError(400, "malformed_json", "{\"category\":\"CSAM\"} {}");
        assertError(400, "malformed_json", "{\"category\":\"CSAM\",\"category\":\"OTHER\"}");
    }

    @Test
    public void contentType() {
        assertEquals(415, error(null, null, stream("{\"category\":\"CSAM\"}")).status());
        assertEquals("unsupported_media_type", error("text/plain", null, stream("{\"category\":\"CSAM\"}")).code());
        assertEquals("unsupported_media_type",
                error("application/x-www-form-urlencoded", null, stream("category=CSAM")).code());
        assertEquals("unsupported_media_type",
                error("application/json; charset=ISO-8859-1", null, stream("{\"category\":\"CSAM\"}")).code());
        assertEquals(Category.CSAM, SubmissionReader.fromJson("Application/JSON; charset=\"utf-8\"", null,
                stream("{\"category\":\"CSAM\"}")).category());
        assertEquals(Category.CSAM, SubmissionReader.fromJson("application/json;charset=UTF-8", null,
                stream("{\"category\":\"CSAM\"}")).category());
    }

    @Test
    public void bodyOfExactlyTheLimitIsRead() {
        String json = padded(SubmissionReader.MAX_BODY);
        assertEquals(SubmissionReader.MAX_BODY, json.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(Category.CSAM, read(json).category());
    }

    @Test
    public void bodyOverTheLimitIs413() {
        WebError e = error(JSON, null, stream(padded(SubmissionReader.MAX_BODY + 1)));
        assertEquals(413, e.status());
        assertEquals("body_too_large", e.code());
    }

    @Test
    public void aChatExportMayMakeTheBodyLarger() {
        String chat = "31/12/2023, 21:41 - Siti: hi\\n".repeat(10_000);
        String json = "{\"category\":\"CSAM\",\"urls\":[\"https://bad.example/x\"],\"chatExport\":\"" + chat + "\"}";
        assertTrue(json.length() > SubmissionReader.MAX_BODY);
        assertTrue(read(json).chatExport().startsWith("31/12/2023, 21:41 - Siti: hi\n"));
        String over = "{\"category\":\"CSAM\",\"chatExport\":\"" + "x".repeat(SubmissionReader.MAX_BODY_WITH_CHAT) + "\"}";
        assertEquals(413, error(JSON, null, stream(over)).status());
    }

    @Test
    public void readsNoMoreThanTheLimitPlusOne() {
        CountingStream huge = new CountingStream(10_000_000);
        assertEquals("body_too_large", error(JSON, null, huge).code());
        assertTrue("read " + huge.read, huge.read <= SubmissionReader.MAX_BODY_WITH_CHAT + 1);
    }

    @Test
    public void contentLengthOverTheLimitIsTrustedWithoutReading() {
        CountingStream body = new CountingStream(10);
        WebError e = error(JSON, String.valueOf(SubmissionReader.MAX_BODY_WITH_CHAT + 1), body);
        assertEquals(413, e.status());
        assertEquals(0, body.read);
        // a small or unreadable Content-Length does not stop the count
        assertEquals(413, error(JSON, "10", stream(padded(SubmissionReader.MAX_BODY + 1))).status());
        assertEquals(413, error(JSON, "lots", stream(padded(SubmissionReader.MAX_BODY + 1))).status());
    }

    @Test
    public void theDeclaredLengthIsReadWholeAndABodyLongerThanDeclaredIsNotCut() {
        String json = "{\"urls\":\"https://a.example/x\",\"category\":\"CSAM\"}";
        int length = json.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(List.of("https://a.example/x"),
                SubmissionReader.fromJson(JSON, String.valueOf(length), stream(json)).urls());
        assertEquals(List.of("https://a.example/x"), SubmissionReader.fromJson(JSON, "12", stream(json)).urls());
        assertEquals(400, error(JSON, String.valueOf(length), stream(json.substring(0, 20))).status());
    }

    @Test
    public void splitUrls() {
        assertEquals(List.of(), SubmissionReader.splitUrls(null));
        assertEquals(List.of(), SubmissionReader.splitUrls(" , ,\n"));
        assertEquals(Arrays.asList("a", "b c", "d"), SubmissionReader.splitUrls("a,b c\r\n d"));
    }

    /** A valid JSON object of exactly n bytes. */
    private static String padded(int n) {
        String head = "{\"category\":\"CSAM\",\"description\":\"";
        String tail = "\"}";
        return head + "x".repeat(n - head.length() - tail.length()) + tail;
    }

    /** An endless-looking body that counts what was read. */
    private static final class CountingStream extends InputStream {
        private final int size;
        int read;

        CountingStream(int size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (read >= size) {
                return -1;
            }
            read++;
            return 'x';
        }
    }
}
