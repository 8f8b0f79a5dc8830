package org.laporpredator.status.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.Optional;
import org.junit.Test;
import org.laporpredator.api.IdempotencyKey;
import org.laporpredator.api.NewReport;
import org.laporpredator.api.ReferenceIssuer;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.ReportStore;
import org.laporpredator.api.Stats;
import org.laporpredator.api.StatusLookup;
import org.laporpredator.api.StatusRecord;

public class StatusServiceTest {

    static StatusConfig config(int perMinute, int burst, int millis) {
        return new StatusConfig() {
            @Override public Class<? extends Annotation> annotationType() { return StatusConfig.class; }
            @Override public int lookupsPerMinute() { return perMinute; }
            @Override public int burst() { return burst; }
            @Override public int lookupMillis() { return millis; }
            @Override public int statsCacheSeconds() { return 60; }
        };
    }

    static class OneReport implements ReportStore {
        int statsCalls;

        @Override public String save(NewReport report, ReferenceIssuer references) { throw new UnsupportedOperationException(); }
        @Override public Optional<StatusRecord> status(String reference) {
            return "12345674".equals(reference) ? Optional.of(new StatusRecord(reference, ReportStatus.RECEIVED, Instant.now())) : Optional.empty();
        }
        @Override public Stats stats() { statsCalls++; return new Stats(statsCalls, 0, 0); }
        @Override public boolean isHealthy() { return true; }
        @Override public Optional<IdempotencyKey.Stored> idempotent(String keyHash) { return Optional.empty(); }
    }

    @Test
    public void reportersSeeTheDayOfTheLastChangeNotItsTime() {
        ReportStore store = new OneReport() {
            @Override public Optional<StatusRecord> status(String reference) {
                // 23:59:58.123 on 1 December 2026 in Kuala Lumpur
                return Optional.of(new StatusRecord(reference, ReportStatus.UNDER_REVIEW, Instant.parse("2026-12-01T15:59:58.123Z")));
            }
        };
        StatusRecord r = new StatusService(store, config(600, 100, 0)).find("12345674", "c").orElseThrow();
        assertEquals(Instant.parse("2026-11-30T16:00:00Z"), r.updatedAt());
        assertEquals(java.time.LocalDate.of(2026, 12, 1), r.updatedOn());
    }

    @Test
    public void lookupsTakeTheFloorTimeFoundOrNot() {
        StatusService service = new StatusService(new OneReport(), config(600, 100, 40));
        long t0 = System.nanoTime();
        assertTrue(service.find("12345674", "c").isPresent());
        long found = System.nanoTime() - t0;
        t0 = System.nanoTime();
        assertTrue(service.find("00000000", "c").isEmpty());
        long missing = System.nanoTime() - t0;
        assertTrue("found took " + found, found >= 40_000_000L);
        assertTrue("missing took " + missing, missing >= 40_000_000L);
    }

    @Test
    public void tooManyLookupsAreRefused() {
        StatusService service = new StatusService(new OneReport(), config(1, 3, 0));
        for (int i = 0; i < 3; i++) {
            service.find("00000000", "c");
        }
        try {
            service.find("00000000", "c");
            fail();
        } catch (StatusLookup.TooManyLookups e) {
            assertTrue(e.retryAfterSeconds() > 0);
        }
    }

    @Test
    public void statsAreCached() {
        OneReport store = new OneReport();
        StatusService service = new StatusService(store, config(1, 3, 0));
        assertEquals(1, service.stats().incomingReports());
        assertEquals(1, service.stats().incomingReports());
        assertEquals(1, store.statsCalls);
    }
}
