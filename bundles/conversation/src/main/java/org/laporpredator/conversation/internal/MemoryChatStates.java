package org.laporpredator.conversation.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Conversations in memory: for tests, and until the store keeps them. */
final class MemoryConversationStore implements ConversationStore {

    private final Map<String, Saved> states = new ConcurrentHashMap<>();
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    @Override
    public Optional<Saved> load(String chatKey) {
        return Optional.ofNullable(states.get(chatKey));
    }

    @Override
    public void save(String chatKey, String state, Instant at) {
        states.put(chatKey, new Saved(state, at));
    }

    @Override
    public boolean firstTime(String channel, String messageId, Instant at) {
        return seen.putIfAbsent(channel + " " + messageId, at) == null;
    }
}
