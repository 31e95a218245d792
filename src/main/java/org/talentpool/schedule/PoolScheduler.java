package org.talentpool.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz on the application's own database: JDBC job store, clustered, so several instances on one
 * PostgreSQL run each job once. Cron triggers fire in the pool's time zone; a trigger missed while every
 * instance was down fires once when the service comes back ("fire once now"). Jobs come from
 * {@link ScheduledJob}s through a job factory, not statics, and every run is recorded in {@link JobRuns}.
 */
public final class PoolScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PoolScheduler.class);
    static final String SCHEDULER_NAME = "TalentPool";
    static final String GROUP = "talentpool";
    static final String REQUESTED_BY = "requestedBy";
    private static final Pattern JOB_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Scheduler scheduler;
    private final ZoneId zone;
    private final String instanceId;
    private final JobRuns runs;
    private final Map<String, ScheduledJob> jobs = new LinkedHashMap<>();
    private final String dataSourceName = "talentpool-" + UUID.randomUUID();

    public PoolScheduler(DataSource dataSource, ZoneId zone, String instanceId, JobRuns runs)
            throws SchedulerException {
        this.zone = zone;
        this.instanceId = instanceId;
        this.runs = runs;
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new SharedDataSource(dataSource));
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        properties.setProperty("org.quartz.scheduler.instanceId", instanceId);
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", "2");
        properties.setProperty("org.quartz.threadPool.threadNamePrefix", "quartz-" + instanceId);
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        StdSchedulerFactory factory = new StdSchedulerFactory(properties);
        this.scheduler = factory.getScheduler();
        // Quartz keeps one scheduler per name in a JVM-wide registry; this instance owns its own, so that
        // tests can run several instances of the service (one cluster) in one JVM.
        SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
        scheduler.setJobFactory((bundle, owner) -> new Runner(this, bundle.getJobDetail().getKey().getName()));
    }

    /**
     * Adds a job, or updates its schedule when its cron expression or the pool's time zone changed. Every
     * instance registers the same jobs; the trigger is stored once, so the first instance's stays (with its
     * next fire time, so a run missed while every instance was down still fires once at start-up).
     */
    public void register(ScheduledJob job) throws SchedulerException {
        if (!JOB_NAME.matcher(job.name()).matches()) {
            throw new IllegalArgumentException("Job name '" + job.name()
                    + "' must be lower-case words joined by hyphens, e.g. weekly-reset");
        }
        try {
            CronExpression.validateExpression(job.cron());
        } catch (ParseException e) {
            throw new IllegalArgumentException("Job " + job.name() + " has an invalid cron expression '"
                    + job.cron() + "': " + e.getMessage(), e);
        }
        synchronized (jobs) {
            if (jobs.containsKey(job.name()) && jobs.get(job.name()) != job) {
                throw new IllegalStateException("Job " + job.name() + " is registered twice");
            }
            jobs.put(job.name(), job);
        }
        JobDetail detail = JobBuilder.newJob(Runner.class)
                .withIdentity(job.name(), GROUP)
                .withDescription(job.description())
                .storeDurably()
                .requestRecovery()
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(job.name(), GROUP)
                .forJob(detail)
                .withSchedule(CronScheduleBuilder.cronSchedule(job.cron())
                        .inTimeZone(TimeZone.getTimeZone(zone))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.addJob(detail, true);
        Trigger existing = scheduler.getTrigger(trigger.getKey());
        if (existing == null) {
            try {
                scheduler.scheduleJob(trigger);
            } catch (ObjectAlreadyExistsException raced) {
                log.debug("Trigger {} was scheduled by another instance", job.name());
            }
        } else if (!sameSchedule(existing, job)) {
            log.info("Schedule of job {} changed to '{}' in {}", job.name(), job.cron(), zone);
            scheduler.rescheduleJob(trigger.getKey(), trigger);
        }
    }

    private boolean sameSchedule(Trigger existing, ScheduledJob job) {
        return existing instanceof CronTrigger cron && cron.getCronExpression().equals(job.cron())
                && cron.getTimeZone().getID().equals(zone.getId())
                && cron.getMisfireInstruction() == CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW;
    }

    public void start() throws SchedulerException {
        scheduler.start();
    }

    /** True when the scheduler is running (started, not paused, not shut down). */
    public boolean isRunning() {
        try {
            return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
        } catch (SchedulerException e) {
            return false;
        }
    }

    public String instanceId() {
        return instanceId;
    }

    public ZoneId zone() {
        return zone;
    }

    public JobRuns runs() {
        return runs;
    }

    /** A registered job and its next scheduled run. */
    public record JobInfo(String name, String description, String cron, Optional<Instant> nextRun) {}

    /** The jobs registered on this instance, in registration order. */
    public List<JobInfo> jobs() throws SchedulerException {
        List<JobInfo> result = new ArrayList<>();
        for (ScheduledJob job : registered()) {
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(job.name(), GROUP));
            Date next = trigger == null ? null : trigger.getNextFireTime();
            result.add(new JobInfo(job.name(), job.description(), job.cron(),
                    Optional.ofNullable(next).map(Date::toInstant)));
        }
        return result;
    }

    /**
     * Runs a job now, once, on whichever instance picks it up; the run is recorded as asked for by
     * {@code requestedBy}. Returns false for an unknown name.
     */
    public boolean triggerNow(String name, String requestedBy) throws SchedulerException {
        if (job(name).isEmpty()) {
            return false;
        }
        JobDataMap data = new JobDataMap();
        data.put(REQUESTED_BY, requestedBy);
        scheduler.triggerJob(JobKey.jobKey(name, GROUP), data);
        return true;
    }

    public Optional<ScheduledJob> job(String name) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(name));
        }
    }

    private List<ScheduledJob> registered() {
        synchronized (jobs) {
            return List.copyOf(jobs.values());
        }
    }

    /** Stops taking triggers and waits for running jobs to finish. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("Scheduler did not shut down cleanly: {}", e.getMessage());
        }
    }

    /** Runs one {@link ScheduledJob} and records the run; one run of a job at a time across the cluster. */
    @DisallowConcurrentExecution
    static final class Runner implements Job {
        private final PoolScheduler owner;
        private final String name;

        Runner(PoolScheduler owner, String name) {
            this.owner = owner;
            this.name = name;
        }

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            ScheduledJob.Run run = run(context);
            long id;
            try {
                id = owner.runs.started(name, run, owner.instanceId);
            } catch (RuntimeException e) {
                // Without a record the run would be invisible; Quartz logs this and the schedule carries on.
                throw new JobExecutionException("Could not record the start of job " + name, e, false);
            }
            Optional<ScheduledJob> job = owner.job(name);
            if (job.isEmpty()) {
                log.warn("Job {} fired on instance {}, which does not have it (retired, or added by a newer"
                        + " version)", name, owner.instanceId);
                owner.runs.finished(id, JobRuns.Outcome.FAILED, "not known to instance " + owner.instanceId
                        + " (retired, or added by a newer version)");
                return;
            }
            long started = System.nanoTime();
            try {
                String summary = job.get().run(run);
                owner.runs.finished(id, JobRuns.Outcome.SUCCEEDED, summary);
                log.info("Job {} ({}) finished in {} ms: {}", name, run.firedBy(),
                        (System.nanoTime() - started) / 1_000_000, summary);
            } catch (Exception e) {
                log.error("Job {} ({}) failed", name, run.firedBy(), e);
                owner.runs.finished(id, JobRuns.Outcome.FAILED, e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }

        private static ScheduledJob.Run run(JobExecutionContext context) {
            Instant scheduledFor = Optional.ofNullable(context.getScheduledFireTime())
                    .orElseGet(context::getFireTime).toInstant();
            String requestedBy = context.getMergedJobDataMap().getString(REQUESTED_BY);
            ScheduledJob.FiredBy firedBy = context.isRecovering() ? ScheduledJob.FiredBy.RECOVERY
                    : requestedBy != null ? ScheduledJob.FiredBy.ADMIN : ScheduledJob.FiredBy.SCHEDULE;
            return new ScheduledJob.Run(scheduledFor, firedBy, Optional.ofNullable(requestedBy));
        }
    }

    /** The app's pool, lent to Quartz; Quartz must not close it ({@code shutdown} does nothing). */
    private record SharedDataSource(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
