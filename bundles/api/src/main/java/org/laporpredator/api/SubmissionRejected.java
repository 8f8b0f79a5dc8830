package org.laporpredator.api;

/**
 * A submission that cannot be accepted as it is. {@link #code()} is stable and names a message
 * in the channels' resource bundles; {@link #getMessage()} tells a person what to fix, in English.
 */
public class SubmissionRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public SubmissionRejected(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
