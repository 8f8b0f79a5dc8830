package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.After;
import org.junit.Test;

/**
 * The WhatsApp number of the built distribution: real-shaped Cloud API calls (text, reply buttons, list
 * replies, an image), signed like Meta signs them, posted to its webhook over HTTP; a loopback stand-in for
 * the Graph API records every reply. A whole conversation reaches a reference whose status answers; the
 * subscription check answers the challenge only to the right token; forged signatures get 401 and nothing;
 * an image causes no download; a call delivered twice is answered once.
 */
public class WhatsAppIT {

    private static final String VERIFY = "it-verify-token";
    private static final String APP_SECRET = "it-app-secret-0123";
    private static final String ACCESS = "EAAGit-access-token";
    private static final String NUMBER_ID = "106540352242922";
    private static final String ADMIN = "ops";
    private static final String PASSWORD = "whatsapp-admin-pass";
    private Distribution karaf;
    private StandIn api;
    private long message = 1;

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
        api = new StandIn(port + 13, "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out\"}]}");
        karaf = new Distribution(name, port);
        String cfg = "etc/org.laporpredator.channel.whatsapp.cfg";
        karaf.setProperty(cfg, "verifyToken", VERIFY);
        karaf.setProperty(cfg, "appSecret", APP_SECRET);
        karaf.setProperty(cfg, "accessToken", ACCESS);
        karaf.setProperty(cfg, "phoneNumberId", NUMBER_ID);
        karaf.setProperty(cfg, "apiBase", "http://127.0.0.1:" + (port + 13));
        karaf.setProperty(cfg, "apiVersion", "v21.0");
        karaf.setProperty("etc/org.laporpredator.dispatcher.cfg", "pollMillis", "50");
        karaf.run(List.of("sh", "-c", "LAPOR_ADMIN_PASSWORD=" + PASSWORD + " bin/create-admin " + ADMIN), Duration.ofSeconds(30));
        karaf.start();
    }

    /** A call as Meta sends it: one message from {@code from}. */
    private String call(String from, String content) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"60312345678\",\"phone_number_id\":\""
                + NUMBER_ID + "\"},\"contacts\":[{\"profile\":{\"name\":\"Siti\"},\"wa_id\":\"" + from + "\"}],\"messages\":[{\"from\":\""
                + from + "\",\"id\":\"wamid.HBgLNjAxMjM0NTY3ODkVAgASGBQzQTRBNjU5OUFFRTAz" + (message++) + "\",\"timestamp\":\"1764670000\","
                + content + "}]},\"field\":\"messages\"}]}]}";
    }

    private String text(String from, String text) {
        return call(from, "\"type\":\"text\",\"text\":{\"body\":" + Http.JSON.valueToTree(text) + "}");
    }

    private String button(String from, String id) {
        return call(from, "\"context\":{\"from\":\"60312345678\",\"id\":\"wamid.ctx\"},\"type\":\"interactive\","
                + "\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"" + id + "\",\"title\":\"x\"}}");
    }

    private String row(String from, String id) {
        return call(from, "\"context\":{\"from\":\"60312345678\",\"id\":\"wamid.ctx\"},\"type\":\"interactive\","
                + "\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"" + id + "\",\"title\":\"x\",\"description\":\"\"}}");
    }

    static String sign(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private Http.Reply post(String json, String signature) {
        return signature == null ? karaf.http.post("/api/chat/whatsapp", "application/json", json)
                : karaf.http.post("/api/chat/whatsapp", "application/json", json, "X-Hub-Signature-256", signature);
    }

    private List<JsonNode> sent(String to) {
        List<JsonNode> out = new ArrayList<>();
        for (StandIn.Call c : api.calls) {
            if (c.method().equals("POST") && c.path().equals("/v21.0/" + NUMBER_ID + "/messages")) {
                try {
                    JsonNode n = Http.JSON.readTree(c.body());
                    if (n.get("to").asText().equals(to)) {
                        out.add(n);
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }

    private static String textOf(JsonNode m) {
        return m.has("text") ? m.at("/text/body").asText() : m.at("/interactive/body/text").asText();
    }

    /** Posts a signed call (200 expected) and waits until the stand-in has a new reply for the number that fits. */
    private JsonNode turn(String from, String call, Predicate<JsonNode> last) throws Exception {
        int before = sent(from).size();
        Http.Reply r = post(call, sign(call, APP_SECRET));
        assertEquals(r.body(), 200, r.status());
        return Poll.until("no reply for the call: " + call, Duration.ofSeconds(30), () -> {
            List<JsonNode> now = sent(from);
            return now.size() > before && last.test(now.get(now.size() - 1)) ? now.get(now.size() - 1) : null;
        });
    }

    private static Predicate<JsonNode> interactive(String type) {
        return n -> type.equals(n.at("/interactive/type").asText());
    }

    @Test
    public void aConversationReachesAReferenceWhoseStatusAnswers() throws Exception {
        boot("whatsapp", 8561);
        // Meta's subscription check
        Http.Reply challenge = karaf.http.get("/api/chat/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + VERIFY);
        assertEquals(200, challenge.status());
        assertEquals("1158201444", challenge.body());
        assertEquals(403, karaf.http.get("/api/chat/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong").status());

        String wa = "60123456789";
        // WhatsApp tells no language: the first answer asks for it, four choices as a list
        JsonNode language = turn(wa, text(wa, "Salam"), interactive("list"));
        assertEquals(4, language.at("/interactive/action/sections/0/rows").size());
        assertTrue(api.calls.stream().allMatch(c -> ("Bearer " + ACCESS).equals(c.authorization())));
        JsonNode danger = turn(wa, row(wa, "lang:ms"), interactive("button"));
        assertEquals("danger:yes", danger.at("/interactive/action/buttons/0/reply/id").asText());
        assertTrue(danger.toString(), textOf(danger).contains("bahaya"));
        turn(wa, button(wa, "danger:no"), n -> n.has("interactive"));
        turn(wa, button(wa, "who:other"), interactive("list"));
        JsonNode platform = turn(wa, row(wa, "cat:SEXTORTION"), n -> n.has("interactive"));
        assertEquals("eleven platforms: two lists", "list", platform.at("/interactive/type").asText());
        turn(wa, row(wa, "platform:WHATSAPP"), n -> true);
        JsonNode noted = turn(wa, text(wa, "nombor dia hxxps://wa[.]me/60198765432"), n -> n.has("interactive"));
        assertTrue(noted.toString(), sent(wa).stream().anyMatch(n -> textOf(n).contains("wa.me/60198765432")));

        // an image is refused and never fetched: no GET at the Graph API
        turn(wa, call(wa, "\"type\":\"image\",\"image\":{\"caption\":\"tengok\",\"mime_type\":\"image/jpeg\","
                + "\"sha256\":\"U0gv9w+pYgRO9ZBLDyhJ2S0M0p8bzSNQx5p2EZkTKrs=\",\"id\":\"1357924680135792\"}"), n -> true);
        assertTrue(sent(wa).stream().anyMatch(n -> textOf(n).contains("jangan hantar gambar")));
        assertFalse("no media ever fetched", api.calls.stream().anyMatch(c -> c.method().equals("GET")));

        turn(wa, button(wa, "links:done"), n -> n.has("interactive"));
        turn(wa, button(wa, "details:skip"), n -> n.has("interactive"));
        turn(wa, button(wa, "contact:yes"), n -> n.has("interactive"));
        String confirm = button(wa, "confirm:yes");
        turn(wa, confirm, n -> textOf(n).contains("15999"));
        Matcher m = Pattern.compile("Nombor rujukan: (\\d{8})").matcher(sent(wa).toString());
        assertTrue(sent(wa).toString(), m.find());
        String ref = m.group(1);
        Http.Reply status = karaf.http.get("/api/reports/" + ref + "/status");
        assertEquals(status.body(), 200, status.status());
        assertEquals("RECEIVED", status.json().get("status").asText());

        // the same call delivered again: answered nothing more, no second report
        int replies = sent(wa).size();
        long reports = karaf.http.get("/api/stats").json().get("incomingReports").asLong();
        assertEquals(200, post(confirm, sign(confirm, APP_SECRET)).status());
        JsonNode st = turn(wa, text(wa, "status " + ref), n -> textOf(n).contains(ref));
        assertEquals("only the status answer came", replies + 1, sent(wa).size());
        assertEquals(reports, karaf.http.get("/api/stats").json().get("incomingReports").asLong());
        assertTrue(st.toString(), textOf(st).contains(ref));

        // an analyst moves the report on: the reporter, who agreed to be contacted, is told in the chat
        new Admin(karaf.httpPort, ADMIN, PASSWORD).change("POST", "/api/admin/reports/" + ref + "/status",
                Map.of("status", "UNDER_REVIEW"));
        String news = "Berita tentang laporan anda " + ref;
        Poll.until("no status update in the chat", Duration.ofSeconds(30),
                () -> sent(wa).stream().anyMatch(n -> textOf(n).startsWith(news)) ? true : null);
    }

    @Test
    public void forgedSignaturesGet401AndNothingAndSwitchedOffIs503() throws Exception {
        boot("whatsapp-auth", 8571);
        String wa = "60111111111";
        String hello = text(wa, "hello");
        Http.Reply none = post(hello, null);
        assertEquals(401, none.status());
        assertEquals("unauthorized", none.json().get("error").asText());
        assertEquals(401, post(hello, sign(hello, APP_SECRET + "x")).status());
        assertEquals(401, post(hello, sign(hello + " ", APP_SECRET)).status());
        assertEquals(401, post(hello, sign(hello, APP_SECRET).replace("sha256=", "sha1=")).status());
        assertEquals(403, karaf.http.get("/api/chat/whatsapp?hub.mode=subscribe&hub.challenge=1").status());
        String notJson = "{not json";
        assertEquals(400, post(notJson, sign(notJson, APP_SECRET)).status());
        assertEquals("the forged ones reached nothing", 0, api.calls.size());
        // the forged call was not noted as seen: signed, the same call is answered
        turn(wa, hello, n -> true);

        karaf.client(ADMIN, PASSWORD, "lapor:disable channel-whatsapp");
        String later = text(wa, "hello again");
        Poll.until("switched off: Meta is to try again later", Duration.ofSeconds(30),
                () -> post(later, sign(later, APP_SECRET)).status() == 503 ? true : null);
        assertEquals(201, karaf.http.postJson("/api/reports", Map.of("urls", List.of("https://t.me/jualgambar99"),
                "category", "CSAM", "anonymous", true)).status());
    }
}
