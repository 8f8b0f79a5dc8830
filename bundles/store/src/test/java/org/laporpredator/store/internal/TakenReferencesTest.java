package org.laporpredator.store.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.After;
import org.junit.Test;
import org.laporpredator.api.ReferenceNumbers;

public class TakenReferencesTest {

    private final TestDb db = new TestDb();

    @After
    public void drop() {
        db.drop();
    }

    @Test
    public void knowsTheStoredReferencesAndTheOnesTakenSince() throws Exception {
        new Migrations(db.dataSource).migrate();
        for (String seven : new String[] {"0000000", "0000063", "0000064", "9999999"}) {
            db.update("INSERT INTO report (reference, channel, category, language, anonymous, created_at, updated_at)"
                    + " VALUES (?, 'web', 'CSAM', 'en', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                    ReferenceNumbers.complete(seven));
        }
        TakenReferences taken = TakenReferences.load(db.dataSource);
        for (String seven : new String[] {"0000000", "0000063", "0000064", "9999999"}) {
            assertTrue(seven, taken.isTaken(ReferenceNumbers.complete(seven)));
        }
        for (String seven : new String[] {"0000001", "0000062", "0000065", "0000128", "9999998"}) {
            assertFalse(seven, taken.isTaken(ReferenceNumbers.complete(seven)));
        }
        taken.take(ReferenceNumbers.complete("5000000"));
        assertTrue(taken.isTaken(ReferenceNumbers.complete("5000000")));
        assertFalse(taken.isTaken(ReferenceNumbers.complete("5000001")));
    }
}
