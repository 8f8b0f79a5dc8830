package org.laporpredator.channel.webchat.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.Test;
import org.laporpredator.conversation.Conversation;

public class ChatPageTest {

    private static Properties read(String l) throws Exception {
        Properties p = new Properties();
        try (InputStream in = ChatPage.class.getResourceAsStream("/org/laporpredator/channel/webchat/internal/page_" + l + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    public void everyTextIsInEveryLanguageAndTranslated() throws Exception {
        Properties ms = read("ms");
        for (String l : Conversation.LANGUAGES) {
            Properties p = read(l);
            assertEquals(l + " has the keys of ms", ms.keySet(), p.keySet());
            for (String k : ms.stringPropertyNames()) {
                assertFalse(l + ": " + k + " is empty", p.getProperty(k).isBlank());
                if (!l.equals("ms") && !k.equals("emergency")) {
                    assertFalse(l + ": " + k + " is not translated", p.getProperty(k).equals(ms.getProperty(k)));
                }
            }
            assertTrue(l + ": Talian Kasih beside 999", p.getProperty("emergency").contains("999")
                    && p.getProperty("emergency").contains("15999") && p.getProperty("emergency").contains("019-261 5999"));
        }
    }

    @Test
    public void thePageSpeaksTheLanguageAskedForAndOffersAllFour() {
        String zh = ChatPage.render("zh");
        assertTrue(zh.contains("<html lang=\"zh\">"));
        assertTrue(zh.contains("通过聊天举报"));
        assertTrue(zh.contains("role=\"log\" aria-live=\"polite\""));
        assertTrue(zh.contains("<label for=\"text\">您的回答</label>"));
        for (String name : new String[] {"Bahasa Malaysia", "English", "中文", "தமிழ்"}) {
            assertTrue(name, zh.contains(">" + name + "</a>"));
        }
        assertTrue(zh.contains("href=\"/chat?lang=zh\" lang=\"zh\" aria-current=\"page\""));
        assertTrue(ChatPage.render("ta").contains("அரட்டை மூலம் புகார் செய்யுங்கள்"));
        assertFalse("only our own script", zh.matches("(?s).*<script[^>]*src=\"(https?:)?//.*"));
    }

    @Test
    public void theLanguageComesFromTheQueryTheCookieOrTheBrowser() {
        assertEquals("ta", ChatPage.language("TA", "en", "zh"));
        assertEquals("en", ChatPage.language("xx", "en", "zh"));
        assertEquals("zh", ChatPage.language(null, null, "fr-FR, zh-CN;q=0.8, en;q=0.5"));
        assertEquals("ms", ChatPage.language(null, null, "fr"));
        assertEquals("ms", ChatPage.language(null, null, ";;;q=x"));
        assertEquals("ms", ChatPage.language(null, null, null));
    }

    @Test
    public void textsAreEscaped() {
        assertEquals("&lt;b a=&quot;1&quot;&gt;&amp;&#39;", ChatPage.esc("<b a=\"1\">&'"));
    }
}
