package org.talentpool.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.EndToEndTest;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;

/** {@code /pool-admin jobs}, {@code run-job} and {@code outbox} over signed HTTP, and the outbox in {@code /health}. */
class OperationsCommandsTest extends EndToEndTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static SlackClient.Reply admin(String text) {
        return slack().command(ServiceHarness.ADMIN, "/pool-admin", text);
    }

    private static void outboxRow(String key, String status, Duration age, String error, int attempts,
                                  Duration nextAttemptIn) {
        OffsetDateTime now = OffsetDateTime.ofInstant(service.clock().instant(), ZoneOffset.UTC);
        OffsetDateTime at = now.minus(age);
        service.jdbi().useHandle(handle -> handle.createUpdate("INSERT INTO outbox (dedup_key, method, params, status,"
                        + " attempts, next_attempt_at, created_at, sent_at, last_error, last_attempt_at) VALUES (:key,"
                        + " 'chat.postMessage', '{\"channel\":\"U0NOBODY\",\"text\":\"hi\"}', :status, :attempts, :next,"
                        + " :at, :sentAt, :error, :at)")
                .bind("key", key).bind("status", status).bind("attempts", attempts).bind("at", at)
                .bind("next", now.plus(nextAttemptIn)).bind("sentAt", status.equals("sent") ? at : null)
                .bind("error", error)
                .execute());
    }

    private static List<String> outboxKeys() {
        return service.jdbi().withHandle(handle -> handle.createQuery("SELECT dedup_key FROM outbox ORDER BY dedup_key")
                .mapTo(String.class).list());
    }

    /** Databases keep microseconds, rounded: ages come out exact when the clock is on a whole second. */
    private static void wholeSeconds() {
        service.clock().set(service.clock().instant().truncatedTo(ChronoUnit.SECONDS));
    }

    private static List<String> auditActions() {
        return service.jdbi().withHandle(handle -> handle.createQuery("SELECT action FROM audit_log ORDER BY id")
                .mapTo(String.class).list());
    }

    private static List<JobRuns.JobRun> housekeepingRuns() {
        return service.pool().scheduler().runs().recent("outbox-housekeeping", 10);
    }

    @Test
    void jobsListsEachJobWithWhatItDoesAndItsNextRunInThePoolTimeZone() {
        ZonedDateTime now = ZonedDateTime.now(LONDON);
        ZonedDateTime next = now.toLocalDate().atTime(3, 30).atZone(LONDON);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }

        SlackClient.Reply reply = admin("jobs");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(reply.text())
                .contains("times in Europe/London")
                .contains("`outbox-housekeeping`")
                .contains("deletes sent Slack messages older than 30 days")
                .contains("Next: " + DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.UK).format(next))
                .contains("Last: never run");
    }

    @Test
    void runJobRunsItOnceAuditsItAndJobsShowsHowItWent() {
        outboxRow("sent-40-days", "sent", Duration.ofDays(40), null, 1, Duration.ZERO);
        outboxRow("sent-2-days", "sent", Duration.ofDays(2), null, 1, Duration.ZERO);
        outboxRow("failed-40-days", "failed", Duration.ofDays(40), "user_not_found", 1, Duration.ZERO);

        SlackClient.Reply reply = admin("run-job Outbox-Housekeeping");

        assertThat(reply.text()).contains("Running `outbox-housekeeping` now");
        await().atMost(Duration.ofSeconds(30)).until(() -> !housekeepingRuns().isEmpty()
                && housekeepingRuns().get(0).outcomeValue() == JobRuns.Outcome.SUCCEEDED);
        JobRuns.JobRun run = housekeepingRuns().get(0);
        assertThat(run.firedBy()).isEqualTo("admin");
        assertThat(run.requestedBy()).isEqualTo(ServiceHarness.ADMIN);
        assertThat(outboxKeys()).containsExactly("failed-40-days", "sent-2-days");
        var audit = service.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT actor || ' ' || action || ' ' || subject_type || ' ' || subject_id FROM audit_log")
                .mapTo(String.class).list());
        assertThat(audit).containsExactly(ServiceHarness.ADMIN + " job.run-requested job outbox-housekeeping");

        assertThat(admin("jobs").text())
                .contains("run by <@" + ServiceHarness.ADMIN + ">")
                .contains("*succeeded*: deleted 1 sent message older than");
    }

    @Test
    void runJobWithoutANameExplainsWithAnExampleAndTheJobs() {
        SlackClient.Reply reply = admin("run-job");

        assertThat(reply.text()).contains("Say which job to run, for example `/pool-admin run-job outbox-housekeeping`")
                .contains("Jobs: `outbox-housekeeping`");
        assertThat(housekeepingRuns()).isEmpty();
    }

    @Test
    void anUnknownJobGetsTheListOfJobsAndRunsNothing() throws Exception {
        SlackClient.Reply reply = admin("run-job nightly <!channel>");

        assertThat(reply.text()).contains("There is no job called `nightly &lt;!channel&gt;`")
                .contains("Jobs: `outbox-housekeeping`")
                .doesNotContain("<!channel>");
        Thread.sleep(300);
        assertThat(housekeepingRuns()).isEmpty();
        assertThat(auditActions()).isEmpty();
    }

    @Test
    void onlyAdminsCanRunJobs() throws Exception {
        SlackClient.Reply reply = slack().command("U0MEMBER1", "/pool-admin", "run-job outbox-housekeeping");

        assertThat(reply.text()).contains("Only community admins");
        Thread.sleep(300);
        assertThat(housekeepingRuns()).isEmpty();
        assertThat(auditActions()).containsExactly("admin.refused");
    }

    @Test
    void outboxShowsCountsTheOldestQueuedAndTheLatestFailuresWithTheirErrorCodes() {
        wholeSeconds();
        outboxRow("booking-9-requested-U0NOBODY", "queued", Duration.ofMinutes(10), "http_500", 3,
                Duration.ofHours(1));
        outboxRow("join-4-posted-CADMINS01", "failed", Duration.ofMinutes(30), "channel_not_found", 1, Duration.ZERO);
        outboxRow("sent-1", "sent", Duration.ofMinutes(5), null, 1, Duration.ZERO);
        outboxRow("sent-2", "sent", Duration.ofMinutes(6), null, 2, Duration.ZERO);

        SlackClient.Reply reply = admin("outbox");

        assertThat(reply.text())
                .contains("*Outbox*: 1 queued (1 being retried; oldest 10 min), 1 failed, 2 sent.")
                .contains("`http_500` — chat.postMessage `booking-9-requested-U0NOBODY` · being retried · 3 attempts")
                .contains("`channel_not_found` — chat.postMessage `join-4-posted-CADMINS01` · failed for good · 1 attempt");
    }

    @Test
    void anEmptyOutboxSaysSo() {
        assertThat(admin("outbox").text()).contains("*Outbox*: 0 queued, 0 failed, 0 sent.").contains("No failures.");
    }

    @Test
    void healthReportsTheOutboxBacklogWithoutFailingOnIt() {
        wholeSeconds();
        outboxRow("booking-9-requested-U0NOBODY", "queued", Duration.ofHours(3), "http_500", 9, Duration.ofHours(1));

        SlackClient.Reply health = service.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("outbox").path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("outbox").path("queued").asInt()).isEqualTo(1);
        assertThat(health.json().path("outbox").path("oldestQueuedSeconds").asLong()).isEqualTo(3 * 3600);
    }

    @Test
    void theHelpListsTheAdminCommands() {
        assertThat(admin("").text()).contains("/pool-admin jobs").contains("/pool-admin run-job outbox-housekeeping")
                .contains("/pool-admin outbox");
    }
}
