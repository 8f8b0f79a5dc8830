package org.laporpredator.console.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;
import org.laporpredator.api.accounts.Session;

public class AccessTest {

    private static Session session(String... roles) {
        return new Session("siti", Set.of(roles), "csrf-token-1", Instant.now(), Instant.now());
    }

    @Test
    public void adminsMayDoWhatAnalystsDoNotTheOtherWayRound() {
        assertTrue(Access.hasRole(session("analyst"), Access.ANALYST));
        assertFalse(Access.hasRole(session("analyst"), Access.ADMIN));
        assertTrue(Access.hasRole(session("admin"), Access.ANALYST));
        assertTrue(Access.hasRole(session("admin"), Access.ADMIN));
        assertFalse(Access.hasRole(session(), Access.ANALYST));
    }

    @Test
    public void csrfTokensMustMatchExactly() {
        assertTrue(Access.sameToken("csrf-token-1", "csrf-token-1"));
        assertFalse(Access.sameToken("csrf-token-1", "csrf-token-2"));
        assertFalse(Access.sameToken("csrf-token-1", "csrf-token-"));
        assertFalse(Access.sameToken("csrf-token-1", ""));
        assertFalse(Access.sameToken("csrf-token-1", null));
    }

    @Test
    public void theSessionCookieIsHttpOnlyStrictAndSecureOverTls() {
        assertEquals("lapor_session=abc; Path=/; HttpOnly; SameSite=Strict", Access.cookie("abc", false));
        assertEquals("lapor_session=abc; Path=/; HttpOnly; SameSite=Strict; Secure", Access.cookie("abc", true));
        assertTrue(Access.cookie(null, false).endsWith("Max-Age=0"));
    }

    @Test
    public void failedLoginsWaitLongerEachTimeUpToACap() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        LoginThrottle t = new LoginThrottle(250, 8000, now::get);
        assertEquals(0, t.delayMillis("siti"));
        t.failed("siti");
        assertEquals(250, t.delayMillis("siti"));
        t.failed("siti");
        assertEquals(500, t.delayMillis("SITI"));
        for (int i = 0; i < 10; i++) {
            t.failed("siti");
        }
        assertEquals(8000, t.delayMillis("siti"));
        assertEquals("other accounts are not slowed by one account's failures", 0, t.delayMillis("ali"));
        t.succeeded("siti");
        assertEquals(0, t.delayMillis("siti"));
        // an account that does not exist is counted the same way
        t.failed("no-such-user");
        assertEquals(250, t.delayMillis("no-such-user"));
        now.addAndGet(TimeUnit.MINUTES.toNanos(16));
        assertEquals("forgotten after a quarter of an hour", 0, t.delayMillis("no-such-user"));
    }

    @Test
    public void manyFailuresAcrossAccountsSlowEveryLogin() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        LoginThrottle t = new LoginThrottle(250, 8000, now::get);
        for (int i = 0; i < 60; i++) {
            t.failed("user" + i);
        }
        assertEquals(1000, t.delayMillis("fresh"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(61));
        assertEquals(0, t.delayMillis("fresh"));
    }
}
