package com.acme.wallet.adapter.postgres;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves one second forward each time it is read, so that every write has its own time. */
final class TickingClock extends Clock {

    private Instant now = Instant.parse("2025-06-01T00:00:00Z");

    @Override
    public synchronized Instant instant() {
        now = now.plus(Duration.ofSeconds(1));
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
