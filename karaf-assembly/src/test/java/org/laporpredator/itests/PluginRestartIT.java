package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/**
 * Plugins on the distribution as a deployer runs it: installed over SSH with {@code bin/client}, configured by
 * editing {@code etc/}, upgraded, dropped into {@code deploy/}, and still there, configured, after a restart.
 */
public class PluginRestartIT {

    static final String PASSWORD = "correct-horse-battery";
    static final String SETTINGS = "etc/org.laporpredator.example.notifier.rest.cfg";

    private Distribution karaf;

    @After
    public void stop() {
        if (karaf != null) {
            karaf.stopOrKill();
        }
    }

    @Test
    public void pluginsAndTheirSettingsSurviveUpgradesAndRestarts() throws Exception {
        karaf = new Distribution("plugins-restart", 9081);
        karaf.run(List.of("sh", "-c", "LAPOR_ADMIN_PASSWORD=" + PASSWORD + " bin/create-admin ops"), Duration.ofSeconds(30));
        karaf.start();

        String out = shell("lapor:install " + kar("org/laporpredator/examples/lapor-example-notifier-rest", "1.0.0").toUri());
        assertTrue(out, out.contains("lapor-example-notifier-rest 1.0.0 ACTIVE"));
        Path settings = karaf.home.resolve(SETTINGS);
        assertTrue("the plugin's settings are shipped into etc/", Files.exists(settings));
        Poll.until("the notifier says it has no url", Duration.ofSeconds(30),
                () -> shell("lapor:modules").contains("no url configured") ? true : null);

        // the admin configures it in etc/, then upgrades: the settings stay
        karaf.setProperty(SETTINGS, "url", "http://127.0.0.1:9099/cases");
        Poll.until("the notifier is configured", Duration.ofSeconds(30), () -> configured() ? true : null);
        out = shell("lapor:install " + kar("org/laporpredator/examples/lapor-example-notifier-rest", "1.1.0").toUri());
        assertTrue(out, out.contains("lapor-example-notifier-rest 1.1.0 ACTIVE"));
        assertTrue(Files.readString(settings, StandardCharsets.ISO_8859_1).contains("http://127.0.0.1:9099/cases"));
        assertTrue(configured());

        // a KAR dropped into deploy/ is installed by Karaf and listed as a plugin
        Path parser = kar("org/laporpredator/generated/generated-parser", "1.0.0");
        Files.copy(parser, karaf.home.resolve("deploy").resolve(parser.getFileName()));
        Poll.until("the deployed parser is listed", Duration.ofSeconds(60),
                () -> shell("lapor:plugins").contains("generated-parser 1.0.0 ACTIVE") ? true : null);
        assertEquals("GENERATED-PARSER", platformOf("https://example.com/@deployed"));

        karaf.stop();
        karaf.start();
        String plugins = Poll.until("the plugins are back after the restart", Duration.ofSeconds(60), () -> {
            String p = shell("lapor:plugins");
            return p.contains("lapor-example-notifier-rest 1.1.0 ACTIVE") && p.contains("generated-parser 1.0.0 ACTIVE") ? p : null;
        });
        assertTrue(plugins, !plugins.contains("1.0.0 ACTIVE modules=notifier-rest-example"));
        assertTrue("still configured after the restart", configured());
        assertEquals("GENERATED-PARSER", platformOf("https://example.com/@after-restart"));

        out = shell("lapor:uninstall notifier-rest-example");
        assertTrue(out, out.contains("removed"));
        assertTrue("an uninstall leaves the admin's settings", Files.readString(settings, StandardCharsets.ISO_8859_1)
                .contains("http://127.0.0.1:9099/cases"));
    }

    private boolean configured() {
        String modules = shell("lapor:modules");
        return modules.contains("notifier-rest-example") && !modules.contains("no url configured");
    }

    private String platformOf(String url) {
        Http.Reply r = karaf.http.postJson("/api/reports", Map.of("urls", url, "category", "GROOMING", "anonymous", true));
        assertEquals(r.body(), 201, r.status());
        return r.json().get("items").get(0).get("platform").asText();
    }

    private String shell(String command) {
        try {
            return karaf.client("ops", PASSWORD, command);
        } catch (Exception e) {
            throw new AssertionError(command, e);
        }
    }

    private static Path kar(String path, String version) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        Path kar = Path.of(System.getProperty("lapor.m2"), path, version, name + "-" + version + ".kar");
        assertTrue(kar + " is built before the integration tests", Files.exists(kar));
        return kar;
    }
}
