package org.laporpredator.channel.whatsapp.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;
import org.laporpredator.conversation.Choice;
import org.laporpredator.conversation.Incoming;
import org.laporpredator.conversation.Outgoing;

public class MessagesTest {

    static final String NUMBER = "106540352242922";

    static String call(String name) throws IOException {
        try (InputStream in = MessagesTest.class.getResourceAsStream("/calls/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Messages.Message> read(String json) throws IOException {
        return Messages.read(Messages.JSON.readTree(json), NUMBER);
    }

    @Test
    public void aTextIsWhatWasTypedFromTheSendersWhatsAppId() throws Exception {
        List<Messages.Message> m = read(call("text"));
        assertEquals(1, m.size());
        assertEquals("60123456789", m.get(0).from());
        assertTrue(m.get(0).id().startsWith("wamid."));
        assertEquals(Incoming.text("Salam, saya nak buat laporan"), m.get(0).incoming());
    }

    @Test
    public void buttonAndListRepliesAreChoicesAndAnImageOnlyItsKind() throws Exception {
        assertEquals(Incoming.choice("danger:no"), read(call("button_reply")).get(0).incoming());
        assertEquals(Incoming.choice("platform:TELEGRAM"), read(call("list_reply")).get(0).incoming());
        Incoming image = read(call("image")).get(0).incoming();
        assertEquals(Incoming.media("image"), image);
        assertNull("a caption is not kept with a refused file", image.text());
    }

    @Test
    public void statusUpdatesAndOtherNumbersCallsCarryNothing() throws Exception {
        assertTrue(read(call("status")).isEmpty());
        assertTrue(Messages.read(Messages.JSON.readTree(call("text")), "999").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> read("{\"object\":\"page\",\"entry\":[]}"));
        assertThrows(IllegalArgumentException.class, () -> read("[1]"));
    }

    @Test
    public void aVoiceNoteAndAQuickReplyButtonAreReadToo() throws Exception {
        String voice = call("text").replace("\"text\":{\"body\":\"Salam, saya nak buat laporan\"},\"type\":\"text\"",
                "\"type\":\"audio\",\"audio\":{\"mime_type\":\"audio/ogg; codecs=opus\",\"id\":\"1\",\"voice\":true}");
        assertEquals(Incoming.media("voice"), read(voice).get(0).incoming());
        String quick = call("text").replace("\"text\":{\"body\":\"Salam, saya nak buat laporan\"},\"type\":\"text\"",
                "\"type\":\"button\",\"button\":{\"payload\":\"contact:yes\",\"text\":\"Ya\"}");
        assertEquals(Incoming.choice("contact:yes"), read(quick).get(0).incoming());
    }

    @Test
    public void twoOrThreeShortChoicesAreReplyButtons() {
        List<ObjectNode> out = Messages.replies("60123456789", new Outgoing("Adakah kanak-kanak dalam bahaya?",
                List.of(new Choice("danger:yes", "Ya"), new Choice("danger:no", "Tidak")), "Pilih"));
        assertEquals(1, out.size());
        JsonNode m = out.get(0);
        assertEquals("whatsapp", m.get("messaging_product").asText());
        assertEquals("60123456789", m.get("to").asText());
        assertEquals("button", m.at("/interactive/type").asText());
        assertEquals("Adakah kanak-kanak dalam bahaya?", m.at("/interactive/body/text").asText());
        assertEquals("danger:yes", m.at("/interactive/action/buttons/0/reply/id").asText());
        assertEquals("Tidak", m.at("/interactive/action/buttons/1/reply/title").asText());
    }

    @Test
    public void manyOrLongChoicesAreListsOfTenRowsAtMost() {
        List<Choice> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(new Choice("platform:P" + i, "Platform " + i));
        }
        List<ObjectNode> out = Messages.replies("601", new Outgoing("Di mana?", eleven, "Pilih"));
        assertEquals(2, out.size());
        assertEquals("list", out.get(0).at("/interactive/type").asText());
        assertEquals("Pilih", out.get(0).at("/interactive/action/button").asText());
        assertEquals(10, out.get(0).at("/interactive/action/sections/0/rows").size());
        assertEquals("platform:P10", out.get(1).at("/interactive/action/sections/0/rows/0/id").asText());
        List<ObjectNode> lng = Messages.replies("601", new Outgoing("?", List.of(
                new Choice("who:me", "Saya sendiri, saya kanak-kanak yang diugut itu"), new Choice("who:other", "Orang lain"))));
        JsonNode row = lng.get(0).at("/interactive/action/sections/0/rows/0");
        assertEquals("list", lng.get(0).at("/interactive/type").asText());
        assertEquals(Messages.MAX_ROW_TITLE, row.get("title").asText().length());
        assertEquals("Saya sendiri, saya kanak-kanak yang diugut itu", row.get("description").asText());
    }

    @Test
    public void aLongTextIsSentWholeAndItsChoicesAfterIt() {
        String summary = "x".repeat(3000);
        List<ObjectNode> out = Messages.replies("601", new Outgoing(summary, List.of(new Choice("confirm:yes", "Hantar")), "Pilih"));
        assertEquals(2, out.size());
        assertEquals(summary, out.get(0).at("/text/body").asText());
        assertFalse("no preview of a reported link", out.get(0).at("/text/preview_url").asBoolean());
        assertEquals("Pilih", out.get(1).at("/interactive/body/text").asText());
        assertEquals(Messages.MAX_TEXT, Messages.replies("601", new Outgoing("y".repeat(5000))).get(0).at("/text/body").asText().length());
    }

    @Test
    public void cuttingKeepsTamilAndEmojiWhole() {
        String ta = "தேர்ந்தெடுக்கவும் தயவுசெய்து இப்போது 😀😀😀";
        String cut = Messages.cut(ta, 20);
        assertEquals(20, cut.codePointCount(0, cut.length()));
        assertTrue(cut.endsWith("…"));
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 2)));
    }

    @Test
    public void fuzzedCallsNeverThrowAnythingButARefusal() throws Exception {
        Random r = new Random(7);
        String[] seeds = {call("text"), call("button_reply"), call("list_reply"), call("image"), call("status")};
        for (int i = 0; i < 5000; i++) {
            char[] c = seeds[i % seeds.length].toCharArray();
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                c[r.nextInt(c.length)] = "{}[]\":,0a \\".charAt(r.nextInt(11));
            }
            JsonNode n;
            try {
                n = Messages.JSON.readTree(new String(c));
            } catch (IOException e) {
                continue;
            }
            try {
                for (Messages.Message m : Messages.read(n, NUMBER)) {
                    assertFalse(m.from().isEmpty());
                    Incoming in = m.incoming();
                    assertTrue(in.text() != null || in.choice() != null || in.media() != null);
                }
            } catch (IllegalArgumentException expected) {
                // refused as not a webhook call
            }
        }
    }
}
