package org.laporpredator.api;

/** A report could not be taken right now (store down, channel switched off); nothing was stored. */
public class ServiceUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServiceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public ServiceUnavailable(String message) {
        super(message);
    }
}
