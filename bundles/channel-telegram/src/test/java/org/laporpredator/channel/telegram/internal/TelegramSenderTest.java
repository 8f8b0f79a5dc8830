package org.laporpredator.channel.telegram.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.Test;

public class TelegramSenderTest {

    @Test
    public void aChatWhoseRepliesCannotGoOutHasNoRoomAndOtherChatsStillDo() throws Exception {
        // a Bot API that takes the connection and never answers: the lane's thread waits on its first call
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                TelegramSender sender = new TelegramSender("http://127.0.0.1:" + silent.getLocalPort(), "1:x", 1)) {
            String stuck = "5551234";
            String other = null;
            for (int i = 0; other == null; i++) {
                String c = String.valueOf(9_000_000 + i);
                if (Math.floorMod(c.hashCode(), TelegramSender.LANES) != Math.floorMod(stuck.hashCode(), TelegramSender.LANES)) {
                    other = c;
                }
            }
            assertTrue(sender.hasRoom(stuck));
            int queued = 0;
            while (sender.send(stuck, "sendMessage", "{}".getBytes())) {
                queued++;
            }
            assertTrue(queued >= TelegramSender.QUEUE - 1);
            assertFalse("the webhook answers 503 for this chat", sender.hasRoom(stuck));
            assertTrue("another lane goes on", sender.hasRoom(other));
        }
    }
}
