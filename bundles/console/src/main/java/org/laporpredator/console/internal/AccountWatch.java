package org.laporpredator.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.laporpredator.api.cases.Cases;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts account changes in the audit log: accounts are made by {@code bin/create-user} or Karaf's
 * {@code jaas:*} commands in {@code etc/users.properties}, outside the platform, so the file is read every
 * {@code accountCheckSeconds} and compared with the last reading (kept in {@code data/lapor-accounts.properties}:
 * names, roles and salted password fingerprints, never a password), also across restarts. Runs while the
 * console module is on; what changed meanwhile is audited when it is back. The actor is {@code system}.
 */
@Component(immediate = true, configurationPid = AdminGate.PID)
public class AccountWatch {

    static final String ACTOR = "system";
    private static final Logger LOG = LoggerFactory.getLogger(AccountWatch.class);
    private static final String SALT = "_salt";

    private final Cases cases;
    private final Path users;
    private final Path kept;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lapor-account-watch");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public AccountWatch(@Reference AdminGate gate, @Reference Cases cases, ConsoleConfig config) {
        this.cases = cases;
        this.users = Path.of(System.getProperty("karaf.etc", "etc"), "users.properties");
        this.kept = Path.of(System.getProperty("karaf.data", "data"), "lapor-accounts.properties");
        long every = Math.max(1, config.accountCheckSeconds());
        timer.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    void check() {
        try {
            check(users, kept, cases);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not compare the accounts with the last reading ({})", e.getClass().getSimpleName());
        }
    }

    /** Audits what changed in {@code users} since {@code kept}, then keeps the new reading. */
    static int check(Path users, Path kept, Cases cases) throws IOException {
        if (!Files.exists(users)) {
            return 0;
        }
        Properties last = load(kept);
        String salt = last.getProperty(SALT);
        boolean first = salt == null;
        if (first) {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            salt = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
        last.remove(SALT);
        Map<String, Accounts.Account> now = Accounts.read(load(users), salt);
        Map<String, Accounts.Account> before = Accounts.fromProperties(last);
        int audited = 0;
        for (Accounts.Change c : Accounts.changes(before, now)) {
            cases.audit(ACTOR, c.action(), c.name(), first ? join(c.detail(), "found at the first reading") : c.detail());
            audited++;
        }
        if (audited > 0 || first) {
            Properties out = Accounts.toProperties(now);
            out.setProperty(SALT, salt);
            Path tmp = kept.resolveSibling(kept.getFileName() + ".tmp");
            try (OutputStream o = Files.newOutputStream(tmp)) {
                out.store(o, "Accounts at the last reading (no passwords); AccountWatch");
            }
            Files.move(tmp, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return audited;
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        return p;
    }
}
