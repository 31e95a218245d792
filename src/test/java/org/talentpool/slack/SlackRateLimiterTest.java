package org.talentpool.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token buckets per method and per channel, on a ticker moved by hand. */
class SlackRateLimiterTest {
    private final OutboxDispatcherTest.FakeTicker ticker = new OutboxDispatcherTest.FakeTicker();
    private static final SlackRateLimiter.Limits LIMITS = new SlackRateLimiter.Limits(
            Map.of("chat.postMessage", new SlackRateLimiter.Rate(10, 5)),
            SlackRateLimiter.Rate.perMinute(60, 2),
            new SlackRateLimiter.Rate(1, 3));
    private final SlackRateLimiter limiter = new SlackRateLimiter(LIMITS, ticker);

    /** The tests below start from a limiter used once, then idle long enough to have every burst back. */
    @BeforeEach
    void usedThenIdle() {
        assertThat(limiter.tryAcquire("auth.test", null)).isZero();
        ticker.advance(Duration.ofMinutes(1));
    }

    @Test
    void aLimiterStartsWithItsBurstSpentWhenFirstUsedHoweverLongAfterItWasMade() {
        SlackRateLimiter madeEarly = new SlackRateLimiter(LIMITS, ticker);
        ticker.advance(Duration.ofSeconds(30));

        assertThat(madeEarly.tryAcquire("chat.postMessage", "C1")).isZero();
        assertThat(madeEarly.tryAcquire("chat.postMessage", "C2")).as("no burst: ten a second")
                .isEqualTo(Duration.ofMillis(100));
        ticker.advance(Duration.ofMillis(100));
        assertThat(madeEarly.tryAcquire("chat.postMessage", "C2")).isZero();
        ticker.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            assertThat(madeEarly.tryAcquire("chat.postMessage", "C1" + i)).as("idle after use: the burst is back")
                    .isZero();
        }
    }

    @Test
    void aNewLimiterStartsWithEachMethodsBurstSpentButNotAChannels() {
        SlackRateLimiter fresh = new SlackRateLimiter(LIMITS, ticker);
        assertThat(fresh.tryAcquire("chat.postMessage", "C1")).isZero();
        assertThat(fresh.tryAcquire("chat.postMessage", "C2")).as("no burst: ten a second")
                .isEqualTo(Duration.ofMillis(100));
        assertThat(fresh.tryAcquire("views.publish", null)).as("each method starts so").isZero();
        assertThat(fresh.tryAcquire("views.publish", null)).isEqualTo(Duration.ofSeconds(1));
        ticker.advance(Duration.ofMillis(100));
        assertThat(fresh.tryAcquire("chat.postMessage", "C1")).as("a channel's burst is whole").isZero();
        ticker.advance(Duration.ofMillis(100));
        assertThat(fresh.tryAcquire("chat.postMessage", "C1")).isZero();
        ticker.advance(Duration.ofMillis(100));
        assertThat(fresh.tryAcquire("chat.postMessage", "C1")).as("three a channel, then one a second")
                .isEqualTo(Duration.ofMillis(700));

        ticker.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            assertThat(fresh.tryAcquire("chat.postMessage", "C1" + i)).as("idle: the burst is back").isZero();
        }
        assertThat(fresh.tryAcquire("chat.postMessage", "C9")).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aChannelBurstsThenGetsOneMessageASecond() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("chat.postMessage", "C1")).isZero();
        }
        assertThat(limiter.tryAcquire("chat.postMessage", "C1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("chat.postMessage", "C2")).as("other channels are not held").isZero();

        ticker.sleep(Duration.ofMillis(999));
        assertThat(limiter.tryAcquire("chat.postMessage", "C1")).isEqualTo(Duration.ofMillis(1));
        ticker.sleep(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("chat.postMessage", "C1")).isZero();
        assertThat(limiter.tryAcquire("chat.postMessage", "C1")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theMethodLimitHoldsAcrossChannels() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("chat.postMessage", "C" + i)).isZero();
        }
        assertThat(limiter.tryAcquire("chat.postMessage", "C9")).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void otherMethodsShareTheirOwnTier() {
        assertThat(limiter.tryAcquire("views.publish", null)).isZero();
        assertThat(limiter.tryAcquire("views.publish", null)).isZero();
        assertThat(limiter.tryAcquire("views.publish", null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("chat.update", "C1")).as("each method has its own bucket").isZero();
    }

    @Test
    void instancesDeliveringAtOnceShareEachMethodsLimitButNotAChannels() {
        limiter.shareWith(2);
        // chat.postMessage: 10 a second in bursts of 5, shared by two: 5 a second in bursts of 2
        assertThat(limiter.tryAcquire("chat.postMessage", "C1")).isZero();
        assertThat(limiter.tryAcquire("chat.postMessage", "C2")).isZero();
        assertThat(limiter.tryAcquire("chat.postMessage", "C3")).isEqualTo(Duration.ofMillis(200));
        ticker.sleep(Duration.ofMillis(200));
        assertThat(limiter.tryAcquire("chat.postMessage", "C1")).as("a channel still bursts three").isZero();

        limiter.shareWith(0);
        ticker.sleep(Duration.ofMillis(200));
        assertThat(limiter.tryAcquire("chat.postMessage", "C4")).isZero();
        assertThat(limiter.tryAcquire("chat.postMessage", "C5")).as("counted alone once: still shared")
                .isEqualTo(Duration.ofMillis(200));

        ticker.sleep(SlackRateLimiter.SHARE_HELD);
        limiter.shareWith(1);
        assertThat(limiter.tryAcquire("chat.postMessage", "C4")).as("alone for a while: the whole limit").isZero();
        assertThat(limiter.tryAcquire("chat.postMessage", "C5")).isZero();
        assertThat(limiter.tryAcquire("chat.postMessage", "C6")).isZero();
    }

    @Test
    void aShareHoldsWhileTheOtherInstancesAreCountedNowAndThen() {
        limiter.shareWith(2);
        ticker.advance(SlackRateLimiter.SHARE_HELD.dividedBy(2));
        limiter.shareWith(1);
        ticker.advance(SlackRateLimiter.SHARE_HELD.dividedBy(2));
        limiter.shareWith(2);
        ticker.advance(SlackRateLimiter.SHARE_HELD.minusMillis(1));
        limiter.shareWith(1);
        // 10 a second in bursts of 5, shared by two: bursts of 2
        assertThat(limiter.tryAcquire("chat.postMessage", "C1")).isZero();
        assertThat(limiter.tryAcquire("chat.postMessage", "C2")).isZero();
        assertThat(limiter.tryAcquire("chat.postMessage", "C3")).isEqualTo(Duration.ofMillis(200));

        ticker.advance(Duration.ofMillis(1));
        limiter.shareWith(1);
        assertThat(limiter.tryAcquire("chat.postMessage", "C3")).as("the other gone for a while").isZero();
    }

    @Test
    void spendingAMethodsBurstLeavesItTheSustainedRate() {
        limiter.spend("chat.postMessage");
        assertThat(limiter.tryAcquire("chat.postMessage", "C1")).isZero();
        assertThat(limiter.tryAcquire("chat.postMessage", "C2")).isEqualTo(Duration.ofMillis(100));
        assertThat(limiter.tryAcquire("views.publish", null)).as("other methods keep theirs").isZero();
        assertThat(limiter.tryAcquire("views.publish", null)).isZero();

        ticker.advance(Duration.ofMillis(300));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("chat.postMessage", "C1" + i)).as("it refills while idle").isZero();
        }
        assertThat(limiter.tryAcquire("chat.postMessage", "C9")).isPositive();
    }

    @Test
    void aRefusedCallTakesNoSlot() {
        limiter.tryAcquire("views.publish", null);
        limiter.tryAcquire("views.publish", null);
        limiter.tryAcquire("views.publish", null);
        limiter.tryAcquire("views.publish", null);

        ticker.sleep(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("views.publish", null)).isZero();
    }

    @Test
    void acquireSleepsUntilTheSlotIsFree() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("chat.postMessage", "C1");
        }
        limiter.acquire("chat.postMessage", "C1");
        assertThat(ticker.slept).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void idleTimeRefillsTheBurstButNoMore() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("chat.postMessage", "C1");
        }
        ticker.sleep(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("chat.postMessage", "C1")).isZero();
        }
        assertThat(limiter.tryAcquire("chat.postMessage", "C1")).isPositive();
    }

    @Test
    void ratesMustBePositive() {
        assertThatThrownBy(() -> new SlackRateLimiter.Rate(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlackRateLimiter.Rate(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
