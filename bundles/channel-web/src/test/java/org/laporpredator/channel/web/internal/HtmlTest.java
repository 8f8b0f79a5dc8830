package org.laporpredator.channel.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.Stats;

public class HtmlTest {

    private static final String ATTACK = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>";
    private static final String ESCAPED = "&quot;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;";

    @Test
    public void escape() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
                Html.escape("<a href=\"x\" title='y'>&amp;</a>"));
        assertEquals("", Html.escape(null));
        assertEquals("Bahasa Melayu – café", Html.escape("Bahasa Melayu – café"));
    }

    @Test
    public void builderEscapesTextAndAttributes() {
        String html = new Html().el("p", ATTACK, "title", ATTACK, "data-x", null).toString();
        assertEquals("<p title=\"" + ESCAPED + "\">" + ESCAPED + "</p>", html);
    }

    @Test
    public void everyEchoedFormFieldIsEscaped() {
        for (String lang : List.of("ms", "en")) {
            FormInput in = new FormInput(ATTACK, ATTACK, ATTACK, ATTACK, false, ATTACK, ATTACK, lang, ATTACK, ATTACK, false);
            String page = new Pages(Messages.of(lang)).form(in, new Stats(1, 2, 3), ATTACK, false);
            assertSafe(page);
            // urls, description, chat export, both contact fields, the idempotency key and the error: seven echoes
            assertEquals(7, count(page, ESCAPED));
        }
    }

    @Test
    public void thanksPageEscapesItems() {
        Receipt r = new Receipt("12345671", ReportStatus.RECEIVED,
                List.of(new ReceiptItem(ATTACK, ATTACK, "WEB_PAGE", ATTACK)));
        String page = new Pages(Messages.of("en")).thanks(r);
        assertSafe(page);
        assertTrue(page.contains(ESCAPED));
    }

    @Test
    public void statusPageEscapesTheReference() {
        String page = new Pages(Messages.of("ms")).status(ATTACK, null, "problem");
        assertSafe(page);
        assertTrue(page.contains("value=\"" + ESCAPED + "\""));
        assertFalse(page.contains("ref=\"'>"));
    }

    @Test
    public void messagePageEscapesTheText() {
        assertSafe(new Pages(Messages.of("en")).message("title.error", ATTACK));
    }

    /** The only script is the page's own app.js. */
    private static void assertSafe(String page) {
        assertFalse(page.contains("<script>alert"));
        assertFalse(page.contains("<img"));
        assertEquals(1, count(page, "<script"));
        assertTrue(page.contains("<script src=\"/static/app.js\" defer=\"defer\"></script>"));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
