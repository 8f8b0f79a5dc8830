package org.laporpredator.links;

/** A URL that cannot be parsed; the message says why in words a reporter understands. */
public class UrlException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UrlException(String message) {
        super(message);
    }

    /** Bad links are ordinary input, not bugs: no stack trace, so rejecting one stays cheap. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
