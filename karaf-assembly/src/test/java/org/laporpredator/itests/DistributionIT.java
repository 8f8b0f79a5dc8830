package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;
import org.laporpredator.api.ReferenceNumbers;

/**
 * The distribution as a deployer runs it: bin/start, an admin made with bin/create-admin,
 * bin/client, bin/stop, and a restart that keeps the data and the module switches.
 */
public class DistributionIT {

    private Distribution karaf;

    @After
    public void stop() throws Exception {
        if (karaf != null) {
            try {
                karaf.stop();
            } catch (AssertionError | Exception e) {
                // already stopped
            }
        }
    }

    @Test
    public void restartKeepsReportsModuleSwitchesAndTheContactKey() throws Exception {
        karaf = new Distribution("restart", 8383);
        karaf.run(List.of("sh", "-c", "LAPOR_ADMIN_PASSWORD=correct-horse-battery bin/create-admin ops"), Duration.ofSeconds(30));
        karaf.start();

        Http.Reply created = karaf.http.postJson("/api/reports", Map.of("urls", List.of("https://bad.example/restart"),
                "category", "GROOMING", "anonymous", false, "contact", "parent@example.com"));
        assertEquals(created.body(), 201, created.status());
        String reference = created.json().get("reference").asText();

        String modules = karaf.client("ops", "correct-horse-battery", "lapor:modules");
        assertTrue(modules, modules.contains("parser-web"));
        String wrong = karaf.client("ops", "wrong-password-here", "lapor:modules");
        assertFalse(wrong, wrong.contains("parser-web"));
        karaf.client("ops", "correct-horse-battery", "lapor:disable parser-web");
        JsonNode item = karaf.http.postJson("/api/reports", Map.of("urls", "https://bad.example/x", "category", "OTHER",
                "anonymous", true)).json().get("items").get(0);
        assertEquals("LINK", item.get("kind").asText());

        Path key = karaf.home.resolve("etc/lapor-contact.key");
        assertTrue("contact key generated", Files.exists(key));
        byte[] keyBefore = Files.readAllBytes(key);
        String users = Files.readString(karaf.home.resolve("etc/users.properties"), StandardCharsets.ISO_8859_1);
        assertFalse("the admin password is hashed", users.contains("correct-horse-battery"));

        karaf.stop();
        karaf.start();

        Http.Reply status = karaf.http.get("/api/reports/" + reference + "/status");
        assertEquals(status.body(), 200, status.status());
        assertEquals("RECEIVED", status.json().get("status").asText());
        Thread.sleep(5_500);
        assertEquals(2, karaf.http.get("/api/stats").json().get("incomingReports").asLong());
        String after = karaf.client("ops", "correct-horse-battery", "lapor:modules");
        assertTrue(after, after.matches("(?s).*parser-web[^\\n]*no[^\\n]*DISABLED.*"));
        item = karaf.http.postJson("/api/reports", Map.of("urls", "https://bad.example/x", "category", "OTHER",
                "anonymous", true)).json().get("items").get(0);
        assertEquals("still off after the restart", "LINK", item.get("kind").asText());
        assertTrue(java.util.Arrays.equals(keyBefore, Files.readAllBytes(key)));
        assertTrue(ReferenceNumbers.isValid(reference));

        karaf.client("ops", "correct-horse-battery", "lapor:enable parser-web");
        item = karaf.http.postJson("/api/reports", Map.of("urls", "https://bad.example/x", "category", "OTHER",
                "anonymous", true)).json().get("items").get(0);
        assertEquals("WEB_PAGE", item.get("kind").asText());
    }
}
