package org.talentpool.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.EndToEndTest;
import org.talentpool.testing.FakeSlack;

/**
 * The running service's own dispatcher against a fake Slack that rate-limits and fails for a while: once
 * Slack recovers every message has reached its recipient, exactly once.
 */
class OutboxDeliveryTest extends EndToEndTest {

    private static long count(String status) {
        return service.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM outbox WHERE status = :status")
                .bind("status", status).mapTo(Long.class).one());
    }

    @Test
    void everyMessageReachesSlackOnceThroughRateLimitsAndServerErrors() {
        List<String> recipients = IntStream.rangeClosed(1, 15).mapToObj(i -> String.format("U0RCPT%02d", i)).toList();
        fakeSlack().failNext("chat.postMessage", 3, 429, 2)
                .failAfterPostingNext("chat.postMessage", 2, 500)
                .failNext("chat.postMessage", 4, 500, 0);
        Outbox outbox = new Outbox(service.clock());
        service.jdbi().useTransaction(handle -> recipients.forEach(user -> outbox.enqueue(handle,
                SlackMessages.post("digest-2026-w49-" + user, user, "Your bookings this week", null))));

        // Backoff and Retry-After run on the service's clock: move it on while Slack recovers.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            service.clock().advance(Duration.ofSeconds(1));
            return count("sent") == recipients.size();
        });

        for (String user : recipients) {
            List<FakeSlack.Posted> messages = fakeSlack().history(user);
            assertThat(messages).as("messages to %s", user).hasSize(1);
            assertThat(messages.get(0).metadataKey()).isEqualTo("digest-2026-w49-" + user);
        }
        assertThat(fakeSlack().calls("chat.postMessage"))
                .as("15 delivered, 7 refused and retried; the 2 posted despite a 500 were found, not re-sent")
                .hasSize(22);
        assertThat(fakeSlack().calls("conversations.history")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(count("queued")).isZero();
        assertThat(count("failed")).isZero();
    }

    @Test
    void aGoneRecipientIsRecordedAsFailedAndTheOthersStillArrive() {
        fakeSlack().deletedUser("U0GONE01");
        Outbox outbox = new Outbox(service.clock());
        service.jdbi().useTransaction(handle -> {
            outbox.enqueue(handle, SlackMessages.post("note-1-U0GONE01", "U0GONE01", "hello", null));
            outbox.enqueue(handle, SlackMessages.post("note-1-U0HERE01", "U0HERE01", "hello", null));
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> count("sent") == 1 && count("failed") == 1);

        assertThat(fakeSlack().history("U0HERE01")).hasSize(1);
        assertThat(slack().command(org.talentpool.testing.ServiceHarness.ADMIN, "/pool-admin", "outbox").text())
                .contains("`user_not_found` — chat.postMessage `note-1-U0GONE01` · failed for good");
    }
}
