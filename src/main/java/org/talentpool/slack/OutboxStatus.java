package org.talentpool.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the outbox holds, for {@code /pool-admin outbox} and {@code /health}: messages queued (and how many
 * of those are being retried after an error), failed for good and sent; the age of the oldest queued one;
 * methods Slack rate-limited; the latest failures with their error codes.
 */
public record OutboxStatus(long queued, long retrying, long failed, long sent, Optional<Duration> oldestQueuedAge,
                           List<Pause> pauses, List<Failure> recentFailures) {
    private static final Logger log = LoggerFactory.getLogger(OutboxStatus.class);

    /** A Slack method held back after HTTP 429. */
    public record Pause(String method, Instant until, String reason) {}

    /** A message that failed for good ({@code status} failed) or is being retried ({@code status} queued). */
    public record Failure(String dedupKey, String method, String status, int attempts, String error,
                          Optional<Instant> lastAttemptAt) {}

    public static OutboxStatus read(Jdbi jdbi, Clock clock, int failures) {
        OffsetDateTime now = Outbox.now(clock);
        return jdbi.withExtension(OutboxDao.class, dao -> new OutboxStatus(
                dao.count("queued"),
                dao.retrying(),
                dao.count("failed"),
                dao.count("sent"),
                dao.oldestQueued().map(oldest -> positive(Duration.between(oldest, now))),
                dao.pauses(now).stream()
                        .map(pause -> new Pause(pause.method(), pause.pausedUntil().toInstant(), pause.reason()))
                        .toList(),
                dao.recentFailures(failures).stream()
                        .map(failure -> new Failure(failure.dedupKey(), failure.method(), failure.status(),
                                failure.attempts(), failure.lastError(),
                                Optional.ofNullable(failure.lastAttemptAt()).map(OffsetDateTime::toInstant)))
                        .toList()));
    }

    /** The backlog for {@code /health}; a backlog never makes the service unhealthy. */
    public static Map<String, Object> healthDetails(Jdbi jdbi, Clock clock) {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            OffsetDateTime now = Outbox.now(clock);
            jdbi.useExtension(OutboxDao.class, dao -> {
                details.put("queued", dao.count("queued"));
                details.put("failed", dao.count("failed"));
                dao.oldestQueued().ifPresent(oldest ->
                        details.put("oldestQueuedSeconds", positive(Duration.between(oldest, now)).toSeconds()));
            });
        } catch (RuntimeException e) {
            log.debug("Outbox backlog unavailable for /health: {}", e.getMessage());
            details.clear();
            details.put("backlog", "unknown");
        }
        return details;
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
