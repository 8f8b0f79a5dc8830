package org.laporpredator.console.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Test;
import org.laporpredator.api.cases.Cases;

public class AccountWatchTest {

    private final Path dir;
    private final Path users;
    private final Path kept;
    private final List<String> audited = new ArrayList<>();
    private final Cases cases = (Cases) Proxy.newProxyInstance(Cases.class.getClassLoader(), new Class<?>[] {Cases.class},
            (proxy, method, args) -> {
                if (method.getName().equals("audit") && args.length == 4) {
                    audited.add(args[0] + " " + args[1] + " " + args[2] + " " + args[3]);
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    public AccountWatchTest() throws IOException {
        dir = Files.createTempDirectory("accounts");
        users = dir.resolve("users.properties");
        kept = dir.resolve("lapor-accounts.properties");
    }

    @After
    public void clean() throws IOException {
        for (Path p : List.of(users, kept)) {
            Files.deleteIfExists(p);
        }
        Files.delete(dir);
    }

    private void write(String text) throws IOException {
        Files.writeString(users, text, StandardCharsets.ISO_8859_1);
    }

    private int check() throws IOException {
        return AccountWatch.check(users, kept, cases);
    }

    @Test
    public void createdChangedAndRemovedAccountsAreAuditedOnceWithoutPasswords() throws IOException {
        write("_g_\\:admingroup = group,admin,manager\nops = first-password-123,_g_:admingroup\n");
        assertEquals(1, check());
        assertEquals("system account-created ops roles admin,manager; found at the first reading", audited.get(0));
        assertEquals(0, check()); // nothing changed
        String keptText = Files.readString(kept, StandardCharsets.ISO_8859_1);
        assertFalse("no password is kept", keptText.contains("first-password-123"));

        // bin/create-user adds an analyst; Karaf hashes the admin's password on first use: not a change
        write("_g_\\:admingroup = group,admin,manager\nops = {CRYPT}9f86d081884c7d65{CRYPT},_g_:admingroup\n"
                + "siti = second-password-12,analyst\n");
        assertEquals(1, check());
        assertEquals("system account-created siti roles analyst", audited.get(1));

        // jaas:* gives siti the admin group, changes ops's password, then siti is deleted
        write("_g_\\:admingroup = group,admin,manager\nops = {CRYPT}0000000000000000{CRYPT},_g_:admingroup\n"
                + "siti = second-password-12,analyst,_g_:admingroup\n");
        assertEquals(2, check());
        assertTrue(audited.toString(), audited.contains("system account-roles-changed siti roles analyst -> admin,analyst,manager"));
        assertTrue(audited.toString(), audited.contains("system account-password-changed ops null"));
        write("_g_\\:admingroup = group,admin,manager\nops = {CRYPT}0000000000000000{CRYPT},_g_:admingroup\n");
        assertEquals(1, check());
        assertEquals("system account-removed siti roles admin,analyst,manager", audited.get(audited.size() - 1));
        for (String line : audited) {
            assertFalse(line, line.contains("password-12") || line.contains("CRYPT"));
        }
    }

    @Test
    public void changesMadeWhileStoppedAreAuditedAtTheNextReading() throws IOException {
        write("ana = a-long-password-1,analyst\n");
        check();
        write("ana = a-long-password-1,analyst\nben = a-long-password-2,analyst\n");
        // a new watch (a restart) reads the kept file
        assertEquals(1, AccountWatch.check(users, kept, cases));
        assertEquals("system account-created ben roles analyst", audited.get(1));
    }

    @Test
    public void noRealmFileIsNoChange() throws IOException {
        assertEquals(0, check());
        assertFalse(Files.exists(kept));
    }
}
