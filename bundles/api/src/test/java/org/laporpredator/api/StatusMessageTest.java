package org.laporpredator.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.Test;

public class StatusMessageTest {

    @Test
    public void everyStatusHasADefaultMessageFirst() {
        for (ReportStatus s : ReportStatus.values()) {
            StatusMessage d = StatusMessage.defaultFor(s);
            assertSame(s, d.status());
            assertEquals(d, StatusMessage.of(s).get(0));
            assertEquals(d.text("ms"), s.message("ms"));
            assertEquals(d.text("en"), s.message("en"));
        }
    }

    @Test
    public void everyMessageHasItsOwnTextInBothLanguagesAndNoOtherKey() throws Exception {
        Set<String> seen = new HashSet<>();
        for (StatusMessage m : StatusMessage.values()) {
            String ms = m.text("ms");
            String en = m.text("en");
            assertFalse(m + " ms", ms.isBlank());
            assertFalse(m + " en", en.isBlank());
            for (String l : new String[] {"zh", "ta"}) {
                String t = m.text(l);
                assertFalse(m + " " + l, t.isBlank());
                assertNotEquals(m + " " + l + " is translated", ms, t);
                assertNotEquals(m + " " + l + " is translated", en, t);
            }
            assertNotEquals(m + " is translated", ms, en);
            assertTrue(m + " has its own text", seen.add(en));
            assertSame(m, StatusMessage.forKey(m.key()));
        }
        for (String file : new String[] {"status_ms.properties", "status_en.properties", "status_zh.properties",
            "status_ta.properties", "status.properties"}) {
            Properties p = new Properties();
            try (Reader in = new InputStreamReader(StatusMessage.class.getResourceAsStream(file),
                    StandardCharsets.UTF_8)) {
                p.load(in);
            }
            assertEquals(file, StatusMessage.values().length, p.size()); // no text without a message
        }
        assertEquals("unknown languages read Bahasa Malaysia", StatusMessage.CLOSED_NOT_ILLEGAL.text("ms"),
                StatusMessage.CLOSED_NOT_ILLEGAL.text("fr"));
    }

    @Test
    public void unknownKeysAreNull() {
        assertNull(StatusMessage.forKey("closed-by-police"));
        assertNull(StatusMessage.forKey(null));
        assertNull(StatusMessage.forKey("CLOSED")); // the key, not the constant's name
    }

    @Test
    public void aRecordShowsItsMessageOrTheDefault() {
        Instant at = Instant.parse("2026-12-01T17:30:00Z");
        StatusRecord chosen = new StatusRecord("12345674", ReportStatus.CLOSED, at, StatusMessage.CLOSED_UNREACHABLE);
        assertEquals(StatusMessage.CLOSED_UNREACHABLE.text("en"), chosen.text("en"));
        assertEquals(StatusMessage.CLOSED_UNREACHABLE, chosen.coarse().message());
        assertEquals(Instant.parse("2026-12-01T16:00:00Z"), chosen.coarse().updatedAt());
        assertEquals(ReportStatus.RECEIVED.message("ms"), new StatusRecord("12345674", ReportStatus.RECEIVED, at).text("ms"));
        // a message of another status is never shown
        StatusRecord stale = new StatusRecord("12345674", ReportStatus.REFERRED, at, StatusMessage.CLOSED_NOT_ILLEGAL);
        assertNull(stale.message());
        assertEquals(ReportStatus.REFERRED.message("en"), stale.text("en"));
    }
}
