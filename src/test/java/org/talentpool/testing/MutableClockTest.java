package org.talentpool.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The test clock keeps the precision the databases store, so "due now" rows are due while it stands still. */
class MutableClockTest {

    @Test
    void keepsWholeMicroseconds() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00.123456789Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-30T09:00:00.123456Z"));

        clock.advance(Duration.ofNanos(999));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-30T09:00:00.123456Z"));

        clock.set(Instant.parse("2026-12-01T00:00:00.000000999Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(MutableClock.now().instant().getNano() % 1_000).isZero();
    }
}
