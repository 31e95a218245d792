package org.talentpool.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued {@link Outbox} messages, each exactly once, with any number of instances running.
 *
 * <ul>
 *   <li><b>Claims</b>: a batch is locked with {@code FOR UPDATE SKIP LOCKED} and leased to this instance;
 *   every later change is conditional on still holding it, and the lease is renewed just before each call,
 *   so two instances never send the same message.</li>
 *   <li><b>Crash between send and mark</b>: just before a call goes out, the message is marked
 *   {@code outcome_unknown} (committed). Every {@code chat.postMessage} carries Slack message metadata with
 *   its dedup key. A message whose last attempt has no recorded result (its instance died mid-send, or Slack
 *   answered 5xx or not at all) is first looked up in the channel's history ({@link PostedMessages}) and
 *   marked sent if found, so it is never posted twice.</li>
 *   <li><b>Pacing</b>: {@link SlackRateLimiter} keeps each method, and each channel for chat.postMessage,
 *   under Slack's limits.</li>
 *   <li><b>Failures</b>: HTTP 429 pauses that method, for every instance, until {@code Retry-After}; 5xx and
 *   transport errors back off exponentially (1 s, 2 s, 4 s … up to ten minutes) and are retried until
 *   Slack is back; errors about the message itself (the user is gone, the channel is archived) are recorded
 *   as failed and not retried.</li>
 * </ul>
 * Business time (backoff, pauses, leases) comes from the injected {@link Clock}; pacing uses wall time.
 */
public final class OutboxDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    static final String POST_MESSAGE = "chat.postMessage";

    /** Errors about this one message (its recipient or its content): recorded as failed, not retried. */
    static final Set<String> PERMANENT_ERRORS = Set.of(
            "user_not_found", "account_inactive", "channel_not_found", "is_archived", "not_in_channel",
            "invalid_blocks", "invalid_blocks_format", "msg_too_long", "no_text", "cannot_dm_bot",
            "user_disabled", "invalid_arguments", "message_not_found", "cant_update_message",
            "invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large", "too_many_attachments",
            "restricted_action", "unreadable_params");
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    /** How long after a pause ends an instance that claims still paces as if it had just ended. */
    static final Duration RECENT_PAUSE = Duration.ofSeconds(2);

    /** How the dispatcher works; {@link #DEFAULTS} in production, shorter or unlimited in tests. */
    public record Settings(Duration lease, int batchSize, Duration maxBackoff, SlackRateLimiter.Limits limits) {
        public static final Settings DEFAULTS =
                new Settings(Duration.ofSeconds(60), 25, MAX_BACKOFF, SlackRateLimiter.Limits.SLACK);

        public Settings withLimits(SlackRateLimiter.Limits newLimits) {
            return new Settings(lease, batchSize, maxBackoff, newLimits);
        }

        public Settings withBatchSize(int newBatchSize) {
            return new Settings(lease, newBatchSize, maxBackoff, limits);
        }
    }

    /** A claimed message with its parameters read. */
    private record Message(long id, String dedupKey, String method, Map<String, String> params, int attempts,
                           OffsetDateTime firstAttemptAt, boolean outcomeUnknown) {
        String channel() {
            return params.get("channel");
        }
    }

    private final Jdbi jdbi;
    private final SlackSender sender;
    private final Clock clock;
    private final String instanceId;
    private final Settings settings;
    private final SlackRateLimiter limiter;
    private final PostedMessages postedMessages;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public OutboxDispatcher(Jdbi jdbi, Outbox outbox, SlackSender sender, Clock clock, String instanceId) {
        this(jdbi, outbox, sender, clock, instanceId, Settings.DEFAULTS, SlackRateLimiter.Ticker.SYSTEM);
    }

    public OutboxDispatcher(Jdbi jdbi, Outbox outbox, SlackSender sender, Clock clock, String instanceId,
                            Settings settings, SlackRateLimiter.Ticker ticker) {
        this.jdbi = jdbi;
        this.sender = sender;
        this.clock = clock;
        this.instanceId = instanceId;
        this.settings = settings;
        this.limiter = new SlackRateLimiter(settings.limits(), ticker);
        this.postedMessages = new PostedMessages(this::pacedCall);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-dispatcher-" + instanceId);
            thread.setDaemon(true);
            return thread;
        });
        outbox.onEnqueue(this::wake);
    }

    /** Delivers on a thread of its own: every {@code pollInterval}, and whenever a message is queued. */
    public void start(Duration pollInterval) {
        started.set(true);
        executor.scheduleWithFixedDelay(this::drainQuietly, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a delivery round now (after a commit that queued messages), once started. */
    public void wake() {
        if (started.get() && !stopping && wakePending.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    wakePending.set(false);
                    drainQuietly();
                });
            } catch (RejectedExecutionException stopped) {
                wakePending.set(false);
            }
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (Throwable e) {
            // Whatever went wrong, the next round tries again: leases expire, nothing is lost.
            log.error("Outbox delivery round failed: {}", e.getMessage(), e);
        }
    }

    /** Delivers every message that is due; returns how many messages were handled (sent, failed or deferred). */
    public int drain() {
        if (!draining.compareAndSet(false, true)) {
            return 0;
        }
        try {
            int handled = 0;
            while (!stopping) {
                List<Message> batch = claim();
                if (batch.isEmpty()) {
                    break;
                }
                int delivered = deliverAll(batch);
                handled += delivered;
                if (delivered == 0) {
                    break;
                }
            }
            return handled;
        } finally {
            draining.set(false);
        }
    }

    private List<Message> claim() {
        OffsetDateTime now = now();
        List<OutboxDao.Claimed> rows = jdbi.inTransaction(handle -> {
            OutboxDao dao = handle.attach(OutboxDao.class);
            List<Long> ids = dao.lockDue(now, settings.batchSize());
            if (ids.isEmpty()) {
                return List.of();
            }
            dao.claim(ids, instanceId, now.plus(settings.lease()));
            return dao.read(ids);
        });
        if (!rows.isEmpty()) {
            learnFromOtherInstances(now);
        }
        List<Message> messages = new ArrayList<>();
        for (OutboxDao.Claimed row : rows) {
            try {
                messages.add(new Message(row.id(), row.dedupKey(), row.method(), Outbox.fromJson(row.params()),
                        row.attempts(), row.firstAttemptAt(), row.outcomeUnknown()));
            } catch (IllegalStateException unreadable) {
                log.error("Outbox message {} has unreadable parameters; marking it failed", row.id());
                dao(dao -> dao.fail(row.id(), instanceId, "unreadable_params"));
            }
        }
        return messages;
    }

    /**
     * After a claim has committed (so that of two instances claiming at once at least the later sees the other):
     * the instances holding leases, this one included, each pace to their share of Slack's limits, counted at every
     * claim (every 2 s, two instances starting together overran the limit in between: 0.33-0.81 of it in the
     * benchmark); and the pauses any instance recorded hold this one too, and leave it no burst when they end
     * (or, ended within {@link #RECENT_PAUSE}, now).
     */
    private void learnFromOtherInstances(OffsetDateTime now) {
        List<OutboxDao.Pause> pauses = jdbi.withExtension(OutboxDao.class, dao -> {
            limiter.shareWith(dao.instancesDelivering(now));
            return dao.pauses(now.minus(RECENT_PAUSE));
        });
        for (OutboxDao.Pause pause : pauses) {
            Instant until = pause.pausedUntil().toInstant();
            if (clock.instant().isBefore(until)) {
                hold(pause.method(), until);
            } else {
                limiter.spend(pause.method());
            }
        }
    }

    /** Sends a claimed batch as fast as the rate limits allow, taking whichever message may go first. */
    private int deliverAll(List<Message> batch) {
        List<Message> pending = new ArrayList<>(batch);
        int handled = 0;
        try {
            while (!pending.isEmpty()) {
                Duration shortestWait = null;
                for (Iterator<Message> it = pending.iterator(); it.hasNext(); ) {
                    Message message = it.next();
                    if (stopping || paused(message.method())) {
                        release(message);
                        it.remove();
                        continue;
                    }
                    Duration wait = limiter.tryAcquire(message.method(), message.channel());
                    if (wait.isZero()) {
                        it.remove();
                        handled += deliver(message);
                    } else if (shortestWait == null || wait.compareTo(shortestWait) < 0) {
                        shortestWait = wait;
                    }
                }
                if (shortestWait != null && !pending.isEmpty()) {
                    limiter.ticker().sleep(shortestWait);
                }
            }
        } catch (InterruptedException e) {
            pending.forEach(this::release);
            Thread.currentThread().interrupt();
        }
        return handled;
    }

    private int deliver(Message message) throws InterruptedException {
        if (message.outcomeUnknown() && POST_MESSAGE.equals(message.method())) {
            Verdict verdict = settleUnknownOutcome(message);
            if (verdict != Verdict.SEND) {
                return verdict == Verdict.SETTLED ? 1 : 0;
            }
        }
        OffsetDateTime attemptAt = now();
        if (dao(dao -> dao.beginAttempt(message.id(), instanceId, attemptAt, attemptAt.plus(settings.lease()))) == 0) {
            log.debug("Outbox message {} was taken over by another instance", message.id());
            return 0;
        }
        Map<String, String> params = message.params();
        if (POST_MESSAGE.equals(message.method()) && !params.containsKey("metadata")) {
            params = new LinkedHashMap<>(params);
            params.put("metadata", PostedMessages.metadata(message.dedupKey()));
        }
        SlackSender.Result result = sender.send(message.method(), params);
        record(message, result, message.attempts() + 1);
        return 1;
    }

    /** What looking a message up in Slack decided. */
    private enum Verdict {
        /** Found and marked sent, or the lookup must wait: nothing to send now. */
        SETTLED,
        /** Not in Slack (or it cannot be told): send it. */
        SEND,
        /** Another instance holds the message now. */
        NOT_MINE
    }

    /** An earlier attempt's result was never learnt: look for the message in Slack before sending it again. */
    private Verdict settleUnknownOutcome(Message message) throws InterruptedException {
        OffsetDateTime now = now();
        if (dao(dao -> dao.renew(message.id(), instanceId, now.plus(settings.lease()))) == 0) {
            return Verdict.NOT_MINE;
        }
        Instant since = message.firstAttemptAt() == null ? clock.instant() : message.firstAttemptAt().toInstant();
        PostedMessages.Lookup lookup = postedMessages.find(message.channel(), message.dedupKey(), since);
        if (lookup instanceof PostedMessages.Found found) {
            log.info("Outbox message {} ({}) had reached Slack before its result was recorded; marking it sent",
                    message.id(), message.dedupKey());
            dao(dao -> dao.markSent(message.id(), instanceId, now(), found.channel(), found.ts()));
            return Verdict.SETTLED;
        }
        if (lookup instanceof PostedMessages.RateLimited limited) {
            Instant until = pause(limited.method(), limited.retryAfterSeconds());
            retryLater(message, until, "ratelimited (" + limited.method() + ")", true);
            return Verdict.SETTLED;
        }
        if (lookup instanceof PostedMessages.Unavailable unavailable) {
            retryLater(message, clock.instant().plus(backoff(Math.max(1, message.attempts()), settings.maxBackoff())),
                    unavailable.error(), true);
            return Verdict.SETTLED;
        }
        if (lookup instanceof PostedMessages.CannotCheck cannot) {
            log.warn("Cannot tell whether outbox message {} ({}) reached Slack ({}); sending it again", message.id(),
                    message.dedupKey(), cannot.error());
        }
        return Verdict.SEND;
    }

    private void record(Message message, SlackSender.Result result, int attempt) {
        if (result.ok()) {
            dao(dao -> dao.markSent(message.id(), instanceId, now(), result.channel(), result.ts()));
        } else if (result.rateLimited()) {
            Instant until = pause(message.method(), result.retryAfterSeconds());
            retryLater(message, until, "ratelimited", false);
        } else if (PERMANENT_ERRORS.contains(result.error())) {
            log.warn("Outbox message {} ({}) failed permanently: {}", message.id(), message.method(), result.error());
            dao(dao -> dao.fail(message.id(), instanceId, truncate(result.error())));
        } else {
            Duration backoff = backoff(attempt, settings.maxBackoff());
            log.info("Outbox message {} ({}) failed ({}); retrying in {} s", message.id(), message.method(),
                    result.error(), backoff.toSeconds());
            retryLater(message, clock.instant().plus(backoff), result.error(), result.outcomeUnknown());
        }
    }

    /** A lookup call made while settling an unknown outcome: paced, and held back while its method is paused. */
    private SlackSender.Result pacedCall(String method, Map<String, String> params) throws InterruptedException {
        Instant until = pausedUntil.get(method);
        if (until != null && clock.instant().isBefore(until)) {
            return SlackSender.Result.failed(429, "ratelimited",
                    Math.max(1, Duration.between(clock.instant(), until).toSeconds()));
        }
        limiter.acquire(method, params.get("channel"));
        return sender.send(method, params);
    }

    /** Holds {@code method} on every instance for {@code seconds}; returns until when. */
    private Instant pause(String method, long seconds) {
        Instant until = clock.instant().plusSeconds(Math.max(1, seconds));
        hold(method, until);
        OffsetDateTime at = Outbox.at(until, clock);
        String reason = "HTTP 429, Retry-After " + seconds + " s";
        dao(dao -> dao.insertPause(method, at, reason) + dao.extendPause(method, at, reason));
        log.info("Slack rate-limited {}; holding it for {} s", method, seconds);
        return until;
    }

    /** Holds {@code method} here until {@code until}, or longer if it already was. */
    private void hold(String method, Instant until) {
        pausedUntil.merge(method, until, (old, proposed) -> proposed.isAfter(old) ? proposed : old);
    }

    /** True while {@code method} is held; the first time it is found over, its burst is spent. */
    private boolean paused(String method) {
        Instant until = pausedUntil.get(method);
        if (until == null) {
            return false;
        }
        if (clock.instant().isBefore(until)) {
            return true;
        }
        if (pausedUntil.remove(method, until)) {
            limiter.spend(method);
        }
        return false;
    }

    /** 1 s, 2 s, 4 s … after the first, second, third attempt, capped at ten minutes. */
    static Duration backoff(int attempts) {
        return backoff(attempts, MAX_BACKOFF);
    }

    static Duration backoff(int attempts, Duration max) {
        long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        return seconds > max.toSeconds() ? max : Duration.ofSeconds(seconds);
    }

    private void retryLater(Message message, Instant at, String error, boolean outcomeUnknown) {
        OffsetDateTime when = Outbox.at(at, clock);
        dao(dao -> dao.retryLater(message.id(), instanceId, when, truncate(error), outcomeUnknown));
    }

    private void release(Message message) {
        dao(dao -> dao.release(message.id(), instanceId));
    }

    private int dao(Function<OutboxDao, Integer> change) {
        return jdbi.withExtension(OutboxDao.class, change::apply);
    }

    private OffsetDateTime now() {
        return Outbox.now(clock);
    }

    private static String truncate(String error) {
        String text = error == null ? "unknown" : error;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /** Queued, failed and sent counts. */
    public record Counts(long queued, long failed, long sent) {}

    public Counts counts() {
        return jdbi.withExtension(OutboxDao.class, dao ->
                new Counts(dao.count("queued"), dao.count("failed"), dao.count("sent")));
    }

    /**
     * Stops: the message being sent is finished and recorded, the rest of the batch is given back for another
     * round or instance, then the thread ends (interrupted if it takes longer than ten seconds).
     */
    @Override
    public void close() {
        stopping = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
