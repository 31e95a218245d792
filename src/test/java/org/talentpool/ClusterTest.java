package org.talentpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.config.PoolConfig;
import org.talentpool.schedule.ScheduledJob;
import org.talentpool.slack.Outbox;
import org.talentpool.slack.SlackMessages;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.TestDatabase;

/**
 * Two instances of the whole service on one PostgreSQL database, as in production behind a load balancer:
 * each scheduled job firing runs on one of them, and each outbox message is sent by one of them. PostgreSQL
 * only: an embedded H2 database serves one instance by design.
 */
class ClusterTest {
    private TestDatabase database;
    private FakeSlack slack;
    private final List<TalentPool> instances = new ArrayList<>();

    @BeforeEach
    void startTwoInstances() throws Exception {
        assumeTrue(TestDatabase.kinds().contains(TestDatabase.Kind.POSTGRESQL),
                "needs PostgreSQL: embedded H2 runs one instance by design, so there is no cluster to test");
        database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
        slack = new FakeSlack();
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_SIGNING_SECRET", ServiceHarness.SIGNING_SECRET);
        env.put("SLACK_BOT_TOKEN", ServiceHarness.BOT_TOKEN);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("DATABASE_URL", database.url());
        env.put("PORT", "0");
        env.put("POOL_ADMINS", ServiceHarness.ADMIN);
        for (int i = 0; i < 2; i++) {
            instances.add(TalentPool.start(PoolConfig.fromEnv(env), Clock.systemUTC()));
        }
    }

    @AfterEach
    void stop() {
        instances.forEach(TalentPool::close);
        if (slack != null) {
            slack.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private Jdbi jdbi() {
        return instances.get(0).database().jdbi();
    }

    /** A job both instances know, firing every second, counting where it ran. */
    private static final class Tick implements ScheduledJob {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public String name() {
            return "cluster-tick";
        }

        @Override
        public String cron() {
            return "* * * * * ?";
        }

        @Override
        public String description() {
            return "counts";
        }

        @Override
        public String run(Run run) {
            runs.incrementAndGet();
            return "ticked";
        }
    }

    private long runsOf(String job) {
        return jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM job_run WHERE job_name = :job")
                .bind("job", job).mapTo(Long.class).one());
    }

    @Test
    void eachFiringOfAJobRunsOnOneInstanceOnly() throws Exception {
        List<Tick> ticks = List.of(new Tick(), new Tick());
        for (int i = 0; i < 2; i++) {
            instances.get(i).scheduler().register(ticks.get(i));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> runsOf("cluster-tick") >= 6);
        instances.forEach(instance -> instance.scheduler().close());

        List<String> firedTwice = jdbi().withHandle(handle -> handle.createQuery("SELECT CAST(scheduled_for AS VARCHAR)"
                        + " FROM job_run WHERE job_name = 'cluster-tick' GROUP BY scheduled_for HAVING COUNT(*) > 1")
                .mapTo(String.class).list());
        assertThat(firedTwice).isEmpty();
        assertThat(ticks.get(0).runs.get() + ticks.get(1).runs.get()).isEqualTo(runsOf("cluster-tick"));
        List<String> outcomes = jdbi().withHandle(handle -> handle.createQuery(
                "SELECT DISTINCT outcome FROM job_run WHERE job_name = 'cluster-tick'").mapTo(String.class).list());
        assertThat(outcomes).containsExactly("succeeded");
    }

    @Test
    void aJobAnAdminRunsRunsOnceAcrossTheCluster() throws Exception {
        instances.get(0).scheduler().triggerNow("outbox-housekeeping", ServiceHarness.ADMIN);

        await().atMost(Duration.ofSeconds(30)).until(() -> runsOf("outbox-housekeeping") == 1);
        Thread.sleep(2000);
        assertThat(runsOf("outbox-housekeeping")).isEqualTo(1);
    }

    @Test
    void bothDispatchersSendEachMessageOnceEvenWhenOneInstanceStopsMidway() {
        List<String> recipients = IntStream.rangeClosed(1, 40).mapToObj(i -> String.format("U0CL%04d", i)).toList();
        slack.latency(Duration.ofMillis(20));
        Outbox outbox = new Outbox(Clock.systemUTC());
        jdbi().useTransaction(handle -> recipients.forEach(user ->
                outbox.enqueue(handle, SlackMessages.post("cluster-" + user, user, "hello", null))));

        await().atMost(Duration.ofSeconds(30)).until(() -> slack.calls("chat.postMessage").size() >= 10);
        instances.get(0).close();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbi(1).withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").mapTo(Integer.class).one()) == recipients.size());

        for (String user : recipients) {
            assertThat(slack.history(user)).as("messages to %s", user).hasSize(1);
        }
        assertThat(slack.calls("chat.postMessage")).hasSize(recipients.size());
    }

    private Jdbi jdbi(int instance) {
        return instances.get(instance).database().jdbi();
    }
}
