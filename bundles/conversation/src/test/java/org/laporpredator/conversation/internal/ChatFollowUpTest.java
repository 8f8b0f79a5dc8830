package org.laporpredator.conversation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;
import org.laporpredator.api.Category;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.StatusMessage;
import org.laporpredator.api.cases.CaseReport;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.conversation.ChatOutbox;
import org.laporpredator.conversation.Outgoing;
import org.laporpredator.spi.Events;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier.DeliveryFailed;

public class ChatFollowUpTest {

    private final Map<String, CaseReport> reports = new HashMap<>();
    private final Map<String, String> contacts = new HashMap<>();
    private final List<String> revealed = new ArrayList<>();
    private final MemoryChatStates states = new MemoryChatStates();
    private final List<String[]> sent = new ArrayList<>();
    private final Cases cases = (Cases) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Cases.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "report" -> Optional.ofNullable(reports.get((String) args[0]));
                case "revealContact" -> {
                    revealed.add(args[0] + " by " + args[1]);
                    yield Optional.ofNullable(contacts.get((String) args[0]));
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });
    private final ChatFollowUp followUp = new ChatFollowUp(cases, states, new Texts(), "https://lapor.test/");

    private void report(String reference, String channel, String language, String contact) {
        reports.put(reference, new CaseReport(reference, Instant.EPOCH, channel, Category.SEXTORTION, null, null, language,
                contact == null, ReportStatus.RECEIVED, StatusMessage.defaultFor(ReportStatus.RECEIVED), List.of(), List.of(), false));
        if (contact != null) {
            contacts.put(reference, contact);
        }
    }

    private void outbox(String channel, String refusal) {
        followUp.addOutbox((chat, lastHeard, message) -> {
            sent.add(new String[] {channel, chat, String.valueOf(lastHeard), message.text()});
            return refusal;
        }, Map.of(Modules.ID, channel));
    }

    private static OutboxEvent changed(String reference, StatusMessage m) {
        return new OutboxEvent(1, Events.REPORT_STATUS_CHANGED, "status-" + reference + "-1", "{\"version\":1,\"reference\":\""
                + reference + "\",\"from\":\"RECEIVED\",\"to\":\"" + m.status() + "\",\"messageKey\":\"" + m.key()
                + "\",\"at\":\"2026-12-03T10:00:00Z\"}", Instant.EPOCH);
    }

    @Test
    public void aReporterWhoAgreedIsToldInTheirChatInTheirLanguage() throws Exception {
        outbox("channel-telegram", null);
        report("12345678", "channel-telegram", "ta", "channel-telegram:5550001");
        StatusMessage m = StatusMessage.defaultFor(ReportStatus.UNDER_REVIEW);
        assertNull(followUp.deliver(changed("12345678", m)));
        assertEquals(1, sent.size());
        assertEquals("5550001", sent.get(0)[1]);
        assertEquals("null", sent.get(0)[2]); // no conversation in the last day
        String text = sent.get(0)[3];
        assertTrue(text, text.contains("12345678") && text.contains(m.text("ta")) && text.contains("புகார்"));
        assertTrue(text, text.contains("https://lapor.test/status?ref=12345678&lang=ta"));
        assertEquals("the reading of the contact is audited", List.of("12345678 by chat-follow-up"), revealed);
    }

    @Test
    public void theLastMessageOfTheChatIsPassedForWhatsAppsWindow() throws Exception {
        outbox("channel-whatsapp", "outside WhatsApp's 24-hour customer service window");
        report("22345678", "channel-whatsapp", "ms", "channel-whatsapp:60123456789");
        Instant at = Instant.parse("2026-12-03T09:00:00Z");
        states.save("channel-whatsapp", Flow.sha256("chat:channel-whatsapp:60123456789"), "{}", at, null);
        String outcome = followUp.deliver(changed("22345678", StatusMessage.defaultFor(ReportStatus.REFERRED)));
        assertEquals(at.toString(), sent.get(0)[2]);
        assertTrue("not sent, and not retried: the delivery says why", outcome.startsWith("not sent: outside"));
    }

    @Test
    public void anonymousAndOtherChannelsReportsAreNotTouched() throws Exception {
        outbox("channel-telegram", null);
        report("32345678", "channel-telegram", "ms", null);
        report("42345678", "channel-web", "en", "siti@example.my");
        assertNull(followUp.deliver(changed("32345678", StatusMessage.defaultFor(ReportStatus.CLOSED))));
        assertNull(followUp.deliver(changed("42345678", StatusMessage.defaultFor(ReportStatus.CLOSED))));
        assertNull(followUp.deliver(changed("99999999", StatusMessage.defaultFor(ReportStatus.CLOSED))));
        assertTrue(sent.isEmpty());
        assertTrue("no contact read", revealed.isEmpty());
    }

    @Test
    public void whileTheChatsChannelIsAwayTheUpdateWaitsAndIsTriedAgain() throws Exception {
        report("52345678", "channel-telegram", "en", "channel-telegram:5550002");
        DeliveryFailed away = assertThrows(DeliveryFailed.class,
                () -> followUp.deliver(changed("52345678", StatusMessage.defaultFor(ReportStatus.UNDER_REVIEW))));
        assertTrue(away.retryable());
        assertTrue(revealed.isEmpty());
        ChatOutbox busy = (chat, lastHeard, message) -> {
            throw new IllegalStateException("too many Telegram replies wait");
        };
        followUp.addOutbox(busy, Map.of(Modules.ID, "channel-telegram"));
        assertTrue(assertThrows(DeliveryFailed.class,
                () -> followUp.deliver(changed("52345678", StatusMessage.defaultFor(ReportStatus.UNDER_REVIEW)))).retryable());
        followUp.removeOutbox(busy, Map.of(Modules.ID, "channel-telegram"));
        outbox("channel-telegram", null);
        assertNull(followUp.deliver(changed("52345678", StatusMessage.defaultFor(ReportStatus.UNDER_REVIEW))));
        assertEquals(1, sent.size());
    }

    @Test
    public void otherEventsAndBrokenPayloadsChangeNothing() throws Exception {
        outbox("channel-telegram", null);
        assertNull(followUp.deliver(new OutboxEvent(1, Events.REPORT_RECEIVED, "report-1", "{}", Instant.EPOCH)));
        assertTrue(!assertThrows(DeliveryFailed.class, () -> followUp.deliver(new OutboxEvent(2,
                Events.REPORT_STATUS_CHANGED, "k", "{not json", Instant.EPOCH))).retryable());
        assertTrue(sent.isEmpty());
    }
}
