package org.laporpredator.mail.internal;

import java.time.Duration;
import org.laporpredator.mail.Hosts;
import org.laporpredator.mail.Mail;
import org.laporpredator.mail.Mailer;

/**
 * The mailer's configuration, checked.
 *
 * @param security null when the configured value is none of none, starttls, smtps
 * @param port     the port in effect (the security's default when configured as 0)
 */
public record Settings(String host, int port, Security security, String username, String password, String from,
        Duration timeout) {

    public Settings {
        host = host == null ? "" : host.strip();
        username = username == null ? "" : username.strip();
        password = password == null ? "" : password;
        from = from == null ? "" : from.strip();
        if (port <= 0 && security != null) {
            port = security.defaultPort;
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            timeout = Duration.ofSeconds(30);
        }
    }

    /** Settings from their textual form, as in the cfg file. */
    public static Settings of(String host, int port, String security, String username, String password, String from,
            int timeoutSeconds) {
        return new Settings(host, port, Security.parse(security), username, password, from,
                Duration.ofSeconds(Math.max(1, timeoutSeconds)));
    }

    static Settings of(MailConfig c) {
        return of(c.host(), c.port(), c.security(), c.username(), c.password(), c.from(), c.timeoutSeconds());
    }

    /** Null when the settings can be used; else what is wrong, for admins. */
    String problem() {
        if (host.isEmpty()) {
            return "no SMTP server configured (etc/" + Mailer.PID + ".cfg)";
        }
        if (security == null) {
            return "unknown security (none, starttls or smtps) in etc/" + Mailer.PID + ".cfg";
        }
        if (security == Security.NONE && !isLoopback(host)) {
            return "security = none is only allowed for a server on this machine (use starttls or smtps)";
        }
        if (port > 65535) {
            return "port out of range in etc/" + Mailer.PID + ".cfg";
        }
        if (from.isEmpty()) {
            return "no sender address configured (from)";
        }
        if (!Mail.isAddress(from)) {
            return "the sender address (from) is not an email address";
        }
        if (!username.isEmpty() && password.isEmpty()) {
            return "no SMTP password for the username (set LAPOR_SMTP_PASSWORD)";
        }
        return null;
    }

    static boolean isLoopback(String host) {
        return Hosts.isLoopback(host);
    }

    /** For logs: never the password, never the sender. */
    @Override
    public String toString() {
        return "Settings[host=" + host + ", port=" + port + ", security=" + security + ", login="
                + (username.isEmpty() ? "no" : "yes") + ", timeout=" + timeout.toSeconds() + "s]";
    }
}
