package org.talentpool.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.DatabaseTest;

/** Quartz on the app's database (H2 and PostgreSQL): registration, time zones, misfires, runs recorded. */
class PoolSchedulerTest extends DatabaseTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final List<PoolScheduler> schedulers = new ArrayList<>();

    /** A job that counts its runs and can be told to fail. */
    static final class RecordingJob implements ScheduledJob {
        final List<Run> runs = new CopyOnWriteArrayList<>();
        private final String name;
        private final String cron;
        volatile RuntimeException failure;

        RecordingJob(String name, String cron) {
            this.name = name;
            this.cron = cron;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String cron() {
            return cron;
        }

        @Override
        public String description() {
            return "counts its runs";
        }

        @Override
        public String run(Run run) {
            runs.add(run);
            if (failure != null) {
                throw failure;
            }
            return "run " + runs.size();
        }
    }

    @BeforeEach
    void emptyTables() {
        database.jdbi().useHandle(handle -> {
            handle.execute("DELETE FROM job_run");
            for (String table : List.of("qrtz_fired_triggers", "qrtz_cron_triggers", "qrtz_simple_triggers",
                    "qrtz_simprop_triggers", "qrtz_blob_triggers", "qrtz_triggers", "qrtz_job_details",
                    "qrtz_scheduler_state")) {
                handle.execute("DELETE FROM " + table);
            }
        });
    }

    @AfterEach
    void stopSchedulers() {
        schedulers.forEach(PoolScheduler::close);
    }

    private PoolScheduler scheduler(String instance, ZoneId zone) throws Exception {
        PoolScheduler scheduler = new PoolScheduler(database.dataSource(), zone, instance,
                new JobRuns(database.jdbi(), Clock.systemUTC()));
        schedulers.add(scheduler);
        return scheduler;
    }

    private List<JobRuns.JobRun> runs(PoolScheduler scheduler, String job) {
        return scheduler.runs().recent(job, 100);
    }

    @Test
    void aJobMissedWhileEveryInstanceWasDownRunsOnceWhenAnInstanceStarts() throws Exception {
        PoolScheduler first = scheduler("instance-a", LONDON);
        first.register(new RecordingJob("nightly", "0 30 3 * * ?"));
        first.close();
        // As if the trigger had been stored a week ago and every instance had been down since the 03:30 two
        // days ago: it missed that run, yesterday's, and (after 03:30) today's.
        Instant missed = ZonedDateTime.now(LONDON).minusDays(2).toLocalDate().atTime(3, 30).atZone(LONDON).toInstant();
        database.jdbi().useHandle(handle -> handle.execute("UPDATE qrtz_triggers SET next_fire_time = ?,"
                + " start_time = ? WHERE trigger_name = 'nightly'", missed.toEpochMilli(),
                missed.minus(Duration.ofDays(7)).toEpochMilli()));

        PoolScheduler second = scheduler("instance-b", LONDON);
        RecordingJob nightly = new RecordingJob("nightly", "0 30 3 * * ?");
        second.register(nightly);
        second.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> runs(second, "nightly").size() == 1);
        Thread.sleep(1500);
        assertThat(nightly.runs).as("fired once, not once per missed time").hasSize(1);
        JobRuns.JobRun run = runs(second, "nightly").get(0);
        assertThat(run.outcome()).isEqualTo("succeeded");
        assertThat(run.firedBy()).isEqualTo("schedule");
        assertThat(run.instanceId()).isEqualTo("instance-b");
        assertThat(run.detail()).isEqualTo("run 1");
        assertThat(second.jobs().get(0).nextRun()).hasValueSatisfying(next ->
                assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(25))));
    }

    @Test
    void cronFiresInThePoolTimeZone() throws Exception {
        for (ZoneId zone : List.of(LONDON, ZoneId.of("America/New_York"))) {
            emptyTables();
            PoolScheduler scheduler = scheduler("instance-" + zone.getId().length(), zone);
            scheduler.register(new RecordingJob("nightly", "0 30 3 * * ?"));

            ZonedDateTime now = ZonedDateTime.now(zone);
            ZonedDateTime expected = now.toLocalDate().atTime(3, 30).atZone(zone);
            if (!expected.isAfter(now)) {
                expected = now.toLocalDate().plusDays(1).atTime(3, 30).atZone(zone);
            }
            assertThat(scheduler.jobs().get(0).nextRun()).contains(expected.toInstant());
            scheduler.close();
        }
    }

    @Test
    void runNowRunsTheJobOnceAndRecordsWhoAsked() throws Exception {
        PoolScheduler scheduler = scheduler("instance-a", LONDON);
        RecordingJob job = new RecordingJob("nightly", "0 30 3 * * ?");
        scheduler.register(job);
        scheduler.start();

        assertThat(scheduler.triggerNow("nightly", "UADMIN01")).isTrue();
        assertThat(scheduler.triggerNow("no-such-job", "UADMIN01")).isFalse();

        await().atMost(Duration.ofSeconds(30)).until(() -> !runs(scheduler, "nightly").isEmpty()
                && !runs(scheduler, "nightly").get(0).outcome().equals("running"));
        assertThat(job.runs).hasSize(1);
        assertThat(job.runs.get(0).firedBy()).isEqualTo(ScheduledJob.FiredBy.ADMIN);
        assertThat(job.runs.get(0).requestedBy()).contains("UADMIN01");
        JobRuns.JobRun run = runs(scheduler, "nightly").get(0);
        assertThat(run.firedBy()).isEqualTo("admin");
        assertThat(run.requestedBy()).isEqualTo("UADMIN01");
        assertThat(run.finishedAt()).isNotNull();
        assertThat(scheduler.jobs().get(0).nextRun()).as("the schedule is unchanged").isPresent();
    }

    @Test
    void aFailingRunIsRecordedAndTheScheduleCarriesOn() throws Exception {
        PoolScheduler scheduler = scheduler("instance-a", LONDON);
        RecordingJob job = new RecordingJob("fragile", "0 30 3 * * ?");
        job.failure = new IllegalStateException("database said no");
        scheduler.register(job);
        scheduler.start();

        scheduler.triggerNow("fragile", "UADMIN01");

        await().atMost(Duration.ofSeconds(30)).until(() -> !runs(scheduler, "fragile").isEmpty()
                && runs(scheduler, "fragile").get(0).outcome().equals("failed"));
        assertThat(runs(scheduler, "fragile").get(0).detail()).isEqualTo("IllegalStateException: database said no");
        assertThat(scheduler.jobs().get(0).nextRun()).isPresent();
        assertThat(scheduler.isRunning()).isTrue();
    }

    @Test
    void aChangedScheduleReplacesTheStoredTrigger() throws Exception {
        PoolScheduler first = scheduler("instance-a", LONDON);
        first.register(new RecordingJob("nightly", "0 30 3 * * ?"));
        first.close();

        PoolScheduler second = scheduler("instance-b", LONDON);
        second.register(new RecordingJob("nightly", "0 45 4 * * ?"));

        assertThat(second.jobs().get(0).nextRun()).hasValueSatisfying(next ->
                assertThat(next.atZone(LONDON).toLocalTime()).hasToString("04:45"));
    }

    @Test
    void badNamesAndCronExpressionsAreRefusedAtRegistration() throws Exception {
        PoolScheduler scheduler = scheduler("instance-a", LONDON);

        assertThatThrownBy(() -> scheduler.register(new RecordingJob("Weekly Reset", "0 5 0 ? * MON")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case words");
        assertThatThrownBy(() -> scheduler.register(new RecordingJob("weekly-reset", "every monday")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weekly-reset")
                .hasMessageContaining("cron");
        scheduler.register(new RecordingJob("weekly-reset", "0 5 0 ? * MON"));
        assertThatThrownBy(() -> scheduler.register(new RecordingJob("weekly-reset", "0 5 0 ? * MON")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
    }

    @Test
    void aRunLeftRunningByAStoppedInstanceIsMarkedInterruptedWhenTheNextStarts() {
        JobRuns runs = new JobRuns(database.jdbi(), Clock.systemUTC());
        long abandoned = runs.started("nightly", ScheduledJob.Run.scheduled(Instant.now()), "instance-a");

        long next = runs.started("nightly", ScheduledJob.Run.scheduled(Instant.now()), "instance-b");
        runs.finished(next, JobRuns.Outcome.SUCCEEDED, "done");

        List<JobRuns.JobRun> recent = runs.recent("nightly", 10);
        assertThat(recent).extracting(JobRuns.JobRun::id).containsExactly(next, abandoned);
        assertThat(recent).extracting(JobRuns.JobRun::outcome).containsExactly("succeeded", "interrupted");
        assertThat(runs.last("nightly")).map(JobRuns.JobRun::detail).contains("done");
    }
}
