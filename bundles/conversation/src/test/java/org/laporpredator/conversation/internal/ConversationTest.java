package org.laporpredator.conversation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.laporpredator.api.Category;
import org.laporpredator.api.ItemSource;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.StatusRecord;
import org.laporpredator.api.Submission;
import org.laporpredator.conversation.Choice;
import org.laporpredator.conversation.Conversation;
import org.laporpredator.conversation.Incoming;
import org.laporpredator.conversation.Outgoing;

public class ConversationTest {

    private static final String CHANNEL = "channel-telegram";
    private static final String REF = ReferenceNumbers.complete("4821937");
    private final FakePorts ports = new FakePorts();
    private final MemoryChatStates store = new MemoryChatStates();
    private final MutableClock clock = new MutableClock();
    private final Texts texts = new Texts();
    private Engine engine = engine();
    private int ids;

    private Engine engine() {
        return new Engine(new Flow(new Texts(), ports, "https://lapor.test/"), store, clock);
    }

    // ---- whole conversations

    @Test
    public void aWholeConversationWithButtonsReachesAReferenceInEveryLanguage() {
        for (String language : Conversation.LANGUAGES) {
            String chat = "chat-" + language;
            List<Outgoing> first = say(chat, Incoming.text("/start"));
            assertEquals("the language question offers all four", 4, last(first).choices().size());
            press(chat, "lang:" + language);
            press(chat, "danger:no");
            press(chat, "who:other");
            press(chat, "cat:CSAM");
            press(chat, "platform:TELEGRAM");
            List<Outgoing> noted = say(chat, Incoming.text("https://t.me/badchannel"));
            assertTrue(last(noted).text(), last(noted).text().contains("https://t.me/badchannel"));
            assertTrue(last(noted).text(), last(noted).text().contains(texts.get(language, "kind.channel")));
            press(chat, "links:done");
            press(chat, "details:skip");
            List<Outgoing> summary = press(chat, "contact:no");
            assertTrue(last(summary).text().contains(texts.get(language, "category.CSAM")));
            int before = ports.submissions.size();
            List<Outgoing> done = press(chat, "confirm:yes");
            assertEquals(before + 1, ports.submissions.size());
            Submission s = ports.submissions.get(before);
            assertEquals(CHANNEL, s.channel());
            assertEquals(Category.CSAM, s.category());
            assertEquals(PlatformHint.TELEGRAM, s.platformHint());
            assertEquals(List.of("https://t.me/badchannel"), s.urls());
            assertEquals(language, s.language());
            assertTrue(s.anonymous());
            assertNull(s.contact());
            assertFalse(s.urgent());
            assertNotNull(s.idempotencyKey());
            assertFalse("the chat's id is not the client key", s.client().contains(chat));
            String all = text(done);
            assertTrue(all, all.contains(REF));
            assertTrue(all, all.contains("https://lapor.test/status?ref=" + REF + "&lang=" + language));
            assertTrue(all, all.contains("999") && all.contains("15999"));
        }
    }

    @Test
    public void aChannelThatCannotWriteFirstPromisesNoContact() {
        ports.unreachable.add("channel-webchat");
        String chat = "web-1";
        engine.receive("channel-webchat", chat, null, "en", null, Incoming.text("hi"));
        for (String id : List.of("danger:no", "who:other", "cat:GROOMING", "platform:TELEGRAM")) {
            engine.receive("channel-webchat", chat, null, null, null, Incoming.choice(id));
        }
        engine.receive("channel-webchat", chat, null, null, null, Incoming.text("https://t.me/badchannel"));
        engine.receive("channel-webchat", chat, null, null, null, Incoming.choice("links:done"));
        List<Outgoing> next = engine.receive("channel-webchat", chat, null, null, null, Incoming.choice("details:skip"));
        assertEquals("straight to the summary", "confirm:yes", last(next).choices().get(0).id());
        List<Outgoing> done = engine.receive("channel-webchat", chat, null, null, null, Incoming.choice("confirm:yes"));
        assertTrue(text(done), text(done).contains("anonymous"));
        assertFalse(text(done), text(done).contains("write to you"));
        Submission s = ports.submissions.get(ports.submissions.size() - 1);
        assertTrue(s.anonymous());
        assertEquals(null, s.contact());
    }

    @Test
    public void typedAnswersAreUnderstoodAndAChildInDangerIsToldWhereHelpIs() {
        String chat = "typed";
        say(chat, Incoming.text("hello"));
        say(chat, Incoming.text("Bahasa Malaysia"));
        List<Outgoing> danger = say(chat, Incoming.text("Ya"));
        assertTrue(text(danger), text(danger).contains("999") && text(danger).contains("15999"));
        List<Outgoing> self = say(chat, Incoming.text("saya"));
        assertTrue(text(self), text(self).contains("bukan salah anda"));
        List<Outgoing> sextortion = say(chat, Incoming.text("ugutan seks"));
        assertTrue("the child is told kindly what to do", text(sextortion).contains("jangan bayar"));
        say(chat, Incoming.text("telegram"));
        say(chat, Incoming.text("dia di hxxps://t[.]me/predator99 sila tolong"));
        say(chat, Incoming.text("siap"));
        say(chat, Incoming.text("Dia minta gambar daripada anak saya."));
        say(chat, Incoming.text("ya"));
        say(chat, Incoming.text("hantar"));
        Submission s = ports.submissions.get(0);
        assertEquals(Category.SEXTORTION, s.category());
        assertTrue(s.urgent());
        assertFalse(s.anonymous());
        assertEquals(CHANNEL + ":" + chat, s.contact());
        assertTrue(s.description(), s.description().startsWith("Dia minta gambar"));
        assertTrue(s.description(), s.description().contains("happening to them"));
    }

    @Test
    public void aBadAnswerAsksTheSameQuestionAgainAtEveryStep() {
        String chat = "bad";
        assertEquals("greeted with the language question", 4, last(say(chat, Incoming.text("hi"))).choices().size());
        List<Outgoing> again = say(chat, Incoming.text("qwerty"));
        assertEquals("the language question again", 4, last(again).choices().size());
        press(chat, "lang:en");
        for (String step : List.of("danger", "who", "category", "platform")) {
            List<Outgoing> q = say(chat, Incoming.text("banana " + step));
            assertTrue(step + ": " + text(q), last(q).text().startsWith("Sorry, I did not understand"));
            assertFalse(step, last(q).choices().isEmpty());
            press(chat, last(q).choices().get(0).id());
        }
        List<Outgoing> none = say(chat, Incoming.text("there is no address here"));
        assertTrue(text(none), text(none).contains("could not find a link"));
        List<Outgoing> needOne = press(chat, "links:done");
        assertTrue(text(needOne), text(needOne).contains("at least one link"));
        assertTrue(ports.submissions.isEmpty());
        say(chat, Incoming.text("https://www.facebook.com/groups/123"));
        press(chat, "links:done");
        say(chat, Incoming.text("  "));
        press(chat, "details:skip");
        say(chat, Incoming.text("perhaps"));
        press(chat, "contact:no");
        List<Outgoing> confirm = say(chat, Incoming.text("hmm"));
        assertEquals(2, last(confirm).choices().size());
        assertTrue(ports.submissions.isEmpty());
        press(chat, "confirm:yes");
        assertEquals(1, ports.submissions.size());
    }

    @Test
    public void aMessageDeliveredAgainAfterARestartChangesAndSaysNothing() {
        String chat = "twice-restart";
        engine.receive(CHANNEL, chat, "u-1", "en", null, Incoming.text("/start"));
        assertFalse(engine.receive(CHANNEL, chat, "u-2", null, null, Incoming.choice("danger:no")).isEmpty());
        engine = engine(); // restarted: this node remembers no message ids, the store does
        assertTrue(engine.receive(CHANNEL, chat, "u-2", null, null, Incoming.choice("danger:no")).isEmpty());
        List<Outgoing> who = engine.receive(CHANNEL, chat, "u-3", null, null, Incoming.choice("who:other"));
        assertTrue("still one step on: " + text(who), last(who).choices().stream().anyMatch(c -> c.id().equals("cat:CSAM")));
    }

    @Test
    public void aRestartAtAnyStepLosesNothing() {
        String chat = "restart";
        List<String> presses = List.of("lang:ta", "danger:no", "who:other", "cat:GROOMING", "platform:INSTAGRAM");
        say(chat, Incoming.text("/start"));
        for (String p : presses) {
            press(chat, p);
            engine = engine(); // the platform restarted: only the store is left
        }
        say(chat, Incoming.text("https://www.instagram.com/bad.actor"));
        engine = engine();
        press(chat, "links:done");
        engine = engine();
        say(chat, Incoming.text("அவர் என் மகனுக்கு செய்தி அனுப்புகிறார்"));
        engine = engine();
        press(chat, "contact:yes");
        engine = engine();
        press(chat, "confirm:yes");
        Submission s = ports.submissions.get(0);
        assertEquals("ta", s.language());
        assertEquals(Category.GROOMING, s.category());
        assertEquals(PlatformHint.INSTAGRAM, s.platformHint());
        assertEquals(List.of("https://www.instagram.com/bad.actor"), s.urls());
        assertFalse(s.anonymous());
    }

    @Test
    public void photosAreRefusedUnreadAndOnlyTheirCountIsKept() {
        String chat = "photo";
        toLinks(chat, "en");
        List<Outgoing> refused = say(chat, Incoming.media("photo"));
        assertTrue(text(refused), text(refused).contains("do not send photos"));
        say(chat, Incoming.media("video"));
        say(chat, Incoming.text("https://t.me/badchannel"));
        finish(chat);
        assertTrue(ports.submissions.get(0).description().contains("2 file(s)"));
    }

    @Test
    public void statusHelpAndLanguageWorkAtAnyStepAndTheConversationGoesOn() {
        ports.known = new StatusRecord(REF, ReportStatus.UNDER_REVIEW, Instant.parse("2026-12-01T00:00:00Z"), null);
        List<Outgoing> fresh = say("asker", Incoming.text("status " + REF));
        assertTrue("a new chat may ask a status first: " + text(fresh), text(fresh).contains(REF));
        String chat = "anytime";
        toLinks(chat, "en");
        List<Outgoing> status = say(chat, Incoming.text("/status " + REF));
        assertTrue(text(status), text(status).contains("Report " + REF));
        List<Outgoing> bad = say(chat, Incoming.text("status 12345678"));
        assertTrue(text(bad), text(bad).contains("not a reference number") || text(bad).contains("no report"));
        List<Outgoing> help = say(chat, Incoming.text("help"));
        assertTrue(text(help), text(help).contains("15999"));
        press(chat, "lang:zh"); // not at the language step: taken as a bad link answer, asked again
        say(chat, Incoming.text("language"));
        List<Outgoing> zh = press(chat, "lang:zh");
        assertTrue("back at the links, in Chinese: " + text(zh), text(zh).contains("链接"));
        say(chat, Incoming.text("https://t.me/badchannel"));
        finish(chat);
        assertEquals("zh", ports.submissions.get(0).language());
    }

    @Test
    public void cancelForgetsTheAnswersAndTheNextMessageBeginsANewReport() {
        String chat = "cancel";
        toLinks(chat, "en");
        List<Outgoing> cancelled = say(chat, Incoming.text("cancel"));
        assertTrue(text(cancelled), text(cancelled).contains("Nothing was sent"));
        List<Outgoing> next = say(chat, Incoming.text("hello"));
        assertTrue(text(next), last(next).text().contains("child in danger"));
        assertTrue(ports.submissions.isEmpty());
    }

    @Test
    public void theSameMessageDeliveredTwiceIsHandledOnce() {
        String chat = "twice";
        toLinks(chat, "en");
        say(chat, Incoming.text("https://t.me/badchannel"));
        press(chat, "links:done");
        press(chat, "details:skip");
        press(chat, "contact:no");
        assertFalse(engine.receive(CHANNEL, chat, "update-77", null, null, Incoming.choice("confirm:yes")).isEmpty());
        assertTrue(engine.receive(CHANNEL, chat, "update-77", null, null, Incoming.choice("confirm:yes")).isEmpty());
        assertEquals(1, ports.submissions.size());
    }

    @Test
    public void aStoreThatCannotTakeTheReportKeepsTheAnswersAndTheRetryHasTheSameKey() {
        String chat = "down";
        toLinks(chat, "en");
        say(chat, Incoming.text("https://t.me/badchannel"));
        press(chat, "links:done");
        press(chat, "details:skip");
        press(chat, "contact:no");
        ports.down = true;
        List<Outgoing> sorry = press(chat, "confirm:yes");
        assertTrue(text(sorry), text(sorry).contains("cannot take the report"));
        assertEquals(2, last(sorry).choices().size());
        ports.down = false;
        press(chat, "confirm:yes");
        assertEquals(2, ports.submissions.size());
        assertEquals(ports.submissions.get(0).idempotencyKey(), ports.submissions.get(1).idempotencyKey());
    }

    @Test
    public void aConversationIdleForADayBeginsAgain() {
        String chat = "idle";
        toLinks(chat, "en");
        clock.now = clock.now.plus(Duration.ofHours(25));
        List<Outgoing> out = say(chat, Incoming.text("https://t.me/badchannel"));
        assertEquals("the language question", 4, last(out).choices().size());
    }

    @Test
    public void aChatExportPastedAsTextIsTakenAsOne() {
        String chat = "export";
        toLinks(chat, "en");
        String export = "12/03/2024, 21:15 - Ali: join https://chat.whatsapp.com/AbCdEfGhIjK1234567\n"
                + "12/03/2024, 21:16 - Abu: ok\n";
        say(chat, Incoming.text(export));
        finish(chat);
        Submission s = ports.submissions.get(0);
        assertEquals(export.strip(), s.chatExport());
        assertTrue(s.urls().isEmpty());
    }

    // ---- the texts

    @Test
    public void everyLanguageHasEveryKeyWithTheSamePlaceholders() {
        Set<String> keys = new HashSet<>();
        List<ResourceBundle> bundles = new ArrayList<>();
        for (String l : Conversation.LANGUAGES) {
            ResourceBundle b = ResourceBundle.getBundle(Texts.BASE, Locale.forLanguageTag(l), getClass().getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            assertEquals(l, b.getLocale().getLanguage());
            bundles.add(b);
            keys.addAll(b.keySet());
        }
        Pattern placeholder = Pattern.compile("\\{\\d}");
        for (String key : keys) {
            if (key.endsWith(".words") && key.startsWith("platform.")) {
                continue; // optional: a platform's name in other words
            }
            Set<String> first = null;
            for (int i = 0; i < bundles.size(); i++) {
                ResourceBundle b = bundles.get(i);
                assertTrue(Conversation.LANGUAGES.get(i) + " lacks " + key, b.containsKey(key));
                assertFalse(Conversation.LANGUAGES.get(i) + " " + key + " is empty", b.getString(key).isBlank());
                Set<String> found = new HashSet<>();
                Matcher m = placeholder.matcher(b.getString(key));
                while (m.find()) {
                    found.add(m.group());
                }
                if (first == null) {
                    first = found;
                }
                assertEquals(Conversation.LANGUAGES.get(i) + " " + key + " placeholders", first, found);
            }
        }
        for (String l : Conversation.LANGUAGES) {
            assertTrue(l, texts.get(l, "done.closing").contains("999") && texts.get(l, "done.closing").contains("15999"));
        }
    }

    // ---- helpers

    private void toLinks(String chat, String language) {
        say(chat, Incoming.text("/start"));
        press(chat, "lang:" + language);
        press(chat, "danger:no");
        press(chat, "who:other");
        press(chat, "cat:CSAM");
        press(chat, "platform:TELEGRAM");
    }

    private void finish(String chat) {
        press(chat, "links:done");
        press(chat, "details:skip");
        press(chat, "contact:no");
        press(chat, "confirm:yes");
    }

    private List<Outgoing> say(String chat, Incoming in) {
        return engine.receive(CHANNEL, chat, "m" + (++ids), null, null, in);
    }

    private List<Outgoing> press(String chat, String id) {
        return say(chat, Incoming.choice(id));
    }

    private static Outgoing last(List<Outgoing> out) {
        assertFalse("an answer", out.isEmpty());
        return out.get(out.size() - 1);
    }

    private static String text(List<Outgoing> out) {
        StringBuilder b = new StringBuilder();
        for (Outgoing o : out) {
            b.append(o.text()).append('\n');
            for (Choice c : o.choices()) {
                b.append('[').append(c.label()).append("] ");
            }
        }
        return b.toString();
    }

    static final class FakePorts implements Ports {
        private static final Pattern LINK = Pattern.compile("(?:https?|hxxps?)://\\S+");
        final List<Submission> submissions = new ArrayList<>();
        volatile boolean down;
        volatile StatusRecord known;
        final java.util.Set<String> unreachable = new java.util.HashSet<>();

        @Override
        public boolean reaches(String channel) {
            return !unreachable.contains(channel);
        }

        @Override
        public List<ReceiptItem> recognise(String text) {
            List<ReceiptItem> out = new ArrayList<>();
            boolean export = text.lines().filter(l -> l.matches("\\d\\d/\\d\\d/\\d{4}, .*")).count() >= 2;
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String input = m.group();
                String url = input.replace("hxxp", "http").replace("[.]", ".");
                out.add(new ReceiptItem(input, url.contains("t.me") ? "telegram" : "web",
                        url.contains("t.me") ? "channel" : "page", url, export ? ItemSource.CHAT : ItemSource.DESCRIPTION,
                        null));
            }
            return out;
        }

        @Override
        public Receipt submit(Submission s) {
            submissions.add(s);
            if (down) {
                throw new ServiceUnavailable("down");
            }
            return new Receipt(REF, ReportStatus.RECEIVED, List.of());
        }

        @Override
        public Optional<StatusRecord> status(String reference, String client) {
            return known != null && known.reference().equals(reference) ? Optional.of(known) : Optional.empty();
        }
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
