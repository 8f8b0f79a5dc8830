package org.laporpredator.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** Delivers outbox events to one partner. Registered with service property {@link Modules#PARTNER}. */
@ConsumerType
public interface PartnerNotifier {

    /**
     * Delivers one event; the partner may see it more than once and deduplicates by its key.
     *
     * @throws DeliveryFailed when it was not delivered
     */
    void deliver(OutboxEvent event) throws DeliveryFailed;

    /** A failed delivery; {@link #retryable()} says whether trying again later may help. */
    class DeliveryFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        public DeliveryFailed(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
