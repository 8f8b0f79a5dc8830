package org.laporpredator.conversation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.laporpredator.api.ChatStates;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.StatusMessage;
import org.laporpredator.api.cases.CaseReport;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.conversation.ChatOutbox;
import org.laporpredator.conversation.Outgoing;
import org.laporpredator.spi.Events;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a reporter who agreed to be contacted, in the chat they reported from, when their report's status
 * changes: the dispatcher's partner {@value #PARTNER} ({@code etc/org.laporpredator.notifier.reporters.cfg},
 * {@code report.status-changed} only), so an update waits and is retried like any delivery while the chat's
 * channel is down. The contact is read through {@link Cases#revealContact}, audited on the report. Logs
 * channels and outcomes only, never a chat or a reference.
 */
@Component(service = PartnerNotifier.class, configurationPid = ConversationComponent.PID, property = {
    Modules.ID + "=" + ChatFollowUp.MODULE_ID,
    Modules.KIND + "=" + Modules.NOTIFIER,
    Modules.NAME + "=Status updates in the reporter's chat",
    Modules.PARTNER + "=" + ChatFollowUp.PARTNER
})
public class ChatFollowUp implements PartnerNotifier {

    static final String MODULE_ID = "chat-follow-up";
    static final String PARTNER = "reporters";
    static final String ACTOR = "chat-follow-up";
    /** Chat channels of this platform: while one is away, its updates wait (a partner's channel counts while it is there). */
    static final Set<String> CHAT_CHANNELS = Set.of("channel-telegram", "channel-whatsapp");
    private static final Logger LOG = LoggerFactory.getLogger(ChatFollowUp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cases cases;
    private final ChatStates states;
    private final Texts texts;
    private final String siteUrl;
    private final Map<String, ChatOutbox> outboxes = new ConcurrentHashMap<>();

    @Activate
    public ChatFollowUp(@Reference Cases cases, @Reference ChatStates states, ConversationConfig config) {
        this(cases, states, new Texts(), config.siteUrl());
    }

    ChatFollowUp(Cases cases, ChatStates states, Texts texts, String siteUrl) {
        this.cases = cases;
        this.states = states;
        this.texts = texts;
        this.siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addOutbox(ChatOutbox outbox, Map<String, Object> props) {
        Object id = props.get(Modules.ID);
        if (id != null) {
            outboxes.put(String.valueOf(id), outbox);
        }
    }

    void removeOutbox(ChatOutbox outbox, Map<String, Object> props) {
        Object id = props.get(Modules.ID);
        if (id != null) {
            outboxes.remove(String.valueOf(id), outbox);
        }
    }

    @Override
    public String deliver(OutboxEvent event) throws DeliveryFailed {
        if (!Events.REPORT_STATUS_CHANGED.equals(event.type())) {
            return null;
        }
        JsonNode p;
        try {
            p = JSON.readTree(event.payload());
        } catch (IOException e) {
            throw new DeliveryFailed("the event is not JSON", false, e);
        }
        String reference = p.path("reference").asText("");
        StatusMessage message = StatusMessage.forKey(p.path("messageKey").asText(""));
        try {
            Optional<CaseReport> found = cases.report(reference);
            if (found.isEmpty() || found.get().anonymous() || message == null) {
                return null; // nobody to tell
            }
            CaseReport r = found.get();
            ChatOutbox outbox = outboxes.get(r.channel());
            if (outbox == null) {
                if (CHAT_CHANNELS.contains(r.channel())) {
                    throw new DeliveryFailed(r.channel() + " is not running", true, null);
                }
                return null; // not a chat's report: its reporter hears by the channel's own means
            }
            String contact = cases.revealContact(reference, ACTOR, "status update in the chat the reporter agreed to be contacted in")
                    .orElse(null);
            String prefix = r.channel() + ":";
            if (contact == null || !contact.startsWith(prefix)) {
                return null;
            }
            String chat = contact.substring(prefix.length());
            Instant lastHeard = states.load(r.channel(), Flow.sha256("chat:" + r.channel() + ":" + chat))
                    .map(ChatStates.Saved::at).orElse(null);
            String language = texts.has(r.language(), "status.changed") ? r.language() : "ms";
            String text = texts.get(language, "status.changed", reference, message.text(language),
                    siteUrl + "/status?ref=" + reference + "&lang=" + language);
            String refused = outbox.send(chat, lastHeard, new Outgoing(text));
            if (refused != null) {
                LOG.info("A status update was not sent on {}: {}", r.channel(), refused);
                return "not sent: " + refused;
            }
            return null;
        } catch (IllegalStateException e) {
            throw new DeliveryFailed(e.getMessage(), true, e);
        } catch (ServiceUnavailable e) {
            throw new DeliveryFailed("the store is not available", true, e);
        }
    }
}
