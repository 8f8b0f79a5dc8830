package org.laporpredator.channel.email.internal;

import java.time.Duration;
import java.util.Locale;
import org.laporpredator.mail.Hosts;

/**
 * The mailbox's configuration, checked.
 *
 * @param security imaps, starttls or none; null when the configured value is none of them
 * @param port     the port in effect (the security's usual one when configured as 0)
 */
record MailboxSettings(String host, int port, String security, String username, String password, String folder,
        String processedFolder, String reviewFolder, Duration poll, Duration timeout) {

    static final String CFG = "etc/org.laporpredator.channel.email.cfg";

    MailboxSettings {
        host = host == null ? "" : host.strip();
        security = security == null || security.isBlank() ? "imaps" : security.strip().toLowerCase(Locale.ROOT);
        if (!security.equals("imaps") && !security.equals("starttls") && !security.equals("none")) {
            security = null;
        }
        if (port <= 0 && security != null) {
            port = security.equals("imaps") ? 993 : 143;
        }
        username = username == null ? "" : username.strip();
        password = password == null ? "" : password;
        folder = blank(folder, "INBOX");
        processedFolder = blank(processedFolder, "Lapor-Processed");
        reviewFolder = blank(reviewFolder, "Lapor-Review");
    }

    static MailboxSettings of(EmailChannelConfig c) {
        return new MailboxSettings(c.host(), c.port(), c.security(), c.username(), c.password(), c.folder(),
                c.processedFolder(), c.reviewFolder(), Duration.ofSeconds(Math.max(1, c.pollSeconds())),
                Duration.ofSeconds(Math.max(1, c.timeoutSeconds())));
    }

    /** Null when the settings can be used; else what is wrong, for admins. */
    String problem() {
        if (host.isEmpty()) {
            return "not configured: no IMAP server (" + CFG + ")";
        }
        if (security == null) {
            return "unknown security (imaps, starttls or none) in " + CFG;
        }
        if (security.equals("none") && !Hosts.isLoopback(host)) {
            return "security = none is only allowed for a server on this machine (use imaps or starttls)";
        }
        if (port > 65535) {
            return "port out of range in " + CFG;
        }
        if (username.isEmpty()) {
            return "no IMAP username configured (" + CFG + ")";
        }
        if (password.isEmpty()) {
            return "no IMAP password for the username (set LAPOR_IMAP_PASSWORD)";
        }
        if (processedFolder.equals(folder) || reviewFolder.equals(folder)) {
            return "processedFolder and reviewFolder must differ from folder";
        }
        return null;
    }

    private static String blank(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.strip();
    }

    /** For logs: never the password or the username. */
    @Override
    public String toString() {
        return "MailboxSettings[host=" + host + ", port=" + port + ", security=" + security + ", folder=" + folder + "]";
    }
}
