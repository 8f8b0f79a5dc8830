package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Test;

/**
 * The web chat of the built distribution, over real HTTP: a whole conversation to a reference whose status
 * answers, in Chinese and in Tamil; bad input refused; switched off, 503, and the form goes on.
 */
public class WebChatIT {

    private static final String ADMIN = "ops";
    private static final String PASSWORD = "webchat-admin-pass";
    private Distribution karaf;

    @After
    public void stop() {
        if (karaf != null) {
            karaf.stopOrKill();
        }
    }

    private void boot(String name, int port) throws Exception {
        karaf = new Distribution(name, port);
        karaf.run(List.of("sh", "-c", "LAPOR_ADMIN_PASSWORD=" + PASSWORD + " bin/create-admin " + ADMIN), Duration.ofSeconds(30));
        karaf.start();
    }

    private String session(String language) {
        Http.Reply r = karaf.http.postJson("/api/chat/sessions", Map.of("language", language));
        assertEquals(r.body(), 201, r.status());
        assertEquals("no-store", r.raw().headers().firstValue("Cache-Control").orElse(""));
        String id = r.json().get("sessionId").asText();
        assertTrue(id, id.matches("[A-Za-z0-9_-]{43}"));
        return id;
    }

    private JsonNode say(String session, String key, String value) {
        Http.Reply r = karaf.http.postJson("/api/chat/sessions/" + session + "/messages", Map.of(key, value));
        assertEquals(r.body(), 200, r.status());
        return r.json().get("messages");
    }

    private static String last(JsonNode messages) {
        return messages.get(messages.size() - 1).get("text").asText();
    }

    @Test
    public void aConversationReachesAReferenceWhoseStatusAnswersInChineseAndTamil() throws Exception {
        boot("webchat", 8521);
        String[][] cases = {{"zh", "https://t.me/jualgambar99", "举报编号"}, {"ta", "https://www.instagram.com/bad.actor.99", "புகார் எண்"}};
        for (String[] c : cases) {
            String s = session(c[0]);
            say(s, "choice", "danger:no");
            say(s, "choice", "who:other");
            say(s, "choice", "cat:CSAM");
            say(s, "choice", "platform:OTHER");
            JsonNode noted = say(s, "text", c[1]);
            assertTrue(last(noted), last(noted).contains(c[1].substring(c[1].lastIndexOf('/') + 1)));
            say(s, "choice", "links:done");
            // nothing reaches a closed browser: no contact offered, straight to the summary
            JsonNode summary = say(s, "choice", "details:skip");
            assertEquals("confirm:yes", summary.get(summary.size() - 1).get("choices").get(0).get("id").asText());
            assertEquals(2, summary.get(summary.size() - 1).get("choices").size());
            JsonNode done = say(s, "choice", "confirm:yes");
            String text = done.toString();
            assertTrue(text, text.contains(c[2]));
            Matcher m = Pattern.compile("(\\d{8})").matcher(done.get(0).get("text").asText());
            assertTrue(text, m.find());
            String ref = m.group(1);
            Http.Reply status = karaf.http.get("/api/reports/" + ref + "/status");
            assertEquals(status.body(), 200, status.status());
            assertEquals("RECEIVED", status.json().get("status").asText());
            assertTrue(text, text.contains("15999"));
        }
    }

    @Test
    public void badInputIsRefusedAndASwitchedOffChatAnswers503WhileTheFormGoesOn() throws Exception {
        boot("webchat-off", 8531);
        String s = session("en");
        Http.Reply both = karaf.http.post("/api/chat/sessions/" + s + "/messages", "application/json",
                "{\"text\":\"a\",\"choice\":\"b\"}");
        assertEquals(400, both.status());
        assertEquals("invalid_message", both.json().get("error").asText());
        assertEquals(415, karaf.http.post("/api/chat/sessions/" + s + "/messages", "text/plain", "hello").status());
        Http.Reply unknown = karaf.http.postJson("/api/chat/sessions/not-a-session/messages", Map.of("text", "hi"));
        assertEquals(404, unknown.status());
        assertEquals("unknown_session", unknown.json().get("error").asText());
        assertEquals(400, karaf.http.postJson("/api/chat/sessions", Map.of("language", "fr")).status());

        karaf.client(ADMIN, PASSWORD, "lapor:disable channel-webchat");
        Http.Reply off = Poll.until("the web chat not switched off", Duration.ofSeconds(30), () -> {
            Http.Reply r = karaf.http.postJson("/api/chat/sessions/" + s + "/messages", Map.of("text", "hi"));
            return r.status() == 503 ? r : null;
        });
        assertEquals(503, off.status());
        assertEquals("channel_disabled", off.json().get("error").asText());
        Http.Reply form = karaf.http.postJson("/api/reports", Map.of("urls", List.of("https://t.me/jualgambar99"),
                "category", "CSAM", "anonymous", true));
        assertEquals(form.body(), 201, form.status());
        karaf.client(ADMIN, PASSWORD, "lapor:enable channel-webchat");
        Http.Reply on = Poll.until("the web chat not switched on again", Duration.ofSeconds(30), () -> {
            Http.Reply r = karaf.http.postJson("/api/chat/sessions/" + s + "/messages", Map.of("choice", "danger:no"));
            return r.status() == 200 ? r : null;
        });
        assertEquals(on.body(), 200, on.status());
        assertFalse("the conversation went on where it was", on.json().get("messages").toString().contains("child in danger"));
    }
}
