package org.laporpredator.console.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The accounts of Karaf's realm file ({@code etc/users.properties}: {@code name = password,role|_g_:group,...},
 * {@code _g_:group = group,role,...}) as names, roles and a salted fingerprint of the stored password, and
 * what changed between two readings. A password itself never leaves {@link #read}.
 */
final class Accounts {

    private static final String GROUP = "_g_:";
    private static final String CRYPT = "{CRYPT}";

    /** One account: its effective roles (groups expanded) and its password's fingerprint. */
    record Account(Set<String> roles, String fingerprint, boolean hashed) {
    }

    /** A change worth an audit row: action ({@code account-created}, ...), account name, detail (roles). */
    record Change(String action, String name, String detail) {
    }

    private Accounts() {
    }

    static Map<String, Account> read(Properties users, String salt) {
        Map<String, Account> out = new TreeMap<>();
        for (String name : users.stringPropertyNames()) {
            if (name.startsWith(GROUP)) {
                continue;
            }
            String[] parts = users.getProperty(name).split(",");
            String password = parts[0].strip();
            Set<String> roles = new TreeSet<>();
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.startsWith(GROUP)) {
                    String group = users.getProperty(p);
                    if (group != null) {
                        String[] g = group.split(",");
                        for (int j = 1; j < g.length; j++) { // g[0] is the word "group"
                            add(roles, g[j]);
                        }
                    }
                } else {
                    add(roles, p);
                }
            }
            out.put(name, new Account(roles, fingerprint(salt, password), password.startsWith(CRYPT)));
        }
        return out;
    }

    private static void add(Set<String> roles, String role) {
        if (!role.isBlank()) {
            roles.add(role.strip());
        }
    }

    /**
     * What changed from {@code before} to {@code after}, by name. A password that Karaf replaced by its hash
     * on first use (plain before, {@code {CRYPT}} after) is not a change.
     */
    static List<Change> changes(Map<String, Account> before, Map<String, Account> after) {
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, Account> e : after.entrySet()) {
            Account was = before.get(e.getKey());
            Account is = e.getValue();
            if (was == null) {
                out.add(new Change("account-created", e.getKey(), "roles " + String.join(",", is.roles())));
                continue;
            }
            if (!was.roles().equals(is.roles())) {
                out.add(new Change("account-roles-changed", e.getKey(),
                        "roles " + String.join(",", was.roles()) + " -> " + String.join(",", is.roles())));
            }
            boolean hashedByKaraf = !was.hashed() && is.hashed();
            if (!Objects.equals(was.fingerprint(), is.fingerprint()) && !hashedByKaraf) {
                out.add(new Change("account-password-changed", e.getKey(), null));
            }
        }
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                out.add(new Change("account-removed", name, "roles " + String.join(",", before.get(name).roles())));
            }
        }
        return out;
    }

    /** As kept between readings: {@code name = fingerprint;hashed;role,role}. */
    static Properties toProperties(Map<String, Account> accounts) {
        Properties p = new Properties();
        accounts.forEach((name, a) -> p.setProperty(name, a.fingerprint() + ";" + a.hashed() + ";" + String.join(",", a.roles())));
        return p;
    }

    static Map<String, Account> fromProperties(Properties p) {
        Map<String, Account> out = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            String[] f = p.getProperty(name).split(";", 3);
            if (f.length == 3) {
                Set<String> roles = new TreeSet<>();
                for (String r : f[2].split(",")) {
                    add(roles, r);
                }
                out.put(name, new Account(roles, f[0], Boolean.parseBoolean(f[1])));
            }
        }
        return out;
    }

    static String fingerprint(String salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
