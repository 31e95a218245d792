package org.talentpool.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slack requests and slow work take turns for the database's connections. */
class WorkPermitsTest {
    private final AtomicInteger waitedOut = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void requestsBeyondThePermitsWaitTheirTurnInOrder() throws Exception {
        WorkPermits permits = new WorkPermits(1, waitedOut::incrementAndGet);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> permits.request(() -> {
            holding.countDown();
            release.await();
            return "first";
        }));
        holding.await();
        List<String> ran = new CopyOnWriteArrayList<>();
        Future<?> second = threads.submit(() -> permits.request(() -> ran.add("second")));
        await().until(() -> hasQueued(permits, 1));
        Future<?> third = threads.submit(() -> permits.request(() -> ran.add("third")));
        await().until(() -> hasQueued(permits, 2));
        assertThat(ran).as("both wait while the permit is held").isEmpty();

        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        second.get(5, TimeUnit.SECONDS);
        third.get(5, TimeUnit.SECONDS);
        assertThat(ran).containsExactly("second", "third");
        assertThat(waitedOut).hasValue(0);
        assertThat(permits.available()).isEqualTo(1);
    }

    @Test
    void aRequestWaitsNoLongerThanItsLimitThenRunsWithoutAPermit() throws Exception {
        WorkPermits permits = new WorkPermits(1, waitedOut::incrementAndGet);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        threads.submit(() -> permits.request(() -> {
            holding.countDown();
            return release.await(30, TimeUnit.SECONDS);
        }));
        holding.await();

        long started = System.nanoTime();
        String answer = permits.request(() -> "answered");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer).isEqualTo("answered");
        assertThat(waited).isBetween(WorkPermits.REQUEST_WAIT.minusMillis(50), WorkPermits.REQUEST_WAIT.plusSeconds(2));
        assertThat(waitedOut).hasValue(1);
        release.countDown();
        await().until(() -> permits.available() == 1);
    }

    @Test
    void aFailingRequestGivesItsPermitBack() {
        WorkPermits permits = new WorkPermits(2, waitedOut::incrementAndGet);

        assertThatThrownBy(() -> permits.request(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(permits.available()).isEqualTo(2);
    }

    @Test
    void slowWorkHoldsAPermitWhileItRunsAndRequestsWaitForIt() throws Exception {
        WorkPermits permits = new WorkPermits(1, waitedOut::incrementAndGet);
        ExecutorService slowWork = permits.slowWork(2, "slow-work-test");
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            List<String> ran = new CopyOnWriteArrayList<>();
            slowWork.execute(() -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ran.add("slow 1");
            });
            running.await();
            slowWork.execute(() -> ran.add("slow 2"));
            Future<?> request = threads.submit(() -> permits.request(() -> ran.add("request")));
            await().until(() -> hasQueued(permits, 2));
            assertThat(permits.available()).isZero();
            assertThat(ran).isEmpty();

            release.countDown();

            request.get(5, TimeUnit.SECONDS);
            await().until(() -> ran.size() == 3);
            assertThat(ran.get(0)).isEqualTo("slow 1");
            assertThat(ran).containsExactlyInAnyOrder("slow 1", "slow 2", "request");
            await().until(() -> permits.available() == 1);
            assertThat(waitedOut).hasValue(0);
        } finally {
            slowWork.shutdownNow();
        }
    }

    @Test
    void permitsMustBePositive() {
        assertThatThrownBy(() -> new WorkPermits(0, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean hasQueued(WorkPermits permits, int threads) {
        return permits.queueLength() == threads;
    }
}
