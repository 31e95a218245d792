package org.talentpool.schedule;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code job_run} table: one row per run of a scheduled job, on whichever instance ran it. */
public final class JobRuns {
    private final Jdbi jdbi;
    private final Clock clock;

    public JobRuns(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public enum Outcome { RUNNING, SUCCEEDED, FAILED, INTERRUPTED }

    /** A recorded run. {@code outcome} and {@code firedBy} are the lower-case enum names. */
    public record JobRun(long id, String jobName, String firedBy, String requestedBy, OffsetDateTime scheduledFor,
                         OffsetDateTime startedAt, OffsetDateTime finishedAt, String instanceId, String outcome,
                         String detail) {
        public Outcome outcomeValue() {
            return Outcome.valueOf(outcome.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Records that a run started. Quartz never runs two runs of one job at once across the cluster, so a run
     * of the same job still marked running was cut short by its instance stopping: it is marked interrupted.
     */
    public long started(String jobName, ScheduledJob.Run run, String instanceId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbi.inTransaction(handle -> {
            Dao dao = handle.attach(Dao.class);
            dao.interruptRunning(jobName, now, "stopped before finishing (its instance shut down or crashed)");
            return dao.insert(jobName, run.firedBy().name().toLowerCase(Locale.ROOT), run.requestedBy().orElse(null),
                    OffsetDateTime.ofInstant(run.scheduledFor(), clock.getZone()), now, instanceId);
        });
    }

    public void finished(long id, Outcome outcome, String detail) {
        jdbi.useExtension(Dao.class, dao -> dao.finish(id, outcome.name().toLowerCase(Locale.ROOT),
                OffsetDateTime.now(clock), truncate(detail)));
    }

    public Optional<JobRun> last(String jobName) {
        return jdbi.withExtension(Dao.class, dao -> dao.recent(jobName, 1)).stream().findFirst();
    }

    /** The most recent runs of a job, newest first. */
    public List<JobRun> recent(String jobName, int limit) {
        return jdbi.withExtension(Dao.class, dao -> dao.recent(jobName, limit));
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 999) + "…";
    }

    @RegisterConstructorMapper(JobRun.class)
    public interface Dao {
        @SqlUpdate("INSERT INTO job_run (job_name, fired_by, requested_by, scheduled_for, started_at, instance_id,"
                + " outcome) VALUES (:job, :firedBy, :requestedBy, :scheduledFor, :now, :instance, 'running')")
        @GetGeneratedKeys("id")
        long insert(@Bind("job") String job, @Bind("firedBy") String firedBy, @Bind("requestedBy") String requestedBy,
                    @Bind("scheduledFor") OffsetDateTime scheduledFor, @Bind("now") OffsetDateTime now,
                    @Bind("instance") String instance);

        @SqlUpdate("UPDATE job_run SET outcome = 'interrupted', finished_at = :now, detail = :detail"
                + " WHERE job_name = :job AND outcome = 'running'")
        int interruptRunning(@Bind("job") String job, @Bind("now") OffsetDateTime now, @Bind("detail") String detail);

        @SqlUpdate("UPDATE job_run SET outcome = :outcome, finished_at = :now, detail = :detail WHERE id = :id")
        void finish(@Bind("id") long id, @Bind("outcome") String outcome, @Bind("now") OffsetDateTime now,
                    @Bind("detail") String detail);

        @SqlQuery("SELECT * FROM job_run WHERE job_name = :job ORDER BY id DESC LIMIT :limit")
        List<JobRun> recent(@Bind("job") String job, @Bind("limit") int limit);
    }
}
