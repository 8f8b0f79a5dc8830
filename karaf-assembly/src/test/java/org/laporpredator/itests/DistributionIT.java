package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
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

    /** The database, the logs, the contact key and the generated shutdown command: for the service's user only. */
    private static void filesAtRestAreTheServicesOnly(Path home) throws Exception {
        String shipped = Distribution.run(home, List.of("tar", "xzOf", System.getProperty("lapor.distribution"),
                "--wildcards", "*/etc/config.properties"), Duration.ofMinutes(1));
        assertFalse("no shutdown command ships", shipped.contains("karaf.shutdown.command"));
        String config = Files.readString(home.resolve("etc/config.properties"), StandardCharsets.ISO_8859_1);
        assertTrue("a shutdown command was generated on first start",
                config.matches("(?s).*\\nkaraf\\.shutdown\\.command\\s*=\\s*[0-9a-f-]{36}.*"));
        List<Path> checked = new ArrayList<>();
        for (Path top : List.of(home.resolve("data/derby"), home.resolve("data/log"), home.resolve("etc"))) {
            try (Stream<Path> walk = Files.walk(top)) {
                walk.forEach(checked::add);
            }
        }
        assertTrue(checked.size() > 20);
        for (Path f : checked) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
            for (PosixFilePermission p : List.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE)) {
                assertFalse(f + " is " + PosixFilePermissions.toString(perms), perms.contains(p));
            }
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("etc/lapor-contact.key"))));
    }

    /** SSH answers on 127.0.0.1 and on no other address of this machine, with SFTP off. */
    private static void managementListensOnThisMachineOnly(Distribution karaf) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", karaf.sshPort), 5_000);
        }
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
                    continue;
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(a, karaf.sshPort), 2_000);
                    throw new AssertionError("SSH answers on " + a);
                } catch (ConnectException expected) {
                    // refused: not listening there
                }
            }
        }
        String shell = Files.readString(karaf.home.resolve("etc/org.apache.karaf.shell.cfg"));
        assertTrue(shell.matches("(?s).*\\nsftpEnabled\\s*=\\s*false.*"));
    }

    private static void classifyAndRemoveTheFirstItem(Distribution karaf, String reference) throws Exception {
        Admin admin = new Admin(karaf.httpPort, "ops", "correct-horse-battery");
        long item = admin.classifyFirstItem(reference, "CSAM");
        admin.change("POST", "/api/admin/items/" + item + "/removal", Map.of());
    }

    /** The audit log as admin ops sees it, once it holds {@code action} on {@code target} (polled). */
    private static String awaitAudit(Distribution karaf, String action, String target) throws Exception {
        Admin admin = new Admin(karaf.httpPort, "ops", "correct-horse-battery");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode audit = admin.get("/api/admin/audit?user=system");
            for (JsonNode e : audit.get("entries")) {
                if (action.equals(e.get("action").asText()) && target.equals(e.path("target").asText())) {
                    return e.toString();
                }
            }
            assertTrue("no " + action + " " + target + " in " + audit, System.nanoTime() < deadline);
            Thread.sleep(200); // polling for the condition
        }
    }

    @Test
    public void restartKeepsReportsModuleSwitchesAndTheContactKey() throws Exception {
        karaf = new Distribution("restart", 8383);
        karaf.setProperty("etc/org.laporpredator.status.cfg", "statsCacheSeconds", "0");
        karaf.setProperty("etc/org.laporpredator.console.cfg", "accountCheckSeconds", "1");
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
        filesAtRestAreTheServicesOnly(karaf.home);
        managementListensOnThisMachineOnly(karaf);
        byte[] keyBefore = Files.readAllBytes(key);
        String users = Files.readString(karaf.home.resolve("etc/users.properties"), StandardCharsets.ISO_8859_1);
        assertFalse("the admin password is hashed", users.contains("correct-horse-battery"));

        // an admin made by bin/create-admin works in the console; what it decides is counted
        classifyAndRemoveTheFirstItem(karaf, reference);
        // an account made while the platform runs is in the audit log, without its password
        karaf.run(List.of("sh", "-c", "LAPOR_PASSWORD=nur-long-password-1 bin/create-user nur analyst"), Duration.ofSeconds(30));
        String audit = awaitAudit(karaf, "account-created", "nur");
        assertTrue(audit, audit.contains("\"detail\":\"roles analyst\""));
        assertTrue("the first admin is in it too: " + audit, awaitAudit(karaf, "account-created", "ops").contains("found at the first reading"));
        assertFalse(audit, audit.contains("nur-long-password-1"));
        JsonNode counted = karaf.http.get("/api/stats").json();
        assertEquals(1, counted.get("classifiedCsamLinks").asLong());
        assertEquals(1, counted.get("removedCsamLinks").asLong());

        karaf.stop();
        karaf.start();

        JsonNode kept = karaf.http.get("/api/stats").json();
        assertEquals("the counters survive a restart", 1, kept.get("classifiedCsamLinks").asLong());
        assertEquals(1, kept.get("removedCsamLinks").asLong());
        Http.Reply status = karaf.http.get("/api/reports/" + reference + "/status");
        assertEquals(status.body(), 200, status.status());
        assertEquals("RECEIVED", status.json().get("status").asText());
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
