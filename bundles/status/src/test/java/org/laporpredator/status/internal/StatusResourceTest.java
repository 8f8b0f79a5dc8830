package org.laporpredator.status.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;

/** The status API's languages: ms, en, zh and ta, for the status message and the error messages. */
public class StatusResourceTest {

    @Test
    public void everyLanguageHasEveryErrorTextAndNoneIsEmpty() {
        Set<String> all = new TreeSet<>();
        for (String lang : ErrorTexts.LANGUAGES) {
            all.addAll(ErrorTexts.keys(lang));
        }
        assertTrue(all.contains("not_found"));
        for (String lang : ErrorTexts.LANGUAGES) {
            Set<String> missing = new TreeSet<>(all);
            missing.removeAll(ErrorTexts.keys(lang));
            assertTrue("missing in " + lang + ": " + missing, missing.isEmpty());
            for (String key : all) {
                assertFalse("empty in " + lang + ": " + key, ErrorTexts.text(lang, key).isBlank());
            }
            assertTrue(lang, ErrorTexts.text(lang, "too_many_requests", 42).contains("42"));
        }
    }

    @Test
    public void chineseAndTamilErrorTexts() {
        assertEquals("没有使用这个参考编号的举报。请检查编号后再试一次。", ErrorTexts.text("zh", "not_found"));
        assertTrue(ErrorTexts.text("ta", "not_found").startsWith("இந்தக் குறிப்பு எண்ணில்"));
        for (String key : ErrorTexts.keys("en")) {
            assertTrue("zh " + key, ErrorTexts.text("zh", key).codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
            assertTrue("ta " + key, ErrorTexts.text("ta", key).codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.TAMIL));
        }
        assertEquals("Too many status lookups. Please wait 7 seconds and try again.",
                ErrorTexts.text("en", "too_many_requests", 7));
        assertEquals(ErrorTexts.text("en", "not_found"), ErrorTexts.text("fr", "not_found"));
    }

    @Test
    public void theStatusMessageLanguage() {
        assertEquals("ms", StatusResource.language(null, null));
        assertEquals("en", StatusResource.language("EN", "zh"));
        assertEquals("zh", StatusResource.language("zh", null));
        assertEquals("ta", StatusResource.language(null, "ta-MY,en;q=0.5"));
        assertEquals("zh", StatusResource.language(null, "zh-CN"));
        assertEquals("ms", StatusResource.language("fr", "en"));
        assertEquals("ms", StatusResource.language(null, "fr, en"));
    }

    @Test
    public void errorsAreInTheLanguageAskedForElseEnglish() {
        assertEquals("en", StatusResource.errorLanguage(null, null));
        assertEquals("ms", StatusResource.errorLanguage("ms", null));
        assertEquals("zh", StatusResource.errorLanguage(null, "zh-Hans-MY"));
        assertEquals("ta", StatusResource.errorLanguage("ta", "en"));
        assertEquals("en", StatusResource.errorLanguage("fr", null));
    }
}
