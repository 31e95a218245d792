package org.talentpool.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PendingSearchesTest {
    /** An executor that keeps what it is given until the test runs it. */
    private final List<Runnable> queued = new ArrayList<>();
    private final AtomicInteger turnedAway = new AtomicInteger();
    private final PendingSearches searches = new PendingSearches(3, queued::add, turnedAway::incrementAndGet);

    @Test
    void searchesBeyondTheLimitAreTurnedAwayUntilOneHasRun() {
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThat(searches.offer(ran::incrementAndGet)).isTrue();
        }

        assertThat(searches.offer(ran::incrementAndGet)).isFalse();
        assertThat(searches.offer(ran::incrementAndGet)).isFalse();
        assertThat(turnedAway).hasValue(2);
        assertThat(queued).hasSize(3);
        assertThat(searches.pending()).isEqualTo(3);

        queued.remove(0).run();
        assertThat(ran).hasValue(1);
        assertThat(searches.pending()).isEqualTo(2);
        assertThat(searches.offer(ran::incrementAndGet)).isTrue();
        assertThat(searches.offer(ran::incrementAndGet)).isFalse();
        assertThat(turnedAway).hasValue(3);
    }

    @Test
    void aSearchThatFailsFreesItsPlace() {
        searches.offer(() -> {
            throw new IllegalStateException("database down");
        });

        assertThatThrownBy(() -> queued.get(0).run()).hasMessage("database down");
        assertThat(searches.pending()).isZero();
    }

    @Test
    void aSearchTheExecutorRefusesIsNotLeftPending() {
        Executor stopped = task -> {
            throw new RejectedExecutionException("stopping");
        };
        PendingSearches refused = new PendingSearches(1, stopped, turnedAway::incrementAndGet);

        assertThatThrownBy(() -> refused.offer(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThat(refused.pending()).isZero();
        assertThat(turnedAway).hasValue(0);
    }

    @Test
    void theLimitIsPositive() {
        assertThatThrownBy(() -> new PendingSearches(0, queued::add, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
