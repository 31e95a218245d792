package org.talentpool.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.MutableClock;

/** The outbox against a real database and the fake Slack, with time moved by hand. */
class OutboxDispatcherTest extends DatabaseTest {
    private FakeSlack slack;
    private MutableClock clock;
    private Outbox outbox;
    private OutboxDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        database.jdbi().useHandle(handle -> handle.execute("DELETE FROM outbox"));
        slack = new FakeSlack();
        clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        outbox = new Outbox(clock);
        var config = org.talentpool.config.PoolConfig.fromEnv(Map.of("SLACK_API_URL", slack.apiUrl()));
        dispatcher = new OutboxDispatcher(database.jdbi(), outbox,
                new WebApiSender(SlackAppFactory.slack(config), "xoxb-test"), clock, "test-instance");
    }

    @AfterEach
    void tearDown() {
        dispatcher.close();
        slack.close();
    }

    private void queue(String key, String channel, String text) {
        database.jdbi().useTransaction(handle ->
                outbox.enqueue(handle, SlackMessages.post(key, channel, text, null)));
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
        assertThat(dispatcher.counts()).isEqualTo(new OutboxDispatcher.Counts(0, 0, 2));
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
    void backoffDoublesUpToTenMinutes() {
        assertThat(OutboxDispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(OutboxDispatcher.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(OutboxDispatcher.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(OutboxDispatcher.backoff(30)).isEqualTo(Duration.ofMinutes(10));
    }
}
