package org.laporpredator.api;

import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where chat conversations wait between messages, in the store, so that a restart or another node loses
 * nothing: keyed by the channel and a hash of the chat (never its id), the state encrypted at rest like a
 * reporter's contact. Also which platform message ids were handled, so that one delivered twice is handled once.
 */
@ProviderType
public interface ChatStates {

    /** Longest state, in UTF-8 bytes. */
    int MAX_STATE_BYTES = 30_000;
    /** Longest chat key and message id. */
    int MAX_KEY = 128;

    /**
     * The state saved for the chat, and when.
     *
     * @throws ServiceUnavailable when the store cannot answer
     */
    Optional<Saved> load(String channel, String chatKey);

    /**
     * Saves the chat's state, replacing any other, and notes the message id that led to it, in one
     * transaction, committed when it returns.
     *
     * @param messageId the platform's id of the message handled, or null
     * @return false, with nothing saved, when the message id was noted before (a twin delivery got there first)
     * @throws IllegalArgumentException when a part is empty or too long
     * @throws ServiceUnavailable when it could not be stored
     */
    boolean save(String channel, String chatKey, String state, Instant at, String messageId);

    /** Whether the channel's message id was noted by a {@link #save}. */
    boolean seen(String channel, String messageId);

    /** Forgets conversations saved and message ids seen before the given times; how many rows went. */
    int forget(Instant conversationsBefore, Instant messagesBefore);

    /** A state as saved. */
    record Saved(String state, Instant at) {
    }
}
