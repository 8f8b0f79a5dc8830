package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Test;

/**
 * The Telegram bot of the built distribution: real-shaped updates posted to its webhook over HTTP, a loopback
 * stand-in for the Bot API recording every reply. A whole conversation reaches a reference whose status
 * answers; a forged secret gets 401 and nothing; a photo causes no download; an update delivered twice is
 * answered once; a reply the API refuses for a while is sent again.
 */
public class TelegramIT {

    private static final String TOKEN = "123456:IT-token_abc";
    private static final String SECRET = "it-secret_123";
    private static final String ADMIN = "ops";
    private static final String PASSWORD = "telegram-admin-pass";
    private Distribution karaf;
    private StandIn api;
    private long updateId = 700_000;

    @After
    public void stop() {
        if (karaf != null) {
            karaf.stopOrKill();
        }
        if (api != null) {
            api.close();
        }
    }

    private void boot(String name, int port) throws Exception {
        api = new StandIn(port + 13, "{\"ok\":true,\"result\":{}}");
        karaf = new Distribution(name, port);
        String cfg = "etc/org.laporpredator.channel.telegram.cfg";
        karaf.setProperty(cfg, "token", TOKEN);
        karaf.setProperty(cfg, "secret", SECRET);
        karaf.setProperty(cfg, "apiBase", "http://127.0.0.1:" + (port + 13));
        karaf.setProperty("etc/org.laporpredator.dispatcher.cfg", "pollMillis", "50");
        karaf.run(List.of("sh", "-c", "LAPOR_ADMIN_PASSWORD=" + PASSWORD + " bin/create-admin " + ADMIN), Duration.ofSeconds(30));
        karaf.start();
    }

    private Http.Reply post(String json, String secret) {
        return secret == null ? karaf.http.post("/api/chat/telegram", "application/json", json)
                : karaf.http.post("/api/chat/telegram", "application/json", json, "X-Telegram-Bot-Api-Secret-Token", secret);
    }

    private String text(long chat, String text) {
        String entities = text.startsWith("/") ? ",\"entities\":[{\"offset\":0,\"length\":" + text.split(" ")[0].length()
                + ",\"type\":\"bot_command\"}]" : "";
        return "{\"update_id\":" + (++updateId) + ",\"message\":{\"message_id\":" + updateId + ",\"from\":{\"id\":" + chat
                + ",\"is_bot\":false,\"first_name\":\"Siti\",\"language_code\":\"ms\"},\"chat\":{\"id\":" + chat
                + ",\"first_name\":\"Siti\",\"type\":\"private\"},\"date\":1764670000,\"text\":" + Http.JSON.valueToTree(text)
                + entities + "}}";
    }

    private String press(long chat, String data) {
        return "{\"update_id\":" + (++updateId) + ",\"callback_query\":{\"id\":\"cb" + updateId + "\",\"from\":{\"id\":" + chat
                + ",\"is_bot\":false,\"first_name\":\"Siti\"},\"message\":{\"message_id\":1,\"chat\":{\"id\":" + chat
                + ",\"type\":\"private\"},\"date\":1764670000,\"text\":\"?\"},\"chat_instance\":\"1\",\"data\":\"" + data + "\"}}";
    }

    private List<JsonNode> sent(long chat) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (StandIn.Call c : api.calls) {
            if (c.path().equals("/bot" + TOKEN + "/sendMessage")) {
                try {
                    JsonNode n = Http.JSON.readTree(c.body());
                    if (n.get("chat_id").asLong() == chat) {
                        out.add(n);
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }

    /** Posts an update (200 expected) and waits until the stand-in has more replies for the chat than before. */
    private JsonNode turn(long chat, String update, Predicate<JsonNode> last) throws InterruptedException {
        int before = sent(chat).size();
        Http.Reply r = post(update, SECRET);
        assertEquals(r.body(), 200, r.status());
        return Poll.until("no reply for the update: " + update, Duration.ofSeconds(30), () -> {
            List<JsonNode> now = sent(chat);
            return now.size() > before && last.test(now.get(now.size() - 1)) ? now.get(now.size() - 1) : null;
        });
    }

    private static Predicate<JsonNode> keyboard() {
        return n -> n.has("reply_markup");
    }

    @Test
    public void aConversationReachesAReferenceWhoseStatusAnswers() throws Exception {
        boot("telegram", 8541);
        long chat = 5550001;
        // the reporter's Telegram is in Malay (language_code ms): no language question, the first question at once
        JsonNode danger = turn(chat, text(chat, "/start"), keyboard());
        assertEquals("danger:yes", danger.get("reply_markup").get("inline_keyboard").get(0).get(0).get("callback_data").asText());
        assertTrue(danger.toString(), danger.get("text").asText().contains("bahaya"));
        turn(chat, press(chat, "danger:no"), keyboard());
        turn(chat, press(chat, "who:other"), keyboard());
        turn(chat, press(chat, "cat:GROOMING"), keyboard());
        turn(chat, press(chat, "platform:TELEGRAM"), n -> true);
        JsonNode noted = turn(chat, text(chat, "orang ini hxxps://t[.]me/pemangsa_kanak2"), keyboard());
        assertTrue(noted.toString(), noted.get("text").asText().contains("t.me/pemangsa_kanak2"));

        // a photo is refused and never fetched: no getFile at the Bot API
        JsonNode refused = turn(chat, "{\"update_id\":" + (++updateId) + ",\"message\":{\"message_id\":9,\"from\":{\"id\":" + chat
                + "},\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"date\":1764670000,\"photo\":[{\"file_id\":\"AgADBAAD\","
                + "\"file_unique_id\":\"AQAD\",\"width\":800,\"height\":600,\"file_size\":51234}]}}", n -> true);
        assertTrue(refused.toString(), sent(chat).stream().anyMatch(n -> n.get("text").asText().contains("jangan hantar gambar")));
        assertFalse("no file ever fetched", api.calls.stream().anyMatch(c -> c.path().contains("getFile") || c.path().contains("/file/")));

        turn(chat, press(chat, "links:done"), keyboard());
        turn(chat, press(chat, "details:skip"), keyboard());
        turn(chat, press(chat, "contact:yes"), keyboard());
        String confirm = press(chat, "confirm:yes");
        turn(chat, confirm, n -> n.get("text").asText().contains("15999"));
        String all = sent(chat).toString();
        Matcher m = Pattern.compile("Nombor rujukan: (\\d{8})").matcher(all);
        assertTrue(all, m.find());
        String ref = m.group(1);
        Http.Reply status = karaf.http.get("/api/reports/" + ref + "/status");
        assertEquals(status.body(), 200, status.status());
        assertEquals("RECEIVED", status.json().get("status").asText());
        assertTrue("callback queries are answered", api.calls.stream().anyMatch(c -> c.path().endsWith("/answerCallbackQuery")));

        // the same update delivered again: answered nothing more, no second report
        int replies = sent(chat).size();
        long reports = karaf.http.get("/api/stats").json().get("incomingReports").asLong();
        assertEquals(200, post(confirm, SECRET).status());
        JsonNode st = turn(chat, text(chat, "status " + ref), n -> n.get("text").asText().contains(ref));
        assertEquals("only the status answer came", replies + 1, sent(chat).size());
        assertEquals(reports, karaf.http.get("/api/stats").json().get("incomingReports").asLong());
        assertTrue(st.toString(), st.get("text").asText().contains(ref));

        // an analyst moves the report on: the reporter, who agreed to be contacted, is told in the chat
        new Admin(karaf.httpPort, ADMIN, PASSWORD).change("POST", "/api/admin/reports/" + ref + "/status",
                Map.of("status", "UNDER_REVIEW"));
        String news = "Berita tentang laporan anda " + ref;
        Poll.until("no status update in the chat", Duration.ofSeconds(30),
                () -> sent(chat).stream().anyMatch(n -> n.get("text").asText().startsWith(news)) ? true : null);
    }

    @Test
    public void forgedSecretsGet401AndNothingAndAFailedReplyIsSentAgain() throws Exception {
        boot("telegram-auth", 8551);
        long chat = 5550002;
        int before = api.calls.size();
        Http.Reply none = post(text(chat, "/start"), null);
        assertEquals(401, none.status());
        assertEquals("unauthorized", none.json().get("error").asText());
        assertEquals(401, post(text(chat, "/start"), SECRET + "x").status());
        assertEquals(401, post(text(chat, "/start"), SECRET.substring(1)).status());
        assertEquals(400, post("{not json", SECRET).status());
        assertEquals(400, post("{\"no\":\"update\"}", SECRET).status());
        assertEquals("the forged ones reached nothing", before, api.calls.size());
        // a genuine update after: answered, though the Bot API answers 502 twice: the reply comes on the third try
        api.failNext(2, "/sendMessage", 502, "{\"ok\":false,\"error_code\":502}");
        turn(chat, text(chat, "/start"), keyboard());
        // the welcome tried three times, then the first question once
        assertEquals(4, api.calls.stream().filter(c -> c.path().endsWith("/sendMessage")).count());

        karaf.client(ADMIN, PASSWORD, "lapor:disable channel-telegram");
        String hello = text(chat, "hello");
        Poll.until("switched off: Telegram is to try again later", Duration.ofSeconds(30),
                () -> post(hello, SECRET).status() == 503 ? true : null);
        assertEquals(201, karaf.http.postJson("/api/reports", java.util.Map.of("urls", List.of("https://t.me/jualgambar99"),
                "category", "CSAM", "anonymous", true)).status());
    }
}
