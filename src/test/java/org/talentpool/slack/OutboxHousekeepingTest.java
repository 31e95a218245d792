package org.talentpool.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.schedule.ScheduledJob;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;

/** Outbox housekeeping on both databases: old sent messages go, everything else stays. */
class OutboxHousekeepingTest extends DatabaseTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T03:30:00Z"));
    private OutboxHousekeeping housekeeping;

    @BeforeEach
    void setUp() {
        database.jdbi().useHandle(handle -> {
            handle.execute("DELETE FROM outbox");
            handle.execute("DELETE FROM outbox_pause");
        });
        housekeeping = new OutboxHousekeeping(database.jdbi(), clock);
    }

    private void row(String key, String status, Duration age) {
        OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant().minus(age), ZoneOffset.UTC);
        database.jdbi().useHandle(handle -> handle.createUpdate("INSERT INTO outbox (dedup_key, method, params, status,"
                        + " attempts, next_attempt_at, created_at, sent_at, last_error) VALUES (:key, 'chat.postMessage',"
                        + " '{}', :status, 1, :at, :at, :sentAt, :error)")
                .bind("key", key).bind("status", status).bind("at", at)
                .bind("sentAt", status.equals("sent") ? at : null)
                .bind("error", status.equals("failed") ? "user_not_found" : null)
                .execute());
    }

    private List<String> keys() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT dedup_key FROM outbox ORDER BY dedup_key")
                .mapTo(String.class).list());
    }

    @Test
    void deletesSentMessagesOlderThanThirtyDaysAndKeepsTheRest() {
        row("sent-31-days", "sent", Duration.ofDays(31));
        row("sent-29-days", "sent", Duration.ofDays(29));
        row("failed-90-days", "failed", Duration.ofDays(90));
        row("queued-40-days", "queued", Duration.ofDays(40));

        String summary = housekeeping.run(ScheduledJob.Run.scheduled(clock.instant()));

        assertThat(summary).isEqualTo("deleted 1 sent message older than 2026-11-01");
        assertThat(keys()).containsExactly("failed-90-days", "queued-40-days", "sent-29-days");
    }

    @Test
    void runningTwiceDeletesNothingTheSecondTime() {
        row("sent-45-days", "sent", Duration.ofDays(45));
        row("sent-31-days", "sent", Duration.ofDays(31));

        assertThat(housekeeping.run(ScheduledJob.Run.scheduled(clock.instant()))).startsWith("deleted 2 sent messages");
        assertThat(housekeeping.run(ScheduledJob.Run.scheduled(clock.instant()))).startsWith("deleted 0 sent messages");
        assertThat(keys()).isEmpty();
    }

    @Test
    void forgetsExpiredRateLimitPauses() {
        database.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO outbox_pause (method, paused_until, reason) VALUES ('chat.update', ?, 'old')",
                    OffsetDateTime.ofInstant(clock.instant().minusSeconds(60), ZoneOffset.UTC));
            handle.execute("INSERT INTO outbox_pause (method, paused_until, reason) VALUES ('chat.postMessage', ?, 'now')",
                    OffsetDateTime.ofInstant(clock.instant().plusSeconds(60), ZoneOffset.UTC));
        });

        housekeeping.run(ScheduledJob.Run.scheduled(clock.instant()));

        List<String> paused = database.jdbi().withHandle(handle -> handle.createQuery("SELECT method FROM outbox_pause")
                .mapTo(String.class).list());
        assertThat(paused).containsExactly("chat.postMessage");
    }

    @Test
    void runsDailyAtHalfPastThreeOutsideTheDaylightSavingHour() {
        assertThat(housekeeping.name()).isEqualTo("outbox-housekeeping");
        assertThat(housekeeping.cron()).isEqualTo("0 30 3 * * ?");
    }
}
