package org.talentpool.slack;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How many Slack requests, and pieces of the slow work they leave behind, run at once: no more than the database has
 * connections, the others waiting their turn, first come first served. Without it, every request Jetty took ran at
 * once (50 clients: 50 threads) and queued for a connection inside the pool, which hands a freed connection to any
 * thread asking, not to the one that waited longest: on two cores, PostgreSQL's {@code /available status} answered
 * 1,180 a second with a p99 of 125 ms, and 1,616 a second with a p99 of 75 ms with permits for the requests
 * ({@code scripts/bench ack --db=postgresql}, one run after the other).
 *
 * <p>A Slack request waits for a permit at most {@link #REQUEST_WAIT}, then runs without one (Slack wants its answer
 * within three seconds, and a permit held up by a slow call to Slack must not hold up every request); slow work waits
 * however long it takes.
 */
public final class WorkPermits {
    static final Duration REQUEST_WAIT = Duration.ofSeconds(1);

    private final Semaphore permits;
    private final Runnable onWaitedOut;

    /** {@code permits} at once; {@code onWaitedOut} runs when a request goes ahead without one. */
    public WorkPermits(int permits, Runnable onWaitedOut) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be positive, got " + permits);
        }
        this.permits = new Semaphore(permits, true);
        this.onWaitedOut = onWaitedOut;
    }

    /** What a Slack request does with a permit. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    /**
     * Runs a Slack request's work holding a permit, or, after waiting {@link #REQUEST_WAIT} for one, without; an
     * interrupted wait runs it at once.
     */
    public <T> T request(Work<T> work) throws Exception {
        boolean held = false;
        try {
            held = permits.tryAcquire(REQUEST_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!held) {
            onWaitedOut.run();
        }
        try {
            return work.run();
        } finally {
            if (held) {
                permits.release();
            }
        }
    }

    /**
     * An executor for slow work of {@code threads} threads whose every task holds a permit while it runs; tasks wait
     * in an unbounded queue, and a task whose thread is interrupted while waiting for a permit does not run.
     */
    public ExecutorService slowWork(int threads, String threadName) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, threadName);
                    thread.setDaemon(true);
                    return thread;
                }) {
            @Override
            protected void beforeExecute(Thread thread, Runnable task) {
                try {
                    permits.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting to run slow work", e);
                }
            }

            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                permits.release();
            }
        };
    }

    /** Permits free now (for tests). */
    int available() {
        return permits.availablePermits();
    }

    /** Threads waiting for a permit now (for tests). */
    int queueLength() {
        return permits.getQueueLength();
    }
}
