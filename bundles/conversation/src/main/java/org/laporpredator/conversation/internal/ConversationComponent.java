package org.laporpredator.conversation.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.laporpredator.api.ChatStates;
import org.laporpredator.api.LinkRecognizer;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.ReportIntake;
import org.laporpredator.api.StatusLookup;
import org.laporpredator.api.StatusRecord;
import org.laporpredator.api.Submission;
import org.laporpredator.conversation.ChatOutbox;
import org.laporpredator.conversation.Conversation;
import org.laporpredator.conversation.Incoming;
import org.laporpredator.conversation.Outgoing;
import org.laporpredator.spi.Modules;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/** The {@link Conversation} service (PID {@value #PID}): the flow over the intake, the status and the store. */
@Component(service = Conversation.class, configurationPid = ConversationComponent.PID)
@Designate(ocd = ConversationConfig.class)
public class ConversationComponent implements Conversation {

    public static final String PID = "org.laporpredator.conversation";
    private final Engine engine;
    /** The channels with a {@link ChatOutbox}: only they are offered to be contacted in the chat. */
    private final Set<String> outboxes = ConcurrentHashMap.newKeySet();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addOutbox(ChatOutbox outbox, Map<String, Object> props) {
        if (props.get(Modules.ID) != null) {
            outboxes.add(String.valueOf(props.get(Modules.ID)));
        }
    }

    void removeOutbox(ChatOutbox outbox, Map<String, Object> props) {
        if (props.get(Modules.ID) != null) {
            outboxes.remove(String.valueOf(props.get(Modules.ID)));
        }
    }

    @Activate
    public ConversationComponent(@Reference ReportIntake intake, @Reference LinkRecognizer recognizer,
            @Reference StatusLookup status, @Reference ChatStates states, ConversationConfig config) {
        Ports ports = new Ports() {
            @Override
            public List<ReceiptItem> recognise(String text) {
                return recognizer.recognise(text);
            }

            @Override
            public Receipt submit(Submission submission) {
                return intake.submit(submission);
            }

            @Override
            public Optional<StatusRecord> status(String reference, String client) {
                return status.find(reference, client);
            }

            @Override
            public boolean reaches(String channel) {
                return outboxes.contains(channel);
            }
        };
        this.engine = new Engine(new Flow(new Texts(), ports, config.siteUrl()), states, Clock.systemUTC());
    }

    @Override
    public List<Outgoing> receive(String channel, String chat, String messageId, String language, String client,
            Incoming message) {
        return engine.receive(channel, chat, messageId, language, client, message);
    }
}
