package org.talentpool.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
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
