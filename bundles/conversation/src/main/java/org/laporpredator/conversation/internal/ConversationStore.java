package org.laporpredator.conversation.internal;

import java.time.Instant;
import java.util.Optional;

/** Where conversations wait between messages: keyed by a hash of the chat, never its id. */
interface ConversationStore {

    /** The state saved for the chat, if any, and when. */
    Optional<Saved> load(String chatKey);

    void save(String chatKey, String state, Instant at);

    /** True the first time the channel's message id is seen (and notes it), false after. */
    boolean firstTime(String channel, String messageId, Instant at);

    record Saved(String state, Instant at) {
    }
}
