package org.laporpredator.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HexFormat;
import org.junit.After;
import org.junit.Test;

public class KnownItemsTest {

    private final TestDb db = new TestDb();

    @After
    public void drop() {
        db.drop();
    }

    @Test
    public void knowsTheStoredKeysAndTheOnesAddedSince() throws Exception {
        new Migrations(db.dataSource).migrate();
        for (int i = 0; i < 50; i++) {
            db.update("INSERT INTO item (id, key_hash, dedup_key, platform, kind, canonical_url, identifiers, report_count,"
                    + " first_reported_at, last_reported_at) VALUES (?, ?, ?, 'WEBSITE', 'WEB_PAGE', 'https://x', '{}', 1,"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", i, key("stored" + i), "stored" + i);
        }
        KnownItems known = KnownItems.load(db.dataSource);
        for (int i = 0; i < 50; i++) {
            assertTrue(known.mightContain(key("stored" + i)));
        }
        assertFalse(known.mightContain(key("added")));
        known.add(key("added"));
        assertTrue(known.mightContain(key("added")));
    }

    @Test
    public void aNewKeyIsRarelyTakenForAStoredOneAtTheSizeItWasMadeFor() {
        int items = KnownItems.MIN_BITS / 16; // 16 bits per item, the fullest it is made to get
        KnownItems known = new KnownItems(items);
        assertEquals(KnownItems.MIN_BITS, known.bits());
        for (int i = 0; i < items; i++) {
            known.add(key("in" + i));
        }
        int wrong = 0;
        int tries = 100_000;
        for (int i = 0; i < tries; i++) {
            if (known.mightContain(key("out" + i))) {
                wrong++;
            }
        }
        assertTrue("false positives: " + wrong, wrong < tries / 500);
    }

    @Test
    public void sizeGrowsWithTheItemsStoredBetweenItsBounds() {
        assertEquals(KnownItems.MIN_BITS, new KnownItems(0).bits());
        assertEquals(KnownItems.MIN_BITS, new KnownItems(1 << 20).bits());
        assertEquals(KnownItems.MIN_BITS * 2, new KnownItems((1 << 20) + 1).bits());
        assertEquals(KnownItems.MAX_BITS, new KnownItems(Long.MAX_VALUE / 32).bits());
    }

    private static byte[] key(String dedupKey) {
        return HexFormat.of().parseHex(JdbcReportStore.keyHash(dedupKey));
    }
}
