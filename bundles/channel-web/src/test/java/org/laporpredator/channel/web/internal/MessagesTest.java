package org.laporpredator.channel.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.Stats;
import org.laporpredator.api.StatusRecord;

/** The four page languages: the same keys everywhere, translated, and pages that offer all four. */
public class MessagesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d}");

    @Test
    public void everyLanguageHasEveryKeyAndNoneIsEmpty() {
        Set<String> all = new TreeSet<>();
        for (String lang : Messages.LANGUAGES) {
            all.addAll(Messages.keys(lang));
        }
        assertFalse(all.isEmpty());
        for (String lang : Messages.LANGUAGES) {
            Set<String> missing = new TreeSet<>(all);
            missing.removeAll(Messages.keys(lang));
            assertTrue("missing in " + lang + ": " + missing, missing.isEmpty());
            Messages m = Messages.of(lang);
            for (String key : all) {
                assertFalse("empty in " + lang + ": " + key, m.get(key).isBlank());
            }
        }
    }

    @Test
    public void placeholdersAreTheSameInEveryLanguage() {
        for (String key : Messages.keys(Messages.EN)) {
            Set<String> en = placeholders(Messages.of(Messages.EN).get(key));
            for (String lang : Messages.LANGUAGES) {
                assertEquals(lang + " " + key, en, placeholders(Messages.of(lang).get(key)));
            }
        }
    }

    @Test
    public void chineseAndTamilAreReadAsUtf8AndTranslated() {
        assertEquals("提交", Messages.of("zh").get("form.send"));
        assertEquals("அனுப்பு", Messages.of("ta").get("form.send"));
        for (String key : Messages.keys(Messages.EN)) {
            String en = Messages.of(Messages.EN).get(key);
            if (key.startsWith("platform.") || key.equals("site.title") || !en.matches(".*[a-z]{3}.*")) {
                continue; // names and codes stay as they are
            }
            assertTrue("zh " + key, Messages.of("zh").get(key).codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
            assertTrue("ta " + key, Messages.of("ta").get(key).codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.TAMIL));
        }
    }

    @Test
    public void languageChoiceTakesChineseAndTamil() {
        assertEquals("zh", Messages.choose("zh", null));
        assertEquals("ta", Messages.choose(" TA ", "en"));
        assertEquals("ta", Messages.choose(null, "ta"));
        assertEquals("zh", Messages.choose("fr", "zh"));
        assertEquals("ms", Messages.choose("zh-TW", null));
        assertEquals("ms", Messages.of("fr").lang());
        assertEquals("zh", SubmissionReader.language("zh"));
        assertEquals("ta", SubmissionReader.language("TA"));
    }

    @Test
    public void formInChineseAndTamil() {
        for (String lang : List.of("zh", "ta")) {
            Messages m = Messages.of(lang);
            String page = new Pages(m).form(FormInput.empty(lang), new Stats(1234, 56, 7), null, false);
            assertFalse(lang, page.contains("??"));
            assertTrue(page.contains("<html lang=\"" + lang + "\">"));
            assertTrue(page.contains("name=\"lang\" value=\"" + lang + "\""));
            for (String key : List.of("title.form", "intro.lead", "intro.emergency", "form.urgent.hint", "form.send",
                    "category.GROOMING", "stats.heading", "footer.privacy")) {
                assertTrue(lang + " " + key, page.contains(Html.escape(m.get(key))));
            }
            assertFourLanguageSwitch(page, lang, "/?");
        }
        assertTrue(new Pages(Messages.of("zh")).form(FormInput.empty("zh"), null, null, false).contains(">提交</button>"));
        assertTrue(new Pages(Messages.of("ta")).form(FormInput.empty("ta"), null, null, false).contains(">அனுப்பு</button>"));
    }

    @Test
    public void thanksStatusAndMessagePagesInChineseAndTamil() {
        Receipt r = new Receipt("40000002", ReportStatus.RECEIVED,
                List.of(new ReceiptItem("t.me/abc", "TELEGRAM", "CHANNEL", "https://t.me/abc")));
        StatusRecord found = new StatusRecord("40000002", ReportStatus.REFERRED, Instant.parse("2025-03-01T02:30:00Z"));
        for (String lang : List.of("zh", "ta")) {
            Messages m = Messages.of(lang);
            Pages pages = new Pages(m);
            String thanks = pages.thanks(r);
            assertTrue(thanks.contains(Html.escape(m.get("thanks.keep"))));
            assertFourLanguageSwitch(thanks, lang, "/?");
            String status = pages.status("40000002", found, null);
            assertTrue(status.contains(Html.escape(m.get("statusname.REFERRED"))));
            assertTrue(status.contains(Html.escape(found.text(lang))));
            assertFourLanguageSwitch(status, lang, "/status?ref=40000002&amp;");
            assertTrue(status.contains("zh".equals(lang) ? "2025年3月1日" : "2025"));
            String message = pages.message("title.error", m.error("internal_error"));
            assertTrue(message.contains(Html.escape(m.get("error.internal_error"))));
            assertFourLanguageSwitch(message, lang, "/?");
            for (String page : List.of(thanks, status, message)) {
                assertFalse(lang, page.contains("??"));
                assertTrue(page.contains("<html lang=\"" + lang + "\">"));
            }
        }
    }

    @Test
    public void everyPageThatSays999AlsoGivesTalianKasih() {
        for (String lang : Messages.LANGUAGES) {
            Pages pages = new Pages(Messages.of(lang));
            String form = pages.form(FormInput.empty(lang), null, null, false);
            assertTrue(lang, form.contains("999"));
            for (String page : List.of(form, pages.status(null, null, null),
                    pages.thanks(new Receipt("40000002", ReportStatus.RECEIVED, List.of())),
                    pages.message("title.error", "x"))) {
                String text = page.replaceAll("<[^>]*>", " ");
                int say999 = count(text, "(?<![\\d-])999(?!\\d)");
                assertEquals(lang + ": Talian Kasih beside every 999", say999, count(text, "15999"));
                assertEquals(lang, say999, count(text, "019-261 5999"));
            }
        }
    }

    @Test
    public void everyPageOffersAllFourLanguagesInMsAndEn() {
        for (String lang : List.of("ms", "en")) {
            Pages pages = new Pages(Messages.of(lang));
            assertFourLanguageSwitch(pages.form(FormInput.empty(lang), null, null, false), lang, "/?");
            assertFourLanguageSwitch(pages.status(null, null, null), lang, "/status?");
        }
    }

    /** The switch names each language in its own script and links every language but the page's own. */
    private static void assertFourLanguageSwitch(String page, String lang, String pathPrefix) {
        int start = page.indexOf("<nav aria-label=\"" + Html.escape(Messages.of(lang).get("lang.label")) + "\" id=\"lang-switch\"");
        assertTrue(lang + ": language switch", start > 0);
        String nav = page.substring(start, page.indexOf("</nav>", start));
        for (String other : Messages.LANGUAGES) {
            String name = Messages.NAMES.get(other);
            assertTrue(lang + " names " + other, nav.contains(">" + name + "<"));
            String link = "href=\"" + pathPrefix + "lang=" + other + "\"";
            if (other.equals(lang)) {
                assertFalse(lang + " does not link itself", nav.contains(link));
                assertTrue(nav.contains("lang=\"" + other + "\" aria-current=\"true\""));
            } else {
                assertTrue(lang + " links " + other + " in " + nav, nav.contains(link + " lang=\"" + other + "\""));
            }
        }
        for (String name : List.of("Bahasa Malaysia", "English", "中文", "தமிழ்")) {
            assertTrue(nav.contains(name));
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
