package org.laporpredator.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Small facts a channel keeps between runs and shares between nodes, in the store: where it stopped
 * reading a mailbox, which messages already became reports, which were answered. Never a contact.
 */
@ProviderType
public interface ChannelState {

    /** Longest channel id. */
    int MAX_CHANNEL = 64;
    /** Longest key. */
    int MAX_KEY = 128;
    /** Longest value. */
    int MAX_VALUE = 512;

    /**
     * The value stored under the channel's key, if any.
     *
     * @throws ServiceUnavailable when the store cannot answer
     */
    Optional<String> get(String channel, String key);

    /**
     * Stores the value under the channel's key, replacing any other, committed when it returns.
     *
     * @throws IllegalArgumentException when a part is empty or too long
     * @throws ServiceUnavailable when it could not be stored
     */
    void put(String channel, String key, String value);
}
