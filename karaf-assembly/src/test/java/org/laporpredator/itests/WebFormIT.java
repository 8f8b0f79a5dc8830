package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.laporpredator.api.ReferenceNumbers;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium fills in the report form, sends it, and reads the reference off the thank-you page. */
public class WebFormIT {

    private static Distribution karaf;

    @BeforeClass
    public static void start() throws Exception {
        Browser.require();
        karaf = new Distribution("webform", 8484);
        karaf.start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (karaf != null) {
            karaf.stop();
        }
    }

    private static WebDriver browser(boolean javascript) {
        return Browser.start(javascript, "1000,1400");
    }

    private String fillAndSend(WebDriver driver, String link) {
        driver.get("http://localhost:" + karaf.httpPort + "/?lang=en");
        WebElement contact = driver.findElement(By.id("contactName"));
        assertTrue("contact fields show until anonymous is ticked", contact.isDisplayed());
        new Select(driver.findElement(By.id("platform"))).selectByValue("TELEGRAM");
        driver.findElement(By.id("urls")).sendKeys(link + ", hxxps://second[.]example/b");
        new Select(driver.findElement(By.id("category"))).selectByValue("GROOMING");
        driver.findElement(By.id("description")).sendKeys("A stranger messages my pupil every night.");
        driver.findElement(By.id("anonymous")).click();
        assertFalse("ticking anonymous hides the contact fields", contact.isDisplayed());
        driver.findElement(By.id("send")).click();
        WebElement reference = new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElements(By.id("reference")).stream().findFirst().orElse(null));
        return reference.getText().strip();
    }

    private void assertStored(String reference) {
        assertTrue(reference, ReferenceNumbers.isValid(reference));
        Http.Reply status = karaf.http.get("/api/reports/" + reference + "/status");
        assertEquals(status.body(), 200, status.status());
        assertEquals("RECEIVED", status.json().get("status").asText());
    }

    @Test
    public void sendWithJavaScript() {
        WebDriver driver = browser(true);
        try {
            String reference = fillAndSend(driver, "https://bad.example/with-js");
            assertStored(reference);
            assertTrue("stayed on the page (sent with fetch)", driver.getCurrentUrl().endsWith("/?lang=en"));
        } finally {
            driver.quit();
        }
    }

    @Test
    public void sendWithoutJavaScript() {
        WebDriver driver = browser(false);
        try {
            String reference = fillAndSend(driver, "https://bad.example/no-js");
            assertStored(reference);
            assertTrue("plain form POST", driver.getCurrentUrl().endsWith("/report"));
        } finally {
            driver.quit();
        }
    }

    @Test
    public void checkStatusPage() {
        Http.Reply created = karaf.http.postJson("/api/reports", Map.of("urls", "https://bad.example/status-page",
                "category", "SEXTORTION", "anonymous", true));
        String reference = created.json().get("reference").asText();
        WebDriver driver = browser(true);
        try {
            driver.get("http://localhost:" + karaf.httpPort + "/status?lang=ms");
            driver.findElement(By.id("ref")).sendKeys(reference);
            driver.findElement(By.id("check")).click();
            WebElement message = new WebDriverWait(driver, Duration.ofSeconds(20))
                    .until(d -> d.findElements(By.id("status-message")).stream().findFirst().orElse(null));
            assertTrue(message.getText(), message.getText().contains("diterima"));
        } finally {
            driver.quit();
        }
    }
}
