package org.laporpredator.store.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test sets and moves; safe across threads. */
final class TestClock extends Clock {

    private volatile Instant now;

    TestClock(String utc) {
        this.now = Instant.parse(utc);
    }

    TestClock set(String utc) {
        now = Instant.parse(utc);
        return this;
    }

    TestClock set(Instant at) {
        now = at;
        return this;
    }

    TestClock advance(Duration d) {
        now = now.plus(d);
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
