package org.talentpool.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.config.PoolConfig;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.MutableClock;

/** The outbox against a real database and the fake Slack, with time moved by hand. */
class OutboxDispatcherTest extends DatabaseTest {
    private static final OutboxDispatcher.Settings FAST =
            OutboxDispatcher.Settings.DEFAULTS.withLimits(SlackRateLimiter.Limits.unlimited());

    private FakeSlack slack;
    private MutableClock clock;
    private Outbox outbox;
    private WebApiSender webApi;
    private OutboxDispatcher dispatcher;
    private final List<OutboxDispatcher> dispatchers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        database.jdbi().useHandle(handle -> {
            handle.execute("DELETE FROM outbox");
            handle.execute("DELETE FROM outbox_pause");
        });
        clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        slack = new FakeSlack(clock);
        outbox = new Outbox(clock);
        var config = PoolConfig.fromEnv(Map.of("SLACK_API_URL", slack.apiUrl()));
        webApi = new WebApiSender(SlackAppFactory.slack(config), "xoxb-test");
        dispatcher = dispatcher("instance-a", webApi);
    }

    @AfterEach
    void tearDown() {
        dispatchers.forEach(OutboxDispatcher::close);
        dispatchers.clear();
        slack.close();
    }

    private OutboxDispatcher dispatcher(String instance, SlackSender sender) {
        return dispatcher(instance, sender, FAST, SlackRateLimiter.Ticker.SYSTEM);
    }

    private OutboxDispatcher dispatcher(String instance, SlackSender sender, OutboxDispatcher.Settings settings,
                                        SlackRateLimiter.Ticker ticker) {
        OutboxDispatcher created = new OutboxDispatcher(database.jdbi(), outbox, sender, clock, instance, settings,
                ticker);
        dispatchers.add(created);
        return created;
    }

    private void queue(String key, String channel, String text) {
        database.jdbi().useTransaction(handle ->
                outbox.enqueue(handle, SlackMessages.post(key, channel, text, null)));
    }

    private List<String> users(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("U%04d", i)).toList();
    }

    private void assertEachDeliveredOnce(List<String> recipients) {
        for (String recipient : recipients) {
            assertThat(slack.history(recipient)).as("messages in the DM with %s", recipient).hasSize(1);
        }
    }

    @Test
    void deliversQueuedMessagesOnceInOrder() {
        queue("a", "U1", "first");
        queue("b", "U1", "second");

        assertThat(dispatcher.drain()).isEqualTo(2);
        assertThat(dispatcher.drain()).isZero();

        assertThat(slack.messagesTo("U1")).extracting(call -> call.param("text")).containsExactly("first", "second");
        assertThat(slack.messagesTo("U1").get(0).token()).isEqualTo("xoxb-test");
        assertThat(dispatcher.counts()).isEqualTo(new OutboxDispatcher.Counts(0, 0, 2));
    }

    @Test
    void aMessageQueuedNowIsDueNowWhateverTheClockPrecision() {
        // Nanoseconds the database would round up to the next microsecond.
        clock.set(Instant.parse("2026-11-30T09:00:00.123456789Z"));
        queue("a", "U1", "one");

        assertThat(dispatcher.drain()).isEqualTo(1);
        assertEachDeliveredOnce(List.of("U1"));
    }

    @Test
    void everyPostCarriesItsDedupKeyAsMessageMetadata() {
        queue("booking-7-requested-U1", "U1", "hello");

        dispatcher.drain();

        FakeSlack.Posted posted = slack.history("U1").get(0);
        assertThat(posted.metadata().path("event_type").asText()).isEqualTo("talentpool_outbox");
        assertThat(posted.metadataKey()).isEqualTo("booking-7-requested-U1");
        String resultChannel = database.jdbi().withHandle(handle ->
                handle.createQuery("SELECT result_channel FROM outbox").mapTo(String.class).one());
        assertThat(resultChannel).isEqualTo(FakeSlack.dmChannel("U1"));
    }

    @Test
    void theSameEventIsQueuedOnce() {
        queue("booking-1-created-U1", "U1", "hello");
        queue("booking-1-created-U1", "U1", "hello again");

        dispatcher.drain();

        assertThat(slack.messagesTo("U1")).hasSize(1);
    }

    @Test
    void aRolledBackChangeQueuesNothing() {
        try {
            database.jdbi().useTransaction(handle -> {
                outbox.enqueue(handle, SlackMessages.post("k", "U1", "never", null));
                throw new IllegalStateException("change failed");
            });
        } catch (IllegalStateException expected) {
            // the change and its message roll back together
        }

        assertThat(dispatcher.drain()).isZero();
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void rateLimitWaitsForRetryAfterThenDeliversEverythingOnce() {
        queue("a", "U1", "one");
        queue("b", "U2", "two");
        slack.failNext("chat.postMessage", 1, 429, 30);

        dispatcher.drain();
        assertThat(slack.calls("chat.postMessage")).hasSize(1);

        clock.advance(Duration.ofSeconds(29));
        dispatcher.drain();
        assertThat(slack.calls("chat.postMessage")).hasSize(1);

        clock.advance(Duration.ofSeconds(2));
        dispatcher.drain();
        assertThat(slack.messagesTo("U1")).hasSize(2);
        assertThat(slack.messagesTo("U2")).hasSize(1);
        assertEachDeliveredOnce(List.of("U1", "U2"));
        assertThat(dispatcher.counts()).isEqualTo(new OutboxDispatcher.Counts(0, 0, 2));
    }

    @Test
    void aRateLimitHoldsThatMethodOnEveryInstanceButNotOtherMethods() {
        queue("a", "U1", "one");
        database.jdbi().useTransaction(handle -> outbox.enqueue(handle,
                new OutboxMessage("home-U2", "views.publish", Map.of("user_id", "U2", "view", "{\"type\":\"home\"}"))));
        slack.failNext("chat.postMessage", 1, 429, 30);
        dispatcher.drain();
        queue("b", "U3", "three");

        OutboxDispatcher other = dispatcher("instance-b", webApi);
        other.drain();

        assertThat(slack.calls("chat.postMessage")).as("only the rate-limited call").hasSize(1);
        assertThat(slack.calls("views.publish")).hasSize(1);
        clock.advance(Duration.ofSeconds(31));
        other.drain();
        assertEachDeliveredOnce(List.of("U1", "U3"));
    }

    @Test
    void serverErrorsBackOffExponentially() {
        queue("a", "U1", "one");
        slack.failNext("chat.postMessage", 3, 500, 0);

        dispatcher.drain();
        clock.advance(Duration.ofSeconds(1));
        dispatcher.drain();
        clock.advance(Duration.ofSeconds(2));
        dispatcher.drain();
        assertThat(slack.calls("chat.postMessage")).hasSize(3);
        dispatcher.drain();
        assertThat(slack.calls("chat.postMessage")).as("waits 4 s before the fourth try").hasSize(3);

        clock.advance(Duration.ofSeconds(4));
        dispatcher.drain();
        assertThat(slack.calls("chat.postMessage")).hasSize(4);
        assertThat(dispatcher.counts().sent()).isEqualTo(1);
        assertEachDeliveredOnce(List.of("U1"));
    }

    @Test
    void aMessageSlackPostedButAnsweredWith500IsNotPostedAgain() {
        queue("a", "U1", "one");
        slack.failAfterPostingNext("chat.postMessage", 1, 500);

        dispatcher.drain();
        assertThat(dispatcher.counts().queued()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        dispatcher.drain();

        assertThat(slack.calls("chat.postMessage")).hasSize(1);
        assertThat(slack.calls("conversations.history")).hasSize(1);
        assertThat(slack.calls("conversations.history").get(0).param("include_all_metadata")).isEqualTo("true");
        assertEachDeliveredOnce(List.of("U1"));
        assertThat(dispatcher.counts()).isEqualTo(new OutboxDispatcher.Counts(0, 0, 1));
    }

    @Test
    void aCrashBetweenSendAndMarkDoesNotSendTwiceAndLosesNothing() {
        List<String> recipients = users(6);
        recipients.forEach(user -> queue("event-1-" + user, user, "hello " + user));
        AtomicInteger sends = new AtomicInteger();
        SlackSender crashesAfterThirdSend = (method, params) -> {
            SlackSender.Result result = webApi.send(method, params);
            if (sends.incrementAndGet() == 3) {
                throw new SimulatedCrash();
            }
            return result;
        };
        OutboxDispatcher crashing = dispatcher("instance-a", crashesAfterThirdSend);

        assertThatThrownBy(crashing::drain).isInstanceOf(SimulatedCrash.class);
        assertThat(slack.calls("chat.postMessage")).hasSize(3);

        OutboxDispatcher restarted = dispatcher("instance-b", webApi);
        assertThat(restarted.drain()).as("the dead instance's lease still holds").isZero();
        clock.advance(OutboxDispatcher.Settings.DEFAULTS.lease().plusSeconds(1));
        restarted.drain();

        assertEachDeliveredOnce(recipients);
        assertThat(slack.calls("chat.postMessage")).as("the crashed message is found, not sent again").hasSize(6);
        assertThat(slack.calls("conversations.history")).hasSize(1);
        assertThat(restarted.counts()).isEqualTo(new OutboxDispatcher.Counts(0, 0, 6));
    }

    @Test
    void aCrashBeforeSlackGotTheMessageSendsItOnce() {
        queue("a", "U1", "one");
        SlackSender diesBeforeSending = (method, params) -> {
            throw new SimulatedCrash();
        };
        assertThatThrownBy(dispatcher("instance-a", diesBeforeSending)::drain).isInstanceOf(SimulatedCrash.class);

        clock.advance(OutboxDispatcher.Settings.DEFAULTS.lease().plusSeconds(1));
        dispatcher.drain();

        assertThat(slack.calls("conversations.history")).as("looked for it first").hasSize(1);
        assertEachDeliveredOnce(List.of("U1"));
    }

    @Test
    void closingTheDispatcherWhileItSendsLosesAndDuplicatesNothing() throws Exception {
        List<String> recipients = users(30);
        recipients.forEach(user -> queue("event-2-" + user, user, "hello " + user));
        AtomicInteger sends = new AtomicInteger();
        CountDownLatch sixthInFlight = new CountDownLatch(1);
        CountDownLatch finishSixth = new CountDownLatch(1);
        SlackSender gated = (method, params) -> {
            if (sends.incrementAndGet() == 6) {
                sixthInFlight.countDown();
                try {
                    finishSixth.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return webApi.send(method, params);
        };
        OutboxDispatcher first = dispatcher("instance-a", gated);
        first.start(Duration.ofMillis(20));
        assertThat(sixthInFlight.await(30, TimeUnit.SECONDS)).isTrue();

        Thread closing = new Thread(first::close);
        closing.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> closing.getState() == Thread.State.TIMED_WAITING);
        finishSixth.countDown();
        closing.join(30_000);

        assertThat(first.counts().sent()).as("the message in flight is finished and recorded").isEqualTo(6);
        long stillClaimed = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM outbox WHERE claimed_by IS NOT NULL").mapTo(Long.class).one());
        assertThat(stillClaimed).as("the rest of the batch is given back at once").isZero();
        OutboxDispatcher second = dispatcher("instance-b", webApi);
        second.drain();

        assertEachDeliveredOnce(recipients);
        assertThat(slack.calls("chat.postMessage")).hasSize(30);
        assertThat(second.counts()).isEqualTo(new OutboxDispatcher.Counts(0, 0, 30));
    }

    @Test
    void twoDispatchersDrainingOneQueueDeliverEachMessageOnce() throws Exception {
        List<String> recipients = users(120);
        recipients.forEach(user -> queue("event-3-" + user, user, "hello " + user));
        slack.latency(Duration.ofMillis(2));
        OutboxDispatcher.Settings smallBatches = FAST.withBatchSize(10);
        List<OutboxDispatcher> pair = List.of(dispatcher("instance-a", webApi, smallBatches,
                SlackRateLimiter.Ticker.SYSTEM), dispatcher("instance-b", webApi, smallBatches,
                SlackRateLimiter.Ticker.SYSTEM));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> handled = new ArrayList<>();
            for (OutboxDispatcher each : pair) {
                handled.add(threads.submit(() -> {
                    go.await();
                    int total = 0;
                    while (each.counts().queued() > 0) {
                        total += each.drain();
                    }
                    return total;
                }));
            }
            go.countDown();
            int first = handled.get(0).get(60, TimeUnit.SECONDS);
            int second = handled.get(1).get(60, TimeUnit.SECONDS);

            assertThat(first + second).isEqualTo(120);
            assertThat(first).as("both took part").isPositive();
            assertThat(second).as("both took part").isPositive();
        } finally {
            threads.shutdownNow();
        }
        assertEachDeliveredOnce(recipients);
        assertThat(slack.calls("chat.postMessage")).hasSize(120);
    }

    @Test
    void permanentErrorsAreRecordedNotRetried() {
        queue("a", "U1", "one");
        slack.errorNext("chat.postMessage", 1, "account_inactive");

        dispatcher.drain();
        clock.advance(Duration.ofHours(1));
        dispatcher.drain();

        assertThat(slack.calls("chat.postMessage")).hasSize(1);
        assertThat(dispatcher.counts()).isEqualTo(new OutboxDispatcher.Counts(0, 1, 0));
        String error = database.jdbi().withHandle(handle ->
                handle.createQuery("SELECT last_error FROM outbox").mapTo(String.class).one());
        assertThat(error).isEqualTo("account_inactive");
    }

    @Test
    void aRevokedTokenHoldsMessagesInsteadOfFailingThem() {
        queue("a", "U1", "one");
        slack.errorNext("chat.postMessage", 2, "token_revoked");

        dispatcher.drain();
        clock.advance(Duration.ofSeconds(1));
        dispatcher.drain();
        assertThat(dispatcher.counts()).isEqualTo(new OutboxDispatcher.Counts(1, 0, 0));

        clock.advance(Duration.ofSeconds(2));
        dispatcher.drain();
        assertThat(dispatcher.counts()).isEqualTo(new OutboxDispatcher.Counts(0, 0, 1));
        assertThat(slack.calls("conversations.history")).as("Slack refused: nothing to look up").isEmpty();
    }

    @Test
    void pacesEachChannelAndEachMethod() {
        FakeTicker ticker = new FakeTicker();
        List<String> sentAt = new ArrayList<>();
        SlackSender timed = (method, params) -> {
            sentAt.add(params.get("channel") + "@" + ticker.nanos() / 1_000_000);
            return webApi.send(method, params);
        };
        var limits = new SlackRateLimiter.Limits(Map.of("chat.postMessage", new SlackRateLimiter.Rate(4, 3)),
                new SlackRateLimiter.Rate(100, 100), new SlackRateLimiter.Rate(1, 2));
        OutboxDispatcher paced = dispatcher("instance-a", timed, FAST.withLimits(limits), ticker);
        // delivered once (a new instance starts at the sustained rate), then idle: every burst is back
        queue("pace-first", "C9", "hi");
        paced.drain();
        sentAt.clear();
        ticker.advance(Duration.ofMinutes(1));
        long idle = ticker.nanos() / 1_000_000;
        List<String> channels = List.of("C1", "C1", "C1", "C2", "C3");
        for (int i = 0; i < channels.size(); i++) {
            queue("pace-" + i, channels.get(i), "hi");
        }

        paced.drain();

        // The method bursts three then allows one every 250 ms, so C3 waits 250 ms; each channel bursts two
        // then allows one a second, so C1's third waits a second. C2 and C3 do not wait behind C1.
        assertThat(sentAt).containsExactly("C1@" + idle, "C1@" + idle, "C2@" + idle, "C3@" + (idle + 250),
                "C1@" + (idle + 1000));
        assertThat(ticker.slept).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anInstanceDeliveringBesideAnotherPacesToHalfTheLimit() {
        FakeTicker ticker = new FakeTicker();
        List<Long> sentAt = new ArrayList<>();
        SlackSender timed = (method, params) -> {
            sentAt.add(ticker.nanos() / 1_000_000);
            return webApi.send(method, params);
        };
        var limits = new SlackRateLimiter.Limits(Map.of("chat.postMessage", new SlackRateLimiter.Rate(4, 2)),
                new SlackRateLimiter.Rate(100, 100), new SlackRateLimiter.Rate(100, 100));
        OutboxDispatcher paced = dispatcher("instance-a", timed, FAST.withLimits(limits), ticker);
        ticker.advance(Duration.ofMinutes(1));
        long idle = ticker.nanos() / 1_000_000;
        // instance-b holds the lease of a message it is delivering
        queue("theirs", "C0", "hi");
        database.jdbi().useHandle(handle -> handle.createUpdate("UPDATE outbox SET claimed_by = 'instance-b',"
                + " claimed_until = :until WHERE dedup_key = 'theirs'").bind("until",
                clock.instant().plusSeconds(60).atOffset(java.time.ZoneOffset.UTC)).execute());
        for (int i = 1; i <= 4; i++) {
            queue("ours-" + i, "C" + i, "hi");
        }

        paced.drain();

        // alone it would send two at once, then one every 250 ms; sharing with instance-b, one every 500 ms
        assertThat(sentAt).containsExactly(idle, idle + 500, idle + 1000, idle + 1500);
        assertThat(slack.history("C0")).as("instance-b's message is left to it").isEmpty();
    }

    @Test
    void afterAPauseAnInstanceSendsWithoutABurstWhicheverInstanceWasAnswered429() {
        FakeTicker ticker = new FakeTicker();
        List<Long> sentAt = new ArrayList<>();
        SlackSender timed = (method, params) -> {
            SlackSender.Result result = webApi.send(method, params);
            if (result.ok()) {
                sentAt.add(ticker.nanos() / 1_000_000);
            }
            return result;
        };
        var limits = new SlackRateLimiter.Limits(Map.of("chat.postMessage", new SlackRateLimiter.Rate(4, 3)),
                new SlackRateLimiter.Rate(100, 100), new SlackRateLimiter.Rate(100, 100));
        OutboxDispatcher paced = dispatcher("instance-a", timed, FAST.withLimits(limits), ticker);
        ticker.advance(Duration.ofMinutes(1));
        // instance-b was answered 429 and held chat.postMessage until a moment ago
        database.jdbi().useHandle(handle -> handle.attach(OutboxDao.class).insertPause("chat.postMessage",
                clock.instant().minusMillis(500).atOffset(java.time.ZoneOffset.UTC), "HTTP 429, Retry-After 1 s"));
        for (int i = 1; i <= 3; i++) {
            queue("after-theirs-" + i, "C" + i, "hi");
        }
        long idle = ticker.nanos() / 1_000_000;

        paced.drain();

        // its burst would have sent all three at once; Slack's count has just run out, so one every 250 ms
        assertThat(sentAt).containsExactly(idle, idle + 250, idle + 500);

        // now this instance is answered 429 (Retry-After 1 s): once the pause is over, no burst either
        sentAt.clear();
        ticker.advance(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        slack.failNext("chat.postMessage", 1, 429, 1);
        for (int i = 1; i <= 3; i++) {
            queue("after-ours-" + i, "D" + i, "hi");
        }
        paced.drain();
        assertThat(sentAt).as("held").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        idle = ticker.nanos() / 1_000_000;
        paced.drain();
        assertThat(sentAt).containsExactly(idle, idle + 250, idle + 500);
    }

    @Test
    void backoffDoublesUpToTenMinutes() {
        assertThat(OutboxDispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(OutboxDispatcher.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(OutboxDispatcher.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(OutboxDispatcher.backoff(30)).isEqualTo(Duration.ofMinutes(10));
    }

    /** The process dying: nothing after the throw runs, nothing is recorded. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    /** Wall time that moves only when the dispatcher sleeps. */
    static final class FakeTicker implements SlackRateLimiter.Ticker {
        private long nanos;
        Duration slept = Duration.ZERO;

        @Override
        public synchronized long nanos() {
            return nanos;
        }

        @Override
        public synchronized void sleep(Duration duration) {
            nanos += duration.toNanos();
            slept = slept.plus(duration);
        }

        /** Time passing without anyone sleeping: a limiter made before has been idle for {@code duration}. */
        synchronized void advance(Duration duration) {
            nanos += duration.toNanos();
        }
    }
}
