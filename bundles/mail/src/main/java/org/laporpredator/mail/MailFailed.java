package org.laporpredator.mail;

/**
 * A mail that was not sent. The message is a short reason for admins: an SMTP reply code and the exception
 * class, never an address or any content, and no cause is kept (a mail library's messages quote the server's
 * reply, which may name the recipient).
 */
public class MailFailed extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final int replyCode;

    /**
     * @param replyCode the SMTP reply code when the server gave one, else -1
     */
    public MailFailed(String message, boolean retryable, int replyCode) {
        super(message);
        this.retryable = retryable;
        this.replyCode = replyCode;
    }

    /**
     * Whether a later try may succeed: true for connection failures, timeouts, 4xx replies and a mailer
     * that is not configured or refused its login (nothing wrong with the mail itself); false for 5xx
     * replies to the mail and for a mail that cannot be written.
     */
    public boolean retryable() {
        return retryable;
    }

    /** The SMTP reply code, or -1 when there was none (no connection, a timeout, a local error). */
    public int replyCode() {
        return replyCode;
    }
}
