package org.laporpredator.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.After;
import org.junit.Test;

public class JdbcChannelStateTest {

    private final TestDb db = new TestDb();
    private final JdbcChannelState state = new JdbcChannelState(db.dataSource);

    @After
    public void drop() {
        db.drop();
    }

    @Test
    public void aValueIsKeptPerChannelAndKeyAndReplaced() throws Exception {
        assertEquals(Optional.empty(), state.get("channel-email", "uid:INBOX"));
        state.put("channel-email", "uid:INBOX", "17:40");
        state.put("channel-other", "uid:INBOX", "1:1");
        assertEquals(Optional.of("17:40"), state.get("channel-email", "uid:INBOX"));
        state.put("channel-email", "uid:INBOX", "17:41");
        assertEquals(Optional.of("17:41"), state.get("channel-email", "uid:INBOX"));
        assertEquals(Optional.of("1:1"), state.get("channel-other", "uid:INBOX"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM channel_state WHERE channel = ?", "channel-email"));
    }

    @Test
    public void aNewStoreOnTheSameDatabaseSeesWhatWasStored() {
        state.put("channel-email", "msg:abc", "12345674");
        assertEquals(Optional.of("12345674"), new JdbcChannelState(db.dataSource).get("channel-email", "msg:abc"));
    }

    @Test
    public void manyWritersOfOneNewKeyEndWithOneRow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String value = "v" + i;
                all.add(pool.submit(() -> {
                    go.await();
                    state.put("channel-email", "race", value);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, db.count("SELECT COUNT(*) FROM channel_state WHERE state_key = ?", "race"));
        assertEquals(true, state.get("channel-email", "race").orElseThrow().startsWith("v"));
    }

    @Test
    public void emptyOrOversizedPartsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> state.put("", "k", "v"));
        assertThrows(IllegalArgumentException.class, () -> state.put("c", "k", ""));
        assertThrows(IllegalArgumentException.class, () -> state.put("c", "k".repeat(129), "v"));
        assertThrows(IllegalArgumentException.class, () -> state.put("c", "k", "v".repeat(513)));
        assertThrows(IllegalArgumentException.class, () -> state.get("c", null));
    }
}
