package org.talentpool.slack;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Paces the outbox under Slack's Web API limits: a rate per method (Slack's tiers), and for
 * {@code chat.postMessage} also about one message a second per channel with short bursts. Each limit is a
 * token bucket (GCRA): {@code burst} calls at once, then {@code perSecond}. Time is wall time from a
 * {@link Ticker}, not the business clock: pacing is about how fast we call Slack, and tests replace the
 * ticker instead of sleeping.
 *
 * <p>Each instance paces itself, to its share of each method's limit when several deliver at once
 * ({@link #shareWith}); Slack may still answer 429 now and then, which the dispatcher honours for every instance.
 * A new limiter starts with each method's burst spent: it cannot know what other instances, or the process it
 * replaces, have just spent of Slack's, so it starts at the sustained rate and bursts only after idling. (Two
 * instances starting together each spent a whole burst at once and were answered 429, which held the method for
 * every instance for a second.) It starts when it is first used, not when it is made: an instance is made before
 * it delivers (its first claim alone took longer than a burst lasts), and had its whole burst back by then. A
 * channel's burst is not spent at the start: one instance sends a channel's messages.
 */
public final class SlackRateLimiter {
    static final String POST_MESSAGE = "chat.postMessage";
    /**
     * How long a share lasts after the instances were last counted that many ({@link #shareWith}): an instance
     * between two batches holds no lease and is not counted, and the other, taking the whole limit for its next
     * batch, overran Slack's.
     */
    static final Duration SHARE_HELD = Duration.ofSeconds(2);
    private static final int PRUNE_ABOVE = 10_000;

    /** A sustained rate and how many calls may go at once. */
    public record Rate(double perSecond, int burst) {
        public Rate {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("A rate needs perSecond > 0 and burst >= 1");
            }
        }

        /** Slack's "Tier n" as calls a minute, with a short burst. */
        public static Rate perMinute(int calls, int burst) {
            return new Rate(calls / 60.0, burst);
        }

        long intervalNanos() {
            return (long) (1_000_000_000L / perSecond);
        }
    }

    /** The limits to keep: per method (others get {@code otherMethods}), and per channel for chat.postMessage. */
    public record Limits(Map<String, Rate> perMethod, Rate otherMethods, Rate postMessagePerChannel) {
        public Limits {
            perMethod = Map.copyOf(perMethod);
        }

        /**
         * Slack's published limits, kept a little under: chat.postMessage one a second per channel (bursts of
         * three) and a few hundred a minute per workspace; Tier 4 (100+/min) for views.publish and users.info;
         * Tier 3 (50+/min) for everything else, e.g. chat.update and conversations.history.
         */
        public static final Limits SLACK = new Limits(Map.of(
                POST_MESSAGE, new Rate(4, 10),
                "views.publish", Rate.perMinute(100, 10),
                "users.info", Rate.perMinute(100, 10)),
                Rate.perMinute(50, 5),
                new Rate(1, 3));

        /** So generous that tests never wait, unless they are about pacing. */
        public static Limits unlimited() {
            Rate huge = new Rate(1_000_000, 1_000_000);
            return new Limits(Map.of(), huge, huge);
        }

        Rate forMethod(String method) {
            return perMethod.getOrDefault(method, otherMethods);
        }
    }

    /** Wall time and waiting; {@link #SYSTEM} in production, a fake in tests. */
    public interface Ticker {
        long nanos();

        void sleep(Duration duration) throws InterruptedException;

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(Math.max(1, duration.toMillis()));
            }
        };
    }

    private final Limits limits;
    private final Ticker ticker;
    /** Per key, the "theoretical arrival time" of the next call (GCRA), in ticker nanos. */
    private final Map<String, Long> nextCallAt = new HashMap<>();
    /**
     * When the limiter was first used ({@link #tryAcquire}), in ticker nanos (null before): each method's burst
     * counts as spent then.
     */
    private Long startedAt;
    /** How many instances deliver at once, sharing each method's limit ({@link #shareWith}). */
    private int sharedBy = 1;
    /** When {@link #sharedBy} instances were last counted, in ticker nanos. */
    private long sharedSeenAt;

    public SlackRateLimiter(Limits limits, Ticker ticker) {
        this.limits = limits;
        this.ticker = ticker;
    }

    public Ticker ticker() {
        return ticker;
    }

    /**
     * Paces each method to its share of the limit while {@code instances} instances deliver at once (at least one):
     * Slack counts a method's calls across the workspace, whichever instance makes them. Each channel's limit is
     * not shared: a channel's messages queued together are claimed, and sent, by one instance. More instances count
     * at once; fewer only once no more have been counted for {@link #SHARE_HELD}.
     */
    public synchronized void shareWith(int instances) {
        int counted = Math.max(1, instances);
        long now = ticker.nanos();
        if (counted >= sharedBy) {
            sharedBy = counted;
            sharedSeenAt = now;
        } else if (now - sharedSeenAt >= SHARE_HELD.toNanos()) {
            sharedBy = counted;
            sharedSeenAt = now;
        }
    }

    /**
     * Spends {@code method}'s burst now: its next calls go at the sustained rate. For the end of a pause after Slack
     * answered 429 (to this instance, or to another, as read from the pause it recorded): Slack's count has just run
     * out. Without this, every instance came back from a pause with a whole burst, together, and was answered 429
     * again a second later.
     */
    public synchronized void spend(String method) {
        long at = ticker.nanos() + tolerance(share(limits.forMethod(method)));
        Long next = nextCallAt.get(method);
        if (next == null || next - at < 0) {
            nextCallAt.put(method, at);
        }
    }

    /** A method's rate as this instance's share of it. */
    private Rate share(Rate rate) {
        return sharedBy == 1 ? rate : new Rate(rate.perSecond() / sharedBy, Math.max(1, rate.burst() / sharedBy));
    }

    /**
     * Takes a slot for one call of {@code method} (to {@code channel}, for chat.postMessage) and returns zero;
     * or, when a limit is reached, takes nothing and returns how long until the call may go.
     */
    public synchronized Duration tryAcquire(String method, String channel) {
        long now = ticker.nanos();
        if (startedAt == null) {
            startedAt = now;
        }
        Rate methodRate = share(limits.forMethod(method));
        String channelKey = POST_MESSAGE.equals(method) && channel != null ? method + " " + channel : null;
        long wait = waitNanos(method, methodRate, now, true);
        if (channelKey != null) {
            wait = Math.max(wait, waitNanos(channelKey, limits.postMessagePerChannel(), now, false));
        }
        if (wait > 0) {
            return Duration.ofNanos(wait);
        }
        take(method, methodRate, now, true);
        if (channelKey != null) {
            take(channelKey, limits.postMessagePerChannel(), now, false);
        }
        if (nextCallAt.size() > PRUNE_ABOVE) {
            nextCallAt.values().removeIf(at -> at - now <= 0);
        }
        return Duration.ZERO;
    }

    /** Waits (sleeping on the ticker) until a call of {@code method} may go, and takes its slot. */
    public void acquire(String method, String channel) throws InterruptedException {
        Duration wait;
        while (!(wait = tryAcquire(method, channel)).isZero()) {
            ticker.sleep(wait);
        }
    }

    private long waitNanos(String key, Rate rate, long now, boolean method) {
        long allowedAt = arrival(key, rate, now, method) - tolerance(rate);
        return Math.max(0, allowedAt - now);
    }

    private void take(String key, Rate rate, long now, boolean method) {
        nextCallAt.put(key, arrival(key, rate, now, method) + rate.intervalNanos());
    }

    /**
     * The key's theoretical arrival time (GCRA): when its next call is due at the sustained rate, never before now.
     * A method not called yet has the burst it would have had, had it spent one when the limiter was first used.
     */
    private long arrival(String key, Rate rate, long now, boolean method) {
        Long next = nextCallAt.get(key);
        long started = startedAt == null ? now : startedAt;
        long earliest = method && started + tolerance(rate) - now > 0 ? started + tolerance(rate) : now;
        return next == null || next - earliest < 0 ? earliest : next;
    }

    /** How far ahead of now a key's arrival time may be and a call still go: the burst beyond the first call. */
    private static long tolerance(Rate rate) {
        return (rate.burst() - 1) * rate.intervalNanos();
    }
}
