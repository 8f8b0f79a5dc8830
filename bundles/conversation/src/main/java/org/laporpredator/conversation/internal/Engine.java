package org.laporpredator.conversation.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.laporpredator.api.ChatStates;
import org.laporpredator.conversation.Conversation;
import org.laporpredator.conversation.Incoming;
import org.laporpredator.conversation.Outgoing;

/**
 * The conversation over a store: a chat's state loaded, the message handled, the state saved, one message of
 * a chat at a time; a state idle for 24 hours is forgotten; a message id seen before answers nothing. A
 * turn is one read-only look-up and one transaction.
 */
final class Engine implements Conversation {

    static final Duration IDLE = Duration.ofHours(24);
    private static final int LOCKS = 1024;
    /** Message ids this node handled lately, so that a twin costs no look-up; the store's note decides. */
    private static final int RECENT = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Flow flow;
    private final ChatStates store;
    private volatile Instant lastForget = Instant.EPOCH;
    private final Clock clock;
    private final Object[] locks = new Object[LOCKS];
    private final java.util.Set<String> recent = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Engine(Flow flow, ChatStates store, Clock clock) {
        this.flow = flow;
        this.store = store;
        this.clock = clock;
        for (int i = 0; i < LOCKS; i++) {
            locks[i] = new Object();
        }
    }

    @Override
    public List<Outgoing> receive(String channel, String chat, String messageId, String language, String client,
            Incoming message) {
        String key = Flow.sha256("chat:" + channel + ":" + chat);
        synchronized (locks[Math.floorMod(key.hashCode(), LOCKS)]) {
            Instant now = clock.instant();
            String id = messageId == null ? null : channel + " " + messageId;
            if (id != null && recent.contains(id)) {
                return List.of();
            }
            forgetOld(now);
            Optional<State> saved = store.load(channel, key).filter(s -> s.at().plus(IDLE).isAfter(now)).map(s -> read(s.state()));
            State state = saved.orElse(null);
            List<Outgoing> out;
            if (state == null) {
                boolean known = language != null && LANGUAGES.contains(language);
                state = State.fresh(known ? language : "ms", now.toEpochMilli());
                state.step = known ? State.Step.DANGER : State.Step.LANGUAGE;
                // a new chat is greeted, whatever it said first, unless it asked for something (status, help)
                boolean asked = message.media() != null || message.text() != null && flow.isCommand(message.text())
                        && !Texts.normal(message.text()).startsWith("/start");
                out = asked ? flow.handle(state, message, channel, chat, client, now.toEpochMilli()) : flow.begin(state);
            } else {
                out = flow.handle(state, message, channel, chat, client, now.toEpochMilli());
            }
            // the message id noted with the state, in one transaction. A twin this node has not seen (after a restart, or at another node) is handled, but its note is
            // found taken here and nothing of it is saved or said (a report it made has the same idempotency key)
            boolean stored = store.save(channel, key, write(state), now, messageId);
            if (id != null) {
                if (recent.size() >= RECENT) {
                    recent.clear();
                }
                recent.add(id);
            }
            return stored ? flow.menus(out, state.language) : List.of();
        }
    }

    /** At most once an hour: conversations idle for a day and message ids older than two days go. */
    private void forgetOld(Instant now) {
        if (lastForget.plus(Duration.ofHours(1)).isBefore(now)) {
            lastForget = now;
            store.forget(now.minus(IDLE), now.minus(IDLE.multipliedBy(2)));
        }
    }

    static State read(String json) {
        try {
            return JSON.readValue(json, State.class);
        } catch (JsonProcessingException e) {
            return State.fresh("ms", System.currentTimeMillis()); // unreadable: begin again
        }
    }

    static String write(State s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
