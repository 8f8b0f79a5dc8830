package org.laporpredator.mail;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends mail through the SMTP server configured in {@code etc/org.laporpredator.mail.cfg} (PID
 * {@value #PID}). Safe to call from several threads at once; connections are kept open a few seconds
 * between mails.
 *
 * <p>It never logs a recipient's address or any content: failures are logged and reported by SMTP reply
 * code and exception class only.
 */
@ProviderType
public interface Mailer {

    /** The configuration PID. */
    String PID = "org.laporpredator.mail";

    /**
     * Sends one mail. With several recipients, it counts as sent when the server took it for at least one
     * of them (the refused ones are logged by count and reply code).
     *
     * @throws MailFailed when it was not sent; {@link MailFailed#retryable()} says whether trying again later
     *                    may help
     */
    void send(Mail mail) throws MailFailed;

    /**
     * Null when a server is configured and was reachable at the last try (a send or a check); else why not,
     * in a short sentence for admins, e.g. "no SMTP server configured (etc/org.laporpredator.mail.cfg)".
     */
    String problem();
}
