package org.laporpredator.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reference lookups for reporters and the public counters. Lookups are rate-limited per client
 * and take the same time whether or not the reference exists.
 */
@ProviderType
public interface StatusLookup {

    /**
     * The status of a well-formed reference (check digit already verified by the caller).
     *
     * @param client an opaque key of the asking client, used only for rate limiting in memory
     * @throws TooManyLookups when the client asked too often
     */
    Optional<StatusRecord> find(String reference, String client);

    /** The public counters (may be a few seconds old). */
    Stats stats();

    /** The client asked too often; it may ask again after {@link #retryAfterSeconds()}. */
    class TooManyLookups extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        public TooManyLookups(long retryAfterSeconds) {
            super("Too many status lookups. Please wait " + retryAfterSeconds + " seconds and try again.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
