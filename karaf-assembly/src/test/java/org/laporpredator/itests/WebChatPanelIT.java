package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium talks to the web chat panel of the built distribution, from the public page's link to
 * a reference whose status answers, in Chinese and in Tamil, with the keyboard where a reporter would.
 */
public class WebChatPanelIT {

    private static Distribution karaf;

    @BeforeClass
    public static void start() throws Exception {
        Browser.require();
        karaf = new Distribution("webchat-panel", 8581);
        karaf.start();
    }

    @AfterClass
    public static void stop() {
        if (karaf != null) {
            karaf.stopOrKill();
        }
    }

    /** Waits until the panel offers the choice, then clicks it. */
    private static void choose(WebDriver d, String id) {
        choice(d, id).click();
    }

    private static List<WebElement> bot(WebDriver d) {
        return d.findElements(By.cssSelector("#log p.bot"));
    }

    /** Waits for more than {@code before} bot messages; the last one. */
    private static String lastBot(WebDriver d, int before) {
        return new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> {
            List<WebElement> b = bot(x);
            return b.size() > before ? b.get(b.size() - 1).getText() : null;
        });
    }

    private static WebElement choice(WebDriver d, String id) {
        return new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> x.findElements(
                By.cssSelector("#choices button[data-choice='" + id + "']")).stream().findFirst().orElse(null));
    }

    /** A whole conversation in the panel, reached from the public page's link; the reference shown. */
    private String conversation(String lang, String heading, String link) {
        WebDriver d = Browser.start(true, "1000,1400");
        try {
            d.get("http://localhost:" + karaf.httpPort + "/?lang=" + lang);
            d.findElement(By.id("nav-chat")).click();
            assertEquals(heading, d.findElement(By.tagName("h1")).getText());
            assertEquals(lang, d.findElement(By.tagName("html")).getAttribute("lang"));
            assertEquals("log", d.findElement(By.id("log")).getAttribute("role"));
            // the first question's choices come with the keyboard on the first of them: Tab, Enter picks "no"
            WebElement yes = choice(d, "danger:yes");
            assertEquals(yes, d.switchTo().activeElement());
            int seen = bot(d).size();
            d.switchTo().activeElement().sendKeys(Keys.TAB);
            assertEquals("danger:no", d.switchTo().activeElement().getAttribute("data-choice"));
            d.switchTo().activeElement().sendKeys(Keys.ENTER);
            lastBot(d, seen);
            choose(d, "who:other");
            choose(d, "cat:GROOMING");
            choose(d, "platform:TELEGRAM");
            // the links typed into the labelled box, sent with Enter
            WebElement box = new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> {
                WebElement t = x.findElement(By.id("text"));
                return t.equals(x.switchTo().activeElement()) ? t : null;
            });
            seen = bot(d).size();
            box.sendKeys(link, Keys.ENTER);
            String noted = lastBot(d, seen);
            assertTrue(noted, d.findElement(By.id("log")).getText().contains(link.replace("hxxps://", "").replace("[.]", ".")));
            choose(d, "links:done");
            choose(d, "details:skip"); // then the summary: the web chat offers no contact, it cannot write first
            WebElement send = choice(d, "confirm:yes"); // the summary is there
            int beforeConfirm = bot(d).size();
            send.click();
            new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> {
                List<WebElement> b = bot(x);
                return b.size() > beforeConfirm && b.get(b.size() - 1).getText().contains("15999") ? true : null;
            });
            String all = d.findElement(By.id("log")).getText();
            Matcher m = Pattern.compile("\\b(\\d{8})\\b").matcher(all.substring(all.lastIndexOf(link.substring(0, 8)) + 1));
            assertTrue(all, m.find());
            return m.group(1);
        } finally {
            d.quit();
        }
    }

    @Test
    public void aConversationInChineseReachesAReference() {
        String ref = conversation("zh", "通过聊天举报", "hxxps://t[.]me/zh_predator_room");
        Http.Reply status = karaf.http.get("/api/reports/" + ref + "/status");
        assertEquals(status.body(), 200, status.status());
        assertEquals("RECEIVED", status.json().get("status").asText());
    }

    @Test
    public void aConversationInTamilReachesAReference() {
        String ref = conversation("ta", "அரட்டை மூலம் புகார் செய்யுங்கள்", "hxxps://t[.]me/ta_predator_room");
        Http.Reply status = karaf.http.get("/api/reports/" + ref + "/status");
        assertEquals(status.body(), 200, status.status());
        assertEquals("RECEIVED", status.json().get("status").asText());
    }
}
