package org.laporpredator.channel.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;
import org.laporpredator.api.Category;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.Submission;

public class FormInputTest {

    private static FormInput parse(String body) {
        return FormInput.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void parsesTheForm() {
        FormInput in = parse("lang=en&platform=TIKTOK&urls=https%3A%2F%2Fwww.tiktok.com%2F%40x%2C+https%3A%2F%2Fa.example%2F"
                + "&category=GROOMING&description=Dia+minta+gambar+%E2%80%93+caf%C3%A9&contactName=Siti&contactEmailPhone=012-345");
        assertEquals("en", in.lang());
        assertEquals("Dia minta gambar – café", in.description());
        assertFalse(in.anonymous());
        Submission s = SubmissionReader.fromForm(in);
        assertEquals("channel-web", s.channel());
        assertEquals(PlatformHint.TIKTOK, s.platformHint());
        assertEquals(List.of("https://www.tiktok.com/@x", "https://a.example/"), s.urls());
        assertEquals(Category.GROOMING, s.category());
        assertEquals("en", s.language());
        assertFalse(s.anonymous());
        assertEquals("Siti / 012-345", s.contact());
        assertFalse(s.urgent());
        assertTrue(SubmissionReader.fromForm(parse("category=SEXTORTION&urgent=true&idempotencyKey=k1")).urgent());
        assertTrue(SubmissionReader.fromForm(parse("category=SEXTORTION&urgent=on")).urgent());
    }

    @Test
    public void anonymousHasNoContactEvenWhenTheFieldsAreFilled() {
        FormInput in = parse("urls=https%3A%2F%2Fa.example%2F&category=CSAM&anonymous=true&contactName=Siti&contactEmailPhone=012-345");
        assertTrue(in.anonymous());
        Submission s = SubmissionReader.fromForm(in);
        assertTrue(s.anonymous());
        assertNull(s.contact());
    }

    @Test
    public void contactFromOneFieldOrNone() {
        assertEquals("siti@example.com",
                SubmissionReader.fromForm(parse("category=CSAM&contactName=+&contactEmailPhone=+siti%40example.com+")).contact());
        assertEquals("Siti", SubmissionReader.fromForm(parse("category=CSAM&contactName=Siti")).contact());
        assertNull(SubmissionReader.fromForm(parse("category=CSAM&contactName=&contactEmailPhone=")).contact());
    }

    @Test
    public void defaultsAndErrors() {
        Submission s = SubmissionReader.fromForm(parse("platform=&category=other&urls="));
        assertNull(s.platformHint());
        assertEquals(List.of(), s.urls());
        assertEquals("ms", s.language());
        assertNull(s.description());
        assertCode("missing_category", "category=&urls=x");
        assertCode("unknown_category", "category=spam");
        assertCode("unknown_platform", "category=CSAM&platform=myspace");
        assertCode("unsupported_language", "category=CSAM&lang=fr");
    }

    @Test
    public void badPercentEncodingIsAnError() {
        try {
            parse("category=%ZZ");
            fail();
        } catch (WebError e) {
            assertEquals("malformed_form", e.code());
            assertEquals(400, e.status());
        }
    }

    @Test
    public void firstValueWins() {
        assertEquals("CSAM", parse("category=CSAM&category=OTHER").category());
    }

    private static void assertCode(String code, String body) {
        try {
            SubmissionReader.fromForm(parse(body));
            fail("expected " + code);
        } catch (WebError e) {
            assertEquals(code, e.code());
            assertEquals(400, e.status());
        }
    }
}
