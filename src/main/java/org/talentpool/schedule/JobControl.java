package org.talentpool.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quartz.SchedulerException;
import org.talentpool.persistence.AuditLog;

/** What admins can see and do with scheduled jobs: list them with their runs, run one now (audited). */
public final class JobControl {
    private final PoolScheduler scheduler;
    private final AuditLog audit;

    public JobControl(PoolScheduler scheduler, AuditLog audit) {
        this.scheduler = scheduler;
        this.audit = audit;
    }

    /** A job with its next scheduled run and its last recorded run (on any instance). */
    public record JobStatus(String name, String description, String cron, Optional<Instant> nextRun,
                            Optional<JobRuns.JobRun> lastRun) {}

    public List<JobStatus> jobs() throws SchedulerException {
        List<JobStatus> result = new ArrayList<>();
        for (PoolScheduler.JobInfo job : scheduler.jobs()) {
            result.add(new JobStatus(job.name(), job.description(), job.cron(), job.nextRun(),
                    scheduler.runs().last(job.name())));
        }
        return result;
    }

    public List<String> names() throws SchedulerException {
        return scheduler.jobs().stream().map(PoolScheduler.JobInfo::name).toList();
    }

    /** The answer to a run-now request. */
    public sealed interface RunRequest permits Triggered, UnknownJob {}

    public record Triggered(String name) implements RunRequest {}

    public record UnknownJob(String name, List<String> known) implements RunRequest {}

    /** Asks the cluster to run a job now, once; the request is audited with the admin's ID. */
    public RunRequest runNow(String name, String adminUserId) throws SchedulerException {
        if (!scheduler.triggerNow(name, adminUserId)) {
            return new UnknownJob(name, names());
        }
        audit.record(AuditLog.Change.of(adminUserId, "job.run-requested", "job", name)
                .detail("/pool-admin run-job " + name));
        return new Triggered(name);
    }
}
