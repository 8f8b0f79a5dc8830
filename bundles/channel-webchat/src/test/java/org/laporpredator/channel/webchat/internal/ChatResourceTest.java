package org.laporpredator.channel.webchat.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;
import org.laporpredator.conversation.Incoming;

public class ChatResourceTest {

    private static ByteArrayInputStream body(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void aMessageIsTextOrChoiceNeverBoth() throws Exception {
        assertEquals(Incoming.text("https://t.me/x"),
                ChatResource.incoming(ChatResource.read("application/json", body("{\"text\":\"https://t.me/x\"}"), false)));
        assertEquals(Incoming.choice("lang:ta"),
                ChatResource.incoming(ChatResource.read("application/json; charset=utf-8", body("{\"choice\":\"lang:ta\"}"), false)));
        refused(400, "{\"text\":\"a\",\"choice\":\"b\"}");
        refused(400, "{}");
        refused(400, "{\"text\":\"   \"}");
        refused(400, "{\"text\":\"" + "x".repeat(ChatResource.MAX_TEXT + 1) + "\"}");
        refused(400, "{\"choice\":\"<script>\"}");
        refused(400, "{\"choice\":7}");
        refused(400, "[\"text\"]");
        refused(400, "{\"text\":");
        refused(413, "{\"text\":\"" + "x".repeat(ChatResource.MAX_BODY) + "\"}");
        try {
            ChatResource.read("text/plain", body("{\"text\":\"a\"}"), false);
            fail("text/plain taken");
        } catch (ChatResource.Refused e) {
            assertEquals(415, e.status);
        }
        assertNull("a session may start with no body", ChatResource.read(null, body(""), true));
    }

    private static void refused(int status, String json) {
        try {
            ChatResource.incoming(ChatResource.read("application/json", body(json), false));
            fail("taken: " + json);
        } catch (ChatResource.Refused e) {
            assertEquals(json, status, e.status);
        }
    }
}
