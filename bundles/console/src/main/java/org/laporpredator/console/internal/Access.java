package org.laporpredator.console.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import org.laporpredator.api.accounts.Session;
import org.laporpredator.api.accounts.Sessions;

/**
 * Who may call what: every admin call needs a session (401), the role it asks for (403; admins may do
 * what analysts do), and a state-changing one the session's CSRF token in {@code X-CSRF-Token} (403).
 */
final class Access {

    static final String COOKIE = "lapor_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String ANALYST = "analyst";
    static final String ADMIN = "admin";

    private Access() {
    }

    /** @throws javax.ws.rs.WebApplicationException 401 or 403 as JSON */
    static Session require(Sessions sessions, Duration idle, HttpServletRequest request, String role, boolean changesState) {
        String id = sessionId(request);
        Optional<Session> session = id == null || sessions == null ? Optional.empty() : sessions.touch(id, idle);
        if (session.isEmpty()) {
            throw Errors.fail(401, "unauthorized", "Please sign in first.");
        }
        Session s = session.get();
        if (!hasRole(s, role)) {
            throw Errors.fail(403, "forbidden", "Your account may not do this.");
        }
        if (changesState && !sameToken(s.csrfToken(), request.getHeader(CSRF_HEADER))) {
            throw Errors.fail(403, "csrf_token_missing", "This call needs the X-CSRF-Token of your session.");
        }
        return s;
    }

    static boolean hasRole(Session s, String role) {
        return s.roles().contains(ADMIN) || s.roles().contains(role);
    }

    /** Constant time, whatever the given token. */
    static boolean sameToken(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    static String sessionId(HttpServletRequest request) {
        Cookie[] cookies = request == null ? null : request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName()) && !c.getValue().isEmpty()) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Secure over TLS; {@code value} null clears it. */
    static String cookie(String value, boolean tls) {
        return COOKIE + "=" + (value == null ? "" : value) + "; Path=/; HttpOnly; SameSite=Strict"
                + (tls ? "; Secure" : "") + (value == null ? "; Max-Age=0" : "");
    }
}
