package org.laporpredator.channel.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.laporpredator.api.Category;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.Stats;
import org.laporpredator.api.StatusRecord;

public class PagesTest {

    /** Every error code the core and this bundle can give. */
    private static final List<String> CODES = List.of("no_urls", "too_many_urls", "invalid_url", "unsupported_scheme",
            "control_characters", "description_too_long", "contact_too_long", "unsupported_language",
            "unknown_category", "missing_category", "unknown_platform", "channel_disabled", "unavailable",
            "unsupported_media_type", "body_too_large", "malformed_json", "invalid_field", "malformed_form",
            "internal_error", "not_found", "method_not_allowed", "not_acceptable", "bad_request");

    @Test
    public void bothBundlesHaveTheSameKeys() {
        Set<String> ms = new TreeSet<>(Messages.keys("ms"));
        Set<String> en = new TreeSet<>(Messages.keys("en"));
        Set<String> onlyMs = new TreeSet<>(ms);
        onlyMs.removeAll(en);
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(ms);
        assertTrue("only in ms: " + onlyMs, onlyMs.isEmpty());
        assertTrue("only in en: " + onlyEn, onlyEn.isEmpty());
        assertFalse(ms.isEmpty());
    }

    @Test
    public void everyCodeStatusPlatformAndCategoryHasATextInEveryLanguage() {
        for (String lang : Messages.LANGUAGES) {
            Messages m = Messages.of(lang);
            for (String code : CODES) {
                assertTrue(lang + " error." + code, m.has("error." + code));
            }
            for (ReportStatus s : ReportStatus.values()) {
                assertTrue(lang + " statusname." + s, m.has("statusname." + s.name()));
            }
            for (PlatformHint p : PlatformHint.values()) {
                assertTrue(lang + " platform." + p, m.has("platform." + p.name()));
            }
            for (Category c : Category.values()) {
                assertTrue(lang + " category." + c, m.has("category." + c.name()));
            }
        }
    }

    @Test
    public void formRendersInBothLanguagesWithEveryKey() {
        String ms = new Pages(Messages.of("ms")).form(FormInput.empty("ms"), new Stats(1234, 56, 7), null, false);
        String en = new Pages(Messages.of("en")).form(FormInput.empty("en"), new Stats(1234, 56, 7), null, false);
        for (String page : List.of(ms, en)) {
            assertFalse("missing key in page", page.contains("??"));
            assertTrue(page.contains("id=\"report-form\""));
            assertTrue(page.contains("method=\"post\" action=\"/report\""));
            for (String id : List.of("platform", "urls", "category", "description", "anonymous", "contactName",
                    "contactEmailPhone", "send", "count-incoming", "count-classified", "count-removed")) {
                assertTrue(id, page.contains("id=\"" + id + "\""));
            }
            for (PlatformHint p : PlatformHint.values()) {
                assertTrue(p.name(), page.contains("<option value=\"" + p.name() + "\">"));
            }
            for (Category c : Category.values()) {
                assertTrue(c.name(), page.contains("<option value=\"" + c.name() + "\">"));
            }
            assertTrue(page.contains("href=\"/status\""));
        }
        assertTrue(ms.contains("<html lang=\"ms\">"));
        assertTrue(ms.contains(">HANTAR</button>"));
        assertTrue(ms.contains("href=\"/?lang=en\""));
        assertTrue(ms.contains("name=\"lang\" value=\"ms\""));
        assertTrue(ms.contains("1,234"));
        assertTrue(en.contains("<html lang=\"en\">"));
        assertTrue(en.contains(">SEND</button>"));
        assertTrue(en.contains("href=\"/?lang=ms\""));
        assertTrue(en.contains("name=\"lang\" value=\"en\""));
        assertNotEquals(strip(ms), strip(en));
    }

    @Test
    public void contactFieldsFollowTheAnonymousBox() {
        String page = new Pages(Messages.of("en")).form(FormInput.empty("en"), null, null, false);
        int box = page.indexOf("id=\"anonymous\"");
        int contact = page.indexOf("class=\"contact\"");
        assertTrue(box > 0 && contact > box);
        assertFalse(page.contains("checked=\"checked\""));
        assertTrue(page.contains("id=\"stats-unavailable\""));
        String checked = new Pages(Messages.of("en"))
                .form(new FormInput(null, null, null, null, true, "Siti", "012", "en", null, null, false), null, null, false);
        assertTrue(checked.contains("checked=\"checked\""));
        assertFalse("no contact kept when anonymous", checked.contains("Siti"));
    }

    @Test
    public void formKeepsInputAndShowsTheError() {
        FormInput in = new FormInput("telegram", "https://t.me/x", "GROOMING", "teks", false, "Siti", "012", "ms", "31/12/2023, 21:41 - Siti: hi", "key-1", true);
        String page = new Pages(Messages.of("ms")).form(in, null, Messages.of("ms").error("no_urls"), false);
        assertTrue(page.contains("<option value=\"TELEGRAM\" selected=\"selected\">"));
        assertTrue(page.contains("<option value=\"GROOMING\" selected=\"selected\">"));
        assertTrue(page.contains(">https://t.me/x</textarea>"));
        assertTrue(page.contains(">teks</textarea>"));
        assertTrue("the chat export is kept", page.contains(">31/12/2023, 21:41 - Siti: hi</textarea>"));
        assertTrue(page.contains("value=\"Siti\""));
        assertTrue("urgent stays ticked", page.contains("id=\"urgent\" name=\"urgent\" value=\"true\" aria-describedby=\"urgent-hint\" checked=\"checked\""));
        assertTrue(page.contains("999") && page.contains("15999"));
        assertTrue(page.contains(Messages.of("ms").get("error.no_urls")));
        assertFalse(page.contains("id=\"form-error\" class=\"error\" role=\"alert\" tabindex=\"-1\" hidden"));
    }

    @Test
    public void thanksShowsTheReference() {
        for (String lang : Messages.LANGUAGES) {
            String ref = "40000002";
            Receipt r = new Receipt(ref, ReportStatus.RECEIVED,
                    List.of(new ReceiptItem("t.me/abc", "TELEGRAM", "CHANNEL", "https://t.me/abc")));
            String page = new Pages(Messages.of(lang)).thanks(r);
            Matcher mt = Pattern.compile("id=\"reference\"[^>]*>([^<]*)<").matcher(page);
            assertTrue(mt.find());
            assertEquals(ref, mt.group(1));
            assertTrue(page.contains("href=\"/status?ref=" + ref + "\""));
            assertTrue(page.contains("t.me/abc"));
            assertTrue(page.contains(Messages.of(lang).get("thanks.keep")));
            assertFalse(page.contains("??"));
        }
    }

    @Test
    public void statusPage() {
        Instant when = Instant.parse("2025-03-01T02:30:00Z");
        String en = new Pages(Messages.of("en")).status("40000002",
                new StatusRecord("40000002", ReportStatus.REFERRED, when), null);
        assertTrue(en.contains(ReportStatus.REFERRED.message("en")));
        assertTrue(en.contains(">Referred<"));
        assertTrue(en.contains("1 March 2025"));
        assertFalse("the day only, never the time", en.contains("10:30"));
        assertTrue(en.contains("href=\"/status?ref=40000002&amp;lang=ms\""));
        assertFalse(en.contains("??"));
        String ms = new Pages(Messages.of("ms")).status("40000002",
                new StatusRecord("40000002", ReportStatus.ACTIONED, when), null);
        assertTrue(ms.contains(ReportStatus.ACTIONED.message("ms")));
        assertTrue(ms.contains("Mac 2025"));
        String bad = new Pages(Messages.of("ms")).status("12", null, Messages.of("ms").get("status.badref"));
        assertTrue(bad.contains("id=\"status-error\""));
        assertFalse(bad.contains("id=\"status-result\""));
    }

    @Test
    public void languageChoice() {
        assertEquals("ms", Messages.choose(null, null));
        assertEquals("en", Messages.choose("EN", "ms"));
        assertEquals("en", Messages.choose(null, "en"));
        assertEquals("ms", Messages.choose("fr", "de"));
        assertEquals("en", Messages.choose("fr", "en"));
    }

    @Test
    public void unknownCodeFallsBackToTheExceptionMessage() {
        assertEquals("Core said no.", Messages.of("ms").error("brand_new_code", null, "Core said no."));
        assertEquals("The field \"urls\" has the wrong type.", Messages.of("en").error("invalid_field", "urls", null));
    }

    @Test
    public void referencesAreNormalised() {
        assertEquals("40000002", PagesResource.normalise(" 4000-0002 "));
    }

    private static String strip(String html) {
        return html.replaceAll("<[^>]*>", "");
    }
}
