package org.laporpredator.conversation.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.laporpredator.api.ChatStates;

/** Chat states in memory, for the conversation's unit tests. */
final class MemoryChatStates implements ChatStates {

    private final Map<String, Saved> states = new ConcurrentHashMap<>();
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    @Override
    public Optional<Saved> load(String channel, String chatKey) {
        return Optional.ofNullable(states.get(channel + " " + chatKey));
    }

    @Override
    public synchronized boolean save(String channel, String chatKey, String state, Instant at, String messageId) {
        if (messageId != null && seen.putIfAbsent(channel + " " + messageId, at) != null) {
            return false;
        }
        states.put(channel + " " + chatKey, new Saved(state, at));
        return true;
    }

    @Override
    public boolean seen(String channel, String messageId) {
        return seen.containsKey(channel + " " + messageId);
    }

    @Override
    public int forget(Instant conversationsBefore, Instant messagesBefore) {
        int before = states.size() + seen.size();
        states.values().removeIf(s -> s.at().isBefore(conversationsBefore));
        seen.values().removeIf(t -> t.isBefore(messagesBefore));
        return before - states.size() - seen.size();
    }
}
