package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium in the console at /admin: sign in, open the oldest unclassified report with the
 * keyboard, classify its item CSAM and record its removal with the keyboard, see the dashboard's chart
 * drawn, switch a module off and on as admin, sign out. Screenshots of each page in both languages go to target/screenshots.
 */
public class ConsoleIT {

    private static final String PASSWORD = "console-password-123";
    private static final Path SHOTS = Path.of("target", "screenshots");

    private static Distribution karaf;

    @BeforeClass
    public static void start() throws Exception {
        Browser.require();
        karaf = new Distribution("console", 8686);
        karaf.setProperty("etc/org.laporpredator.status.cfg", "statsCacheSeconds", "0");
        karaf.run(List.of("sh", "-c", "LAPOR_PASSWORD=" + PASSWORD + " bin/create-user siti analyst"), Duration.ofSeconds(30));
        karaf.run(List.of("sh", "-c", "LAPOR_PASSWORD=" + PASSWORD + " bin/create-user ops admin"), Duration.ofSeconds(30));
        karaf.start();
        Files.createDirectories(SHOTS);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (karaf != null) {
            karaf.stop();
        }
    }

    private static WebDriver browser() {
        return Browser.start(true, "1200,1000");
    }

    private static WebElement await(WebDriver d, By by) {
        return new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> x.findElements(by).stream().findFirst().orElse(null));
    }

    private static void shot(WebDriver d, String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
    }

    private static void signIn(WebDriver d, String lang, String user) {
        d.get("http://localhost:" + karaf.httpPort + "/admin?lang=" + lang);
        await(d, By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys(PASSWORD);
        d.findElement(By.id("signin")).click();
        await(d, By.id("queue"));
    }

    private static void pressed(WebDriver d, By button, String value) {
        new WebDriverWait(d, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(x -> value.equals(x.findElement(button).getAttribute("aria-pressed")));
    }

    private static void press(WebDriver d, String key) {
        d.findElement(By.tagName("body")).sendKeys(key);
    }

    @Test
    public void anAnalystWorksThroughAReportWithTheKeyboard() throws Exception {
        for (String lang : List.of("en", "ms")) {
            workThroughAReport(lang);
        }
    }

    private void workThroughAReport(String lang) throws Exception {
        String url = "https://bad.example/console-browser-" + lang;
        Http.Reply created = karaf.http.postJson("/api/reports", Map.of("urls", url, "category", "CSAM", "anonymous", true));
        assertEquals(created.body(), 201, created.status());
        String reference = created.json().get("reference").asText();
        long classified = karaf.http.get("/api/stats").json().get("classifiedCsamLinks").asLong();
        long removed = karaf.http.get("/api/stats").json().get("removedCsamLinks").asLong();
        WebDriver d = browser();
        try {
            signIn(d, lang, "siti");
            shot(d, "queue-" + lang);
            assertTrue(d.findElement(By.id("queue")).getText().contains(reference));
            press(d, "n"); // the oldest unclassified report
            WebElement item = await(d, By.cssSelector("#items > li.selected"));
            assertEquals("hxxps://bad[.]example/console-browser-" + lang, item.findElement(By.cssSelector("code.url")).getText());
            assertTrue("reported links are never live links", d.findElements(By.cssSelector("#items a")).isEmpty());
            shot(d, "report-" + lang);
            press(d, "1");
            new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> !x.findElements(
                    By.cssSelector("#items > li button.chosen[data-class='CSAM']")).isEmpty());
            assertEquals(classified + 1, karaf.http.get("/api/stats").json().get("classifiedCsamLinks").asLong());
            press(d, "r");
            await(d, By.cssSelector("#items > li button.unremove"));
            assertEquals(removed + 1, karaf.http.get("/api/stats").json().get("removedCsamLinks").asLong());
            // the status with a message from the templates, previewed in both languages before it is sent
            new Select(d.findElement(By.id("new-status"))).selectByValue("CLOSED");
            new Select(d.findElement(By.id("status-message"))).selectByValue("closed-already-reported");
            assertEquals("BM: Kandungan ini telah pun dilaporkan dan sedang diuruskan di bawah laporan lain. Terima kasih kerana melapor.",
                    d.findElement(By.cssSelector("#status-preview .preview-ms")).getText());
            assertEquals("EN: This content had already been reported and is being dealt with under another report. Thank you for reporting.",
                    d.findElement(By.cssSelector("#status-preview .preview-en")).getText());
            shot(d, "status-" + lang);
            d.findElement(By.cssSelector("#status-form button[type='submit']")).click();
            // the page is drawn again after the change: an element found may go stale before it is read
            new WebDriverWait(d, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                    .until(x -> x.findElement(By.id("current-status")).getText().endsWith("CLOSED (closed-already-reported)"));
            assertFalse("a closed report moves no more", d.findElement(By.id("status-form")).isDisplayed());
            assertEquals("This content had already been reported and is being dealt with under another report. Thank you for reporting.",
                    karaf.http.get("/api/reports/" + reference + "/status?lang=en").json().get("message").asText());
            d.findElement(By.id("signout")).click();
            await(d, By.id("username"));
            assertEquals(401, karaf.http.get("/api/admin/reports").status());
        } finally {
            d.quit();
        }
    }

    @Test
    public void anAdminSwitchesAModuleOffAndOnInBothLanguages() throws Exception {
        WebDriver d = browser();
        try {
            for (String lang : List.of("ms", "en")) {
                signIn(d, lang, "ops");
                shot(d, "queue-admin-" + lang);
                d.findElement(By.id("nav-dashboard")).click();
                await(d, By.cssSelector("#chart-per-day canvas")); // uPlot drew the chart
                assertTrue(d.findElement(By.id("removed-share")).getText().endsWith("%"));
                shot(d, "dashboard-" + lang);
                d.findElement(By.id("nav-modules")).click();
                By parserWeb = By.cssSelector("#modules tr[data-module='parser-web'] button.switch");
                await(d, parserWeb).click();
                // the switches are drawn from the server's list after each switch
                pressed(d, parserWeb, "false");
                shot(d, "modules-" + lang);
                d.findElement(parserWeb).click();
                pressed(d, parserWeb, "true");
                d.findElement(By.id("nav-audit")).click();
                await(d, By.id("audit"));
                assertTrue(d.findElement(By.id("audit")).getText().contains("module-disabled"));
                shot(d, "audit-" + lang);
                d.findElement(By.id("signout")).click();
                await(d, By.id("username"));
                shot(d, "login-" + lang);
            }
        } finally {
            d.quit();
        }
    }
}
