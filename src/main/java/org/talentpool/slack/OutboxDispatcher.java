package org.talentpool.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued {@link Outbox} messages. Each batch is claimed with {@code FOR UPDATE SKIP LOCKED}
 * and a lease, so several instances can run side by side and each message goes to one of them.
 * Transient failures back off exponentially; HTTP 429 waits for {@code Retry-After} and pauses the
 * whole dispatcher; permanent errors (the user is gone, the channel is archived) are recorded as failed.
 */
public final class OutboxDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    static final Set<String> PERMANENT_ERRORS = Set.of(
            "user_not_found", "account_inactive", "channel_not_found", "is_archived", "not_in_channel",
            "invalid_blocks", "invalid_blocks_format", "msg_too_long", "no_text", "cannot_dm_bot",
            "user_disabled", "invalid_arguments", "message_not_found", "cant_update_message", "not_authed",
            "invalid_auth", "token_revoked", "missing_scope");
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    static final int BATCH = 50;

    private final Jdbi jdbi;
    private final SlackSender sender;
    private final Clock clock;
    private final String instanceId;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Instant pausedUntil = Instant.EPOCH;

    public OutboxDispatcher(Jdbi jdbi, Outbox outbox, SlackSender sender, Clock clock, String instanceId) {
        this.jdbi = jdbi;
        this.sender = sender;
        this.clock = clock;
        this.instanceId = instanceId;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        outbox.onEnqueue(this::wake);
    }

    public void start(Duration pollInterval) {
        started.set(true);
        executor.scheduleWithFixedDelay(this::drainQuietly, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a delivery round now (after a commit that queued messages), once started. */
    public void wake() {
        if (started.get() && !executor.isShutdown()) {
            executor.execute(this::drainQuietly);
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("Outbox delivery round failed: {}", e.getMessage(), e);
        }
    }

    /** Delivers every message that is due; returns how many calls were made. */
    public int drain() {
        if (!draining.compareAndSet(false, true)) {
            return 0;
        }
        try {
            int calls = 0;
            while (clock.instant().isAfter(pausedUntil) || clock.instant().equals(pausedUntil)) {
                List<Claimed> batch = claim();
                if (batch.isEmpty()) {
                    break;
                }
                for (Claimed message : batch) {
                    if (clock.instant().isBefore(pausedUntil)) {
                        release(message.id());
                        continue;
                    }
                    deliver(message);
                    calls++;
                }
            }
            return calls;
        } finally {
            draining.set(false);
        }
    }

    private record Claimed(long id, String method, String params, int attempts) {}

    private List<Claimed> claim() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbi.inTransaction(handle -> {
            List<Long> ids = handle.createQuery("SELECT id FROM outbox WHERE status = 'queued'"
                            + " AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)"
                            + " ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .bind("now", now)
                    .bind("limit", BATCH)
                    .mapTo(Long.class)
                    .list();
            if (ids.isEmpty()) {
                return List.of();
            }
            handle.createUpdate("UPDATE outbox SET claimed_by = :me, claimed_until = :until,"
                            + " attempts = attempts + 1 WHERE id IN (<ids>)")
                    .bind("me", instanceId)
                    .bind("until", now.plus(LEASE))
                    .bindList("ids", ids)
                    .execute();
            return handle.createQuery("SELECT id, method, params, attempts FROM outbox WHERE id IN (<ids>) ORDER BY id")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> new Claimed(rs.getLong("id"), rs.getString("method"), rs.getString("params"),
                            rs.getInt("attempts")))
                    .list();
        });
    }

    private void deliver(Claimed message) {
        Map<String, String> params = Outbox.fromJson(message.params());
        SlackSender.Result result = sender.send(message.method(), params);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (result.ok()) {
            jdbi.useHandle(handle -> handle.createUpdate("UPDATE outbox SET status = 'sent', sent_at = :now,"
                            + " result_channel = :channel, result_ts = :ts, last_error = NULL, claimed_by = NULL,"
                            + " claimed_until = NULL WHERE id = :id AND claimed_by = :me")
                    .bind("now", now).bind("channel", result.channel()).bind("ts", result.ts())
                    .bind("id", message.id()).bind("me", instanceId)
                    .execute());
        } else if (result.httpStatus() == 429) {
            Instant retryAt = clock.instant().plusSeconds(result.retryAfterSeconds());
            pausedUntil = retryAt;
            log.info("Slack rate-limited {}; pausing outbox for {} s", message.method(), result.retryAfterSeconds());
            retryLater(message.id(), OffsetDateTime.ofInstant(retryAt, clock.getZone()), "ratelimited");
        } else if (PERMANENT_ERRORS.contains(result.error())) {
            log.warn("Outbox message {} ({}) failed permanently: {}", message.id(), message.method(), result.error());
            jdbi.useHandle(handle -> handle.createUpdate("UPDATE outbox SET status = 'failed', last_error = :error,"
                            + " claimed_by = NULL, claimed_until = NULL WHERE id = :id AND claimed_by = :me")
                    .bind("error", truncate(result.error())).bind("id", message.id()).bind("me", instanceId)
                    .execute());
        } else {
            Duration backoff = backoff(message.attempts());
            log.info("Outbox message {} ({}) failed ({}); retrying in {} s", message.id(), message.method(),
                    result.error(), backoff.toSeconds());
            retryLater(message.id(), now.plus(backoff), result.error());
        }
    }

    /** 1 s, 2 s, 4 s … capped at {@link #MAX_BACKOFF}. */
    static Duration backoff(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        return seconds > MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }

    private void retryLater(long id, OffsetDateTime at, String error) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE outbox SET next_attempt_at = :at, last_error = :error,"
                        + " claimed_by = NULL, claimed_until = NULL WHERE id = :id AND claimed_by = :me")
                .bind("at", at).bind("error", truncate(error)).bind("id", id).bind("me", instanceId)
                .execute());
    }

    private void release(long id) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL,"
                        + " attempts = attempts - 1 WHERE id = :id AND claimed_by = :me")
                .bind("id", id).bind("me", instanceId)
                .execute());
    }

    private static String truncate(String error) {
        String text = error == null ? "unknown" : error;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /** Queued and failed counts, for {@code /health} and admins. */
    public record Counts(long queued, long failed, long sent) {}

    public Counts counts() {
        return jdbi.withHandle(handle -> {
            Map<String, Long> byStatus = new java.util.HashMap<>();
            handle.createQuery("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")
                    .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                    .forEach(entry -> byStatus.put(entry.getKey(), entry.getValue()));
            return new Counts(byStatus.getOrDefault("queued", 0L), byStatus.getOrDefault("failed", 0L),
                    byStatus.getOrDefault("sent", 0L));
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
