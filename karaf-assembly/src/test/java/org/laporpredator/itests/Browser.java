package org.laporpredator.itests;

import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium for the browser tests: required under CI, skipped elsewhere when missing. */
final class Browser {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private Browser() {
    }

    /** Fails under CI (or with -Dlapor.requireBrowser=true) without Chromium; else skips the test. */
    static void require() {
        boolean required = Boolean.getBoolean("lapor.requireBrowser") || System.getenv("CI") != null;
        boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (required && !present) {
            throw new AssertionError("Chromium and chromedriver are needed: apt-get install chromium chromium-driver");
        }
        assumeTrue("Chromium not installed (apt-get install chromium chromium-driver); browser test skipped", present);
    }

    static WebDriver start(boolean javascript, String windowSize) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + windowSize);
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build(), options);
    }
}
