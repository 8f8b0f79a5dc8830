package org.laporpredator.plugin.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import org.junit.Test;
import org.laporpredator.api.Category;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.Submission;

public class RecordingIntakeTest {

    private static Submission submission(String... urls) {
        return new Submission("channel-example", null, List.of(urls), Category.values()[0], null, true, null, "ms");
    }

    @Test
    public void recordsSubmissionsAndGivesFreshValidReferences() {
        RecordingIntake intake = new RecordingIntake();
        Submission s1 = submission("https://a.example/x");
        Receipt r1 = intake.submit(s1);
        Receipt r2 = intake.submit(submission("https://b.example/", "https://c.example/"));
        assertTrue(r1.reference(), ReferenceNumbers.isValid(r1.reference()));
        assertTrue(r2.reference(), ReferenceNumbers.isValid(r2.reference()));
        assertEquals(8, r1.reference().length());
        assertNotEquals(r1.reference(), r2.reference());
        assertEquals(ReportStatus.RECEIVED, r1.status());
        assertEquals(1, r1.items().size());
        assertEquals("https://a.example/x", r1.items().get(0).input());
        assertEquals(2, r2.items().size());
        assertEquals(2, intake.submissions().size());
        assertSame(s1, intake.submissions().get(0));
        assertEquals(List.of(r1, r2), intake.receipts());
    }

    @Test
    public void failNextThrowsOnceAndRecordsNothing() {
        RecordingIntake intake = new RecordingIntake();
        ServiceUnavailable down = new ServiceUnavailable("the database is down");
        intake.failNext(down);
        try {
            intake.submit(submission("https://a.example/"));
            fail("should have thrown");
        } catch (ServiceUnavailable e) {
            assertSame(down, e);
        }
        assertTrue(intake.submissions().isEmpty());
        intake.submit(submission("https://a.example/"));
        assertEquals(1, intake.submissions().size());
    }
}
