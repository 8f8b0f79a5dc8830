package org.laporpredator.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.laporpredator.api.ChatStates;

public class JdbcChatStatesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private final TestDb db = new TestDb();
    private final Instant t0 = Instant.parse("2026-12-02T10:00:00Z");

    @After
    public void drop() {
        db.drop();
    }

    private JdbcChatStates states() {
        Path key = tmp.getRoot().toPath().resolve("etc/lapor-contact.key");
        return new JdbcChatStates(db.dataSource, key);
    }

    @Test
    public void aStateIsKeptPerChatSealedAndReplaced() throws Exception {
        JdbcChatStates s = states();
        assertEquals(Optional.empty(), s.load("channel-telegram", "k1"));
        s.save("channel-telegram", "k1", "{\"step\":\"LINKS\",\"description\":\"anak saya\"}", t0, null);
        s.save("channel-whatsapp", "k1", "{\"step\":\"DANGER\"}", t0, null);
        assertEquals(new ChatStates.Saved("{\"step\":\"LINKS\",\"description\":\"anak saya\"}", t0),
                s.load("channel-telegram", "k1").get());
        s.save("channel-telegram", "k1", "{\"step\":\"DONE\"}", t0.plusSeconds(5), null);
        assertEquals("{\"step\":\"DONE\"}", s.load("channel-telegram", "k1").get().state());
        assertEquals(t0.plusSeconds(5), s.load("channel-telegram", "k1").get().at());
        assertEquals("{\"step\":\"DANGER\"}", states().load("channel-whatsapp", "k1").get().state());
        byte[] stored = db.bytes("SELECT state_enc FROM chat_state WHERE channel = ?", "channel-telegram");
        assertFalse("sealed, not plain", new String(stored, StandardCharsets.ISO_8859_1).contains("DONE"));
    }

    @Test
    public void aMessageIdIsSavedOncePerChannelWithItsState() {
        JdbcChatStates s = states();
        assertFalse(s.seen("channel-telegram", "update-1"));
        assertTrue(s.save("channel-telegram", "k", "{\"n\":1}", t0, "update-1"));
        assertTrue(s.seen("channel-telegram", "update-1"));
        assertFalse("a twin saves nothing", s.save("channel-telegram", "k", "{\"n\":2}", t0, "update-1"));
        assertEquals("{\"n\":1}", s.load("channel-telegram", "k").get().state());
        assertTrue(s.save("channel-whatsapp", "k", "{\"n\":3}", t0, "update-1"));
        assertTrue(s.save("channel-telegram", "new-chat", "{}", t0, "update-2"));
        assertFalse("the twin's new chat is not inserted either", s.save("channel-telegram", "other", "{}", t0, "update-2"));
        assertEquals(Optional.empty(), s.load("channel-telegram", "other"));
    }

    @Test
    public void oldConversationsAndMessageIdsAreForgotten() {
        JdbcChatStates s = states();
        s.save("channel-telegram", "old", "{}", t0, "m-old");
        s.save("channel-telegram", "new", "{}", t0.plusSeconds(7200), "m-new");
        assertEquals(2, s.forget(t0.plusSeconds(3600), t0.plusSeconds(3600)));
        assertEquals(Optional.empty(), s.load("channel-telegram", "old"));
        assertTrue(s.load("channel-telegram", "new").isPresent());
        assertFalse(s.seen("channel-telegram", "m-old"));
        assertTrue(s.seen("channel-telegram", "m-new"));
    }

    @Test
    public void badPartsAreRefused() {
        JdbcChatStates s = states();
        assertThrows(IllegalArgumentException.class, () -> s.save("", "k", "{}", t0, null));
        assertThrows(IllegalArgumentException.class, () -> s.save("c", "k", "x".repeat(ChatStates.MAX_STATE_BYTES + 1), t0, null));
        assertThrows(IllegalArgumentException.class, () -> s.load("c", "k".repeat(ChatStates.MAX_KEY + 1)));
        s.save("c", "k", "é".repeat(ChatStates.MAX_STATE_BYTES / 2), t0, null);
        assertEquals(ChatStates.MAX_STATE_BYTES / 2, s.load("c", "k").get().state().length());
    }
}
