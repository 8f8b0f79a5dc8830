package org.laporpredator.channel.telegram.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.Test;
import org.laporpredator.conversation.Choice;
import org.laporpredator.conversation.Incoming;
import org.laporpredator.conversation.Outgoing;
import org.laporpredator.conversation.ReplySender;

public class UpdatesTest {

    static final String START = "{\"update_id\":815243,\"message\":{\"message_id\":1,\"from\":{\"id\":5551234,\"is_bot\":false,"
            + "\"first_name\":\"Aminah\",\"language_code\":\"ms\"},\"chat\":{\"id\":5551234,\"first_name\":\"Aminah\",\"type\":\"private\"},"
            + "\"date\":1764670000,\"text\":\"/start\",\"entities\":[{\"offset\":0,\"length\":6,\"type\":\"bot_command\"}]}}";
    static final String CALLBACK = "{\"update_id\":815244,\"callback_query\":{\"id\":\"4382bfdwdsb323b2d9\",\"from\":{\"id\":5551234,"
            + "\"is_bot\":false,\"first_name\":\"Aminah\",\"language_code\":\"zh-hans\"},\"message\":{\"message_id\":2,\"from\":{\"id\":777,"
            + "\"is_bot\":true,\"first_name\":\"Lapor\"},\"chat\":{\"id\":5551234,\"type\":\"private\"},\"date\":1764670001,\"text\":\"?\"},"
            + "\"chat_instance\":\"-1234\",\"data\":\"lang:zh\"}}";
    static final String PHOTO = "{\"update_id\":815245,\"message\":{\"message_id\":3,\"from\":{\"id\":5551234,\"is_bot\":false,"
            + "\"first_name\":\"Aminah\"},\"chat\":{\"id\":5551234,\"type\":\"private\"},\"date\":1764670002,\"photo\":[{\"file_id\":\"AgAD1\","
            + "\"file_unique_id\":\"u1\",\"width\":90,\"height\":67,\"file_size\":1200},{\"file_id\":\"AgAD2\",\"file_unique_id\":\"u2\","
            + "\"width\":800,\"height\":600}],\"caption\":\"ini gambarnya\"}}";

    private static Updates.Update read(String json) throws Exception {
        return Updates.read(Updates.JSON.readTree(json));
    }

    @Test
    public void realShapedUpdatesAreRead() throws Exception {
        Updates.Update start = read(START);
        assertEquals(815243, start.updateId());
        assertEquals("5551234", start.chat());
        assertEquals("ms", start.language());
        assertEquals(Incoming.text("/start"), start.message());
        assertNull(start.callbackId());

        Updates.Update cb = read(CALLBACK);
        assertEquals(Incoming.choice("lang:zh"), cb.message());
        assertEquals("4382bfdwdsb323b2d9", cb.callbackId());
        assertEquals("zh", cb.language());

        Updates.Update photo = read(PHOTO);
        assertEquals("a photo is only named, its caption not read as text", Incoming.media("photo"), photo.message());

        String group = START.replace("\"type\":\"private\"", "\"type\":\"group\"");
        assertNull("groups are not talked to", read(group).message());
        assertNull("an edit carries nothing", read("{\"update_id\":9,\"edited_message\":{}}").message());
        assertThrows(IllegalArgumentException.class, () -> read("{\"message\":{}}"));
        assertThrows(IllegalArgumentException.class, () -> read("[1]"));
    }

    @Test
    public void languagesAreMappedToOurs() {
        assertEquals("zh", Updates.language("zh-hans"));
        assertEquals("ta", Updates.language("ta"));
        assertEquals("en", Updates.language("en-GB"));
        assertEquals("ms", Updates.language("id"));
        assertNull(Updates.language("fr"));
        assertNull(Updates.language(null));
    }

    @Test
    public void repliesCarryAnInlineKeyboardAndNoLinkPreview() {
        JsonNode body = Updates.sendMessage("5551234", new Outgoing("Apa yang berlaku?",
                List.of(new Choice("cat:CSAM", "Gambar seksual kanak-kanak"), new Choice("cat:OTHER", "Perkara lain"))));
        assertEquals(5551234, body.get("chat_id").asLong());
        assertTrue(body.get("disable_web_page_preview").asBoolean());
        JsonNode rows = body.get("reply_markup").get("inline_keyboard");
        assertEquals(2, rows.size());
        assertEquals("cat:CSAM", rows.get(0).get(0).get("callback_data").asText());
        JsonNode plain = Updates.sendMessage("1", new Outgoing("x".repeat(5000)));
        assertFalse(plain.has("reply_markup"));
        assertEquals(Updates.MAX_TEXT, plain.get("text").asText().length());
    }

    @Test
    public void aTooManyRequestsAnswerIsWaitedOutAsItSays() {
        assertEquals(Duration.ofSeconds(7), ReplySender.retryAfter(null,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}",
                Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(2), ReplySender.retryAfter(null, "{}", Duration.ofSeconds(2)));
    }

    @Test
    public void fuzzedUpdatesNeverThrowAnythingButARefusal() throws Exception {
        Random r = new Random(42);
        String[] seeds = {START, CALLBACK, PHOTO};
        for (int i = 0; i < 3000; i++) {
            char[] c = seeds[i % 3].toCharArray();
            for (int k = 0; k < 1 + r.nextInt(6); k++) {
                c[r.nextInt(c.length)] = "{}[]\":,0a \\".charAt(r.nextInt(11));
            }
            JsonNode n;
            try {
                n = Updates.JSON.readTree(new String(c));
            } catch (Exception e) {
                continue; // not JSON: the webhook answers 400 before reading
            }
            try {
                Updates.read(n);
            } catch (IllegalArgumentException e) {
                // refused: 400
            }
        }
    }
}
