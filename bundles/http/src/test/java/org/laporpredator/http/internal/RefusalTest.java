package org.laporpredator.http.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import javax.servlet.http.Cookie;
import org.junit.Test;

/** The error pages' texts in the four page languages. */
public class RefusalTest {

    @Test
    public void everyLanguageHasEveryKeyAndNoneIsEmpty() {
        Set<String> all = new TreeSet<>();
        for (String lang : Refusal.LANGUAGES) {
            all.addAll(Refusal.keys(lang));
        }
        assertTrue(all.contains("not_found"));
        for (String lang : Refusal.LANGUAGES) {
            Set<String> missing = new TreeSet<>(all);
            missing.removeAll(Refusal.keys(lang));
            assertTrue("missing in " + lang + ": " + missing, missing.isEmpty());
            for (String key : all) {
                assertFalse("empty in " + lang + ": " + key, Refusal.text(lang, key).isBlank());
            }
        }
    }

    @Test
    public void chineseAndTamilTextsAreTranslated() {
        for (String key : Refusal.keys("en")) {
            assertTrue("zh " + key, Refusal.text("zh", key).codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
            assertTrue("ta " + key, Refusal.text("ta", key).codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.TAMIL));
        }
    }

    @Test
    public void theCookieChoosesTheLanguage() {
        assertEquals("ms", Refusal.language((Cookie[]) null));
        assertEquals("en", Refusal.language(new Cookie[] {new Cookie("lang", "EN")}));
        assertEquals("zh", Refusal.language(new Cookie[] {new Cookie("x", "ta"), new Cookie("lang", "zh")}));
        assertEquals("ta", Refusal.language(new Cookie[] {new Cookie("lang", "ta")}));
        assertEquals("ms", Refusal.language(new Cookie[] {new Cookie("lang", "fr")}));
    }

    @Test
    public void pagesInChineseAndTamil() {
        String zh = new String(Refusal.page("zh", 404, Refusal.text("zh", "not_found")), StandardCharsets.UTF_8);
        assertTrue(zh, zh.contains("<html lang=\"zh\">") && zh.contains("这个地址没有任何内容。") && zh.contains("返回举报表格"));
        String ta = new String(Refusal.page("ta", 404, Refusal.text("ta", "not_found")), StandardCharsets.UTF_8);
        assertTrue(ta, ta.contains("<html lang=\"ta\">") && ta.contains("இந்த முகவரியில் எதுவும் இல்லை."));
    }
}
