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
 */
public final class SlackRateLimiter {
    static final String POST_MESSAGE = "chat.postMessage";
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
    /** How many instances deliver at once, sharing each method's limit ({@link #shareWith}). */
    private int sharedBy = 1;

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
     * not shared: a channel's messages queued together are claimed, and sent, by one instance.
     */
    public synchronized void shareWith(int instances) {
        sharedBy = Math.max(1, instances);
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
        Rate methodRate = share(limits.forMethod(method));
        String channelKey = POST_MESSAGE.equals(method) && channel != null ? method + " " + channel : null;
        long wait = waitNanos(method, methodRate, now);
        if (channelKey != null) {
            wait = Math.max(wait, waitNanos(channelKey, limits.postMessagePerChannel(), now));
        }
        if (wait > 0) {
            return Duration.ofNanos(wait);
        }
        take(method, methodRate, now);
        if (channelKey != null) {
            take(channelKey, limits.postMessagePerChannel(), now);
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

    private long waitNanos(String key, Rate rate, long now) {
        Long next = nextCallAt.get(key);
        long arrival = next == null || next - now < 0 ? now : next;
        long tolerance = (rate.burst() - 1) * rate.intervalNanos();
        long allowedAt = arrival - tolerance;
        return Math.max(0, allowedAt - now);
    }

    private void take(String key, Rate rate, long now) {
        Long next = nextCallAt.get(key);
        long arrival = next == null || next - now < 0 ? now : next;
        nextCallAt.put(key, arrival + rate.intervalNanos());
    }
}
