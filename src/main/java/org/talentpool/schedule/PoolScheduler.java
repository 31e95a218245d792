package org.talentpool.schedule;

import java.sql.Connection;
import java.sql.SQLException;
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
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
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
 * instance was down fires once when the service comes back. Jobs come from {@link ScheduledJob}s, not statics.
 */
public final class PoolScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PoolScheduler.class);
    static final String SCHEDULER_NAME = "TalentPool";
    static final String GROUP = "talentpool";

    private final Scheduler scheduler;
    private final ZoneId zone;
    private final Map<String, ScheduledJob> jobs = new LinkedHashMap<>();
    private final String dataSourceName = "talentpool-" + UUID.randomUUID();

    public PoolScheduler(DataSource dataSource, ZoneId zone, String instanceId) throws SchedulerException {
        this.zone = zone;
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
        scheduler.setJobFactory((bundle, owner) -> new Runner(jobs.get(bundle.getJobDetail().getKey().getName())));
    }

    /** Adds a job (or updates its schedule). Call before {@link #start()}. */
    public void register(ScheduledJob job) throws SchedulerException {
        jobs.put(job.name(), job);
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
            } catch (org.quartz.ObjectAlreadyExistsException raced) {
                log.debug("Trigger {} was scheduled by another instance", job.name());
            }
        } else if (!sameSchedule(existing, job)) {
            scheduler.rescheduleJob(trigger.getKey(), trigger);
        }
    }

    private boolean sameSchedule(Trigger existing, ScheduledJob job) {
        return existing instanceof org.quartz.CronTrigger cron && cron.getCronExpression().equals(job.cron())
                && cron.getTimeZone().getID().equals(zone.getId());
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
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "unknown";
        }
    }

    /** A job and its next run, for admins. */
    public record JobInfo(String name, String description, String cron, Optional<Instant> nextRun) {}

    public List<JobInfo> jobs() throws SchedulerException {
        List<JobInfo> result = new ArrayList<>();
        for (ScheduledJob job : jobs.values()) {
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(job.name(), GROUP));
            Date next = trigger == null ? null : trigger.getNextFireTime();
            result.add(new JobInfo(job.name(), job.description(), job.cron(),
                    Optional.ofNullable(next).map(Date::toInstant)));
        }
        return result;
    }

    /** Runs a job now, once, on whichever instance picks it up. Returns false for an unknown name. */
    public boolean triggerNow(String name) throws SchedulerException {
        if (!jobs.containsKey(name)) {
            return false;
        }
        scheduler.triggerJob(JobKey.jobKey(name, GROUP));
        return true;
    }

    public Optional<ScheduledJob> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("Scheduler did not shut down cleanly: {}", e.getMessage());
        }
    }

    /** Runs one {@link ScheduledJob}; one run at a time across the cluster. */
    @DisallowConcurrentExecution
    static final class Runner implements Job {
        private final ScheduledJob job;

        Runner(ScheduledJob job) {
            this.job = job;
        }

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            if (job == null) {
                throw new JobExecutionException("No job registered for " + context.getJobDetail().getKey());
            }
            long started = System.nanoTime();
            try {
                job.run();
                log.info("Job {} finished in {} ms", job.name(), (System.nanoTime() - started) / 1_000_000);
            } catch (Exception e) {
                log.error("Job {} failed", job.name(), e);
                throw new JobExecutionException(e);
            }
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
