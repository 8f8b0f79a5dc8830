package org.laporpredator.spi;

import java.time.Duration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Delivers outbox events to one partner. Registered with service properties {@link Modules#ID},
 * {@link Modules#KIND} = {@link Modules#NOTIFIER} and {@link Modules#PARTNER}, the partner's id. The
 * dispatcher decides what a partner gets (its routing, in its configuration), when, and how often to try:
 * a notifier only delivers one event at a time and says how it went. It may be called from several
 * threads at once, for different events.
 *
 * <p>What a notifier sends is what {@link Events} documents: links, identifiers, platform, kind,
 * category, classification, times, references. Never a reporter's contact (the payloads hold none), and
 * never anything fetched from a reported link: a notifier never opens one.
 */
@ConsumerType
public interface PartnerNotifier extends ModuleHealth {

    /**
     * Delivers one event. The partner may see an event more than once (after a crash or a timeout) and
     * deduplicates by {@link OutboxEvent#idempotencyKey()}, the same on every attempt.
     *
     * @return the partner's own reference for the event (e.g. a MyCERT reference number), or null
     * @throws DeliveryFailed when it was not delivered
     */
    String deliver(OutboxEvent event) throws DeliveryFailed;

    /** Null when it can deliver (the default); else why not, e.g. "no recipient configured": its records wait. */
    @Override
    default String problem() {
        return null;
    }

    /**
     * A failed delivery: {@link #retryable()} says whether trying again later may help, {@link #retryAfter()}
     * when the partner asked to wait (null: the dispatcher's backoff). The message is a short reason for
     * admins (an HTTP status, "connection refused"), never the payload.
     */
    class DeliveryFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;
        private final transient Duration retryAfter;

        public DeliveryFailed(String message, boolean retryable, Throwable cause) {
            this(message, retryable, null, cause);
        }

        public DeliveryFailed(String message, boolean retryable, Duration retryAfter, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
            this.retryAfter = retryAfter;
        }

        public boolean retryable() {
            return retryable;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
