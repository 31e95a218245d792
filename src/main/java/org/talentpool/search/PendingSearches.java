package org.talentpool.search;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The searches acknowledged and not yet answered, at most {@link #LIMIT}: one more is turned away at once (the member
 * is told to try again in a minute) instead of queued behind them. The app's executor for slow work queues without
 * limit, and bookings' messages wait in the same queue: under the ack benchmark's closed loop, {@code /find-expert}
 * was acknowledged far faster than its searches ran, and 154,314 (H2) and 158,583 (PostgreSQL) searches were still
 * queued when the service stopped after it, minutes of work whose answers nobody would have waited for.
 */
final class PendingSearches {
    /**
     * At most this many searches wait for or hold one of the executor's four threads. A search and its answer take a
     * few ms to a few hundred (most of it posting the answer to Slack), so the last one queued waits seconds, not
     * minutes.
     */
    static final int LIMIT = 100;

    private final AtomicInteger pending = new AtomicInteger();
    private final int limit;
    private final Executor work;
    private final Runnable onTurnedAway;

    /** Searches run on {@code work}, at most {@code limit} pending; {@code onTurnedAway} runs for each turned away. */
    PendingSearches(int limit, Executor work, Runnable onTurnedAway) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        this.limit = limit;
        this.work = work;
        this.onTurnedAway = onTurnedAway;
    }

    /**
     * Queues {@code search} (a search and its answer) unless as many as the limit are pending; false when it was
     * turned away. A search is pending from here until it has run, whether it succeeded or failed.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the executor takes no more work (stopping)
     */
    boolean offer(Runnable search) {
        if (pending.incrementAndGet() > limit) {
            pending.decrementAndGet();
            onTurnedAway.run();
            return false;
        }
        try {
            work.execute(() -> {
                try {
                    search.run();
                } finally {
                    pending.decrementAndGet();
                }
            });
            return true;
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            throw e;
        }
    }

    /** Searches pending now (for tests). */
    int pending() {
        return pending.get();
    }
}
