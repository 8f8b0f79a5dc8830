package org.laporpredator.conversation;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import static org.junit.Assert.assertEquals;
import org.junit.Test;

public class ReplySenderTest {

    @Test
    public void aChatWhoseRepliesCannotGoOutHasNoRoomAndOtherChatsStillDo() throws Exception {
        // a Bot API that takes the connection and never answers: the lane's thread waits on its first call
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ReplySender sender = new ReplySender("Bot API", 1, (name, json) -> HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/" + name)).POST(HttpRequest.BodyPublishers.ofByteArray(json)))) {
            String stuck = "5551234";
            String other = null;
            for (int i = 0; other == null; i++) {
                String c = String.valueOf(9_000_000 + i);
                if (Math.floorMod(c.hashCode(), ReplySender.LANES) != Math.floorMod(stuck.hashCode(), ReplySender.LANES)) {
                    other = c;
                }
            }
            assertTrue(sender.hasRoom(stuck));
            int queued = 0;
            while (sender.send(stuck, "sendMessage", "{}".getBytes())) {
                queued++;
            }
            assertTrue(queued >= ReplySender.QUEUE - 1);
            assertFalse("the webhook answers 503 for this chat", sender.hasRoom(stuck));
            assertTrue("another lane goes on", sender.hasRoom(other));
        }
    }

    @Test
    public void aTooManyRequestsWaitComesFromTheHeaderThenTheBodyThenTheBackoff() {
        Duration backoff = Duration.ofSeconds(2);
        assertEquals(Duration.ofSeconds(7), ReplySender.retryAfter("7", "{\"parameters\":{\"retry_after\":30}}", backoff));
        assertEquals(Duration.ofSeconds(30), ReplySender.retryAfter(null, "{\"ok\":false,\"parameters\":{\"retry_after\": 30}}", backoff));
        assertEquals(backoff, ReplySender.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT", "{}", backoff));
        assertEquals(backoff, ReplySender.retryAfter(null, null, backoff));
    }
}
