package org.talentpool.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Queues Slack calls in the database, in the caller's transaction, for the {@link OutboxDispatcher}
 * to deliver. A state change and the messages it causes commit together or not at all.
 */
public final class Outbox {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {};

    private final Clock clock;
    private volatile Runnable onEnqueue = () -> { };

    public Outbox(Clock clock) {
        this.clock = clock;
    }

    /** Called after a transaction that queued messages has committed, to deliver them promptly. */
    void onEnqueue(Runnable listener) {
        this.onEnqueue = listener;
    }

    /**
     * Queues a message in the transaction of {@code handle}. Returns false when a message with the same
     * dedup key exists already (a retried event), in which case nothing is queued.
     */
    public boolean enqueue(Handle handle, OutboxMessage message) {
        OffsetDateTime now = now(clock);
        int inserted = handle.createUpdate("INSERT INTO outbox (dedup_key, method, params, status, attempts,"
                        + " next_attempt_at, created_at) VALUES (:key, :method, :params, 'queued', 0, :now, :now)"
                        + " ON CONFLICT DO NOTHING")
                .bind("key", message.dedupKey())
                .bind("method", message.method())
                .bind("params", toJson(message.params()))
                .bind("now", now)
                .execute();
        if (inserted > 0) {
            handle.afterCommit(() -> onEnqueue.run());
        }
        return inserted > 0;
    }

    /**
     * Now, at the databases' precision (microseconds). A time bound with nanoseconds but stored rounded could
     * come out later than the same time read back, so a message queued "now" would not be due "now".
     */
    static OffsetDateTime now(Clock clock) {
        return at(clock.instant(), clock);
    }

    static OffsetDateTime at(Instant instant, Clock clock) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), clock.getZone());
    }

    /** Where Slack put a message the dispatcher has sent: what {@code chat.update} needs to change it later. */
    public record Delivered(String dedupKey, String channel, String ts) {}

    /**
     * The messages queued with a dedup key starting with {@code dedupKeyPrefix} that have been delivered,
     * e.g. every copy of one event's post, to update them after a later change.
     */
    public List<Delivered> delivered(Handle handle, String dedupKeyPrefix) {
        String pattern = dedupKeyPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return handle.createQuery("SELECT dedup_key, result_channel, result_ts FROM outbox"
                        + " WHERE dedup_key LIKE :pattern ESCAPE '!' AND status = 'sent'"
                        + " AND result_channel IS NOT NULL AND result_ts IS NOT NULL"
                        + " ORDER BY id")
                .bind("pattern", pattern)
                .map((rs, ctx) -> new Delivered(rs.getString("dedup_key"), rs.getString("result_channel"),
                        rs.getString("result_ts")))
                .list();
    }

    static String toJson(Map<String, String> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Outbox parameters cannot be written as JSON", e);
        }
    }

    static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox row has unreadable parameters", e);
        }
    }
}
