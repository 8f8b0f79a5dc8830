package org.laporpredator.api;

/** The client sent too many reports in a short time; nothing was stored. */
public class TooManySubmissions extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    public TooManySubmissions(long retryAfterSeconds) {
        super("Too many reports from this connection in a short time. Please wait " + retryAfterSeconds
                + " seconds and send the report again.", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
