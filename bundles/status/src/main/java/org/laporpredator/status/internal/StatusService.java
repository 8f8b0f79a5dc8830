package org.laporpredator.status.internal;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.laporpredator.api.RateLimiter;
import org.laporpredator.api.ReportStore;
import org.laporpredator.api.Stats;
import org.laporpredator.api.StatusLookup;
import org.laporpredator.api.StatusRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Rate-limited, constant-time status lookups and cached public counters. */
@Component(service = StatusLookup.class, configurationPid = StatusService.PID)
@Designate(ocd = StatusConfig.class)
public class StatusService implements StatusLookup {

    public static final String PID = "org.laporpredator.status";

    private final ReportStore store;
    private volatile RateLimiter limiter;
    private volatile long lookupNanos;
    private volatile long statsNanos;
    private volatile Stats cachedStats;
    private volatile long statsAt;

    @Activate
    public StatusService(@Reference ReportStore store, StatusConfig config) {
        this.store = store;
        modified(config);
    }

    @Modified
    void modified(StatusConfig config) {
        limiter = new RateLimiter(config.lookupsPerMinute(), config.burst(), System::nanoTime);
        lookupNanos = TimeUnit.MILLISECONDS.toNanos(config.lookupMillis());
        statsNanos = TimeUnit.SECONDS.toNanos(config.statsCacheSeconds());
    }

    @Override
    public Optional<StatusRecord> find(String reference, String client) {
        long wait = limiter.acquire(client);
        if (wait > 0) {
            throw new TooManyLookups(wait);
        }
        long deadline = System.nanoTime() + lookupNanos;
        try {
            return store.status(reference).map(StatusRecord::coarse); // the day only: the time of a change tells too much
        } finally {
            sleepUntil(deadline);
        }
    }

    static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public Stats stats() {
        long now = System.nanoTime();
        Stats s = cachedStats;
        if (s == null || now - statsAt > statsNanos) {
            s = store.stats();
            cachedStats = s;
            statsAt = now;
        }
        return s;
    }
}
