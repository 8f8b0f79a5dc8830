package org.laporpredator.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.Test;
import org.laporpredator.api.Category;
import org.laporpredator.api.Submission;
import org.laporpredator.api.SubmissionRejected;

public class ValidatorTest {

    private final Validator validator = new Validator(50, 2048, 10_000, 500);

    private static Submission submission(List<String> urls) {
        return new Submission("test", null, urls, Category.CSAM, "desc", true, null, "en");
    }

    private List<Validator.Candidate> ok(String... urls) {
        return validator.validate(submission(List.of(urls)), s -> s.equals("tg"));
    }

    private void rejected(String code, Submission s) {
        try {
            validator.validate(s, scheme -> false);
            fail("expected " + code);
        } catch (SubmissionRejected e) {
            assertEquals(code, e.code());
        }
    }

    private void rejected(String code, String... urls) {
        rejected(code, submission(List.of(urls)));
    }

    @Test
    public void acceptsAndNormalises() {
        List<Validator.Candidate> c = ok(" https://Example.com/a ", "example.org/x", "hxxps://bad[.]example/p", "tg://resolve?domain=x");
        assertEquals(4, c.size());
        assertEquals("https://Example.com/a", c.get(0).input());
        assertEquals("example.com", c.get(0).url().hostname());
        assertEquals("https", c.get(1).url().scheme());
        assertEquals("bad.example", c.get(2).url().hostname());
        assertEquals("tg", c.get(3).url().scheme());
    }

    @Test
    public void rejectsNoUrlsWhenNothingElseCouldCarryOne() {
        rejected("no_urls", new Submission("t", null, List.of(), Category.CSAM, null, true, null, "en"));
        rejected("no_urls", new Submission("t", null, List.of(" ", ""), Category.CSAM, " ", true, null, "en", ""));
        // The pipeline looks for links in the description and chat export, and refuses the report if there are none.
        assertEquals(0, validator.validate(submission(List.of()), scheme -> false).size());
    }

    @Test
    public void rejectsMoreThanFifty() {
        List<String> urls = new ArrayList<>(Collections.nCopies(51, "https://example.com/"));
        rejected("too_many_urls", submission(urls));
        ok(Collections.nCopies(50, "https://example.com/").toArray(new String[0]));
    }

    @Test
    public void rejectsOtherSchemes() {
        rejected("unsupported_scheme", "javascript:alert(1)");
        rejected("unsupported_scheme", "ftp://example.com/x");
        rejected("unsupported_scheme", "file:///etc/passwd");
        rejected("unsupported_scheme", "tg://resolve?domain=x");
        rejected("unsupported_scheme", "data:text/html,hi");
    }

    @Test
    public void rejectsControlCharacters() {
        rejected("control_characters", "https://example.com/\u0000");
        rejected("control_characters", "https://exa\u202Emple.com/");
        rejected("control_characters", new Submission("t", null, List.of("https://e.com"), Category.CSAM, "a\u0007b", true, null, "ms"));
        rejected("control_characters", new Submission("t", null, List.of("https://e.com"), Category.CSAM, null, false, "me\u0000", "ms"));
        validator.validate(new Submission("t", null, List.of("https://e.com"), Category.CSAM, "line1\nline2\ttab", true, null, "ms"), s -> false);
    }

    @Test
    public void rejectsBadLinksAndLimits() {
        rejected("invalid_url", "https://");
        rejected("invalid_url", "https://exa mple.com");
        rejected("invalid_url", "https://example.com/" + "a".repeat(2048));
        rejected("description_too_long", new Submission("t", null, List.of("https://e.com"), Category.CSAM, "x".repeat(10_001), true, null, "ms"));
        rejected("contact_too_long", new Submission("t", null, List.of("https://e.com"), Category.CSAM, null, false, "x".repeat(501), "ms"));
        rejected("missing_category", new Submission("t", null, List.of("https://e.com"), null, null, true, null, "ms"));
        rejected("unsupported_language", new Submission("t", null, List.of("https://e.com"), Category.OTHER, null, true, null, "fr"));
    }
}
