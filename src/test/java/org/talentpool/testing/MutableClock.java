package org.talentpool.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand, instead of sleeping. It keeps whole microseconds, as the databases do: a time
 * with nanoseconds would be stored rounded up, so a row written "now" would stay a little in the future for
 * as long as the clock stands still (an outbox message due now would never be due).
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public MutableClock(Instant start) {
        this(new AtomicReference<>(start.truncatedTo(ChronoUnit.MICROS)), ZoneOffset.UTC);
    }

    public static MutableClock now() {
        return new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    public void set(Instant instant) {
        now.set(instant.truncatedTo(ChronoUnit.MICROS));
    }

    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration).truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
