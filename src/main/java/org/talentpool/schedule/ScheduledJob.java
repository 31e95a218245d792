package org.talentpool.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * A job the pool runs on a cron schedule in {@code POOL_TIMEZONE}, once across all instances. A feature
 * contributes its jobs by overriding {@link org.talentpool.slack.SlackFeature#jobs()}; {@code TalentPool}
 * registers them with the {@link PoolScheduler} before it starts.
 *
 * <p>Implementations must be idempotent: running one twice for the same period changes nothing the second
 * time (a run missed while every instance was down fires once at start-up, an admin may run a job by hand,
 * and a run cut short by a crash is run again). Get collaborators through the constructor and time from
 * the injected {@code Clock} or {@link Run#scheduledFor()}. Keep schedules out of 01:00–02:00, which
 * daylight-saving changes skip or repeat.
 */
public interface ScheduledJob {

    /** Stable name: lower-case words joined by hyphens, e.g. {@code weekly-reset}; used by {@code /pool-admin run-job}. */
    String name();

    /** Quartz cron expression (seconds first), e.g. {@code 0 5 0 ? * MON} for Monday 00:05. */
    String cron();

    /** What the job does, in one line, for {@code /pool-admin jobs}. */
    String description();

    /**
     * Does the work. Returns a one-line summary of what was done (e.g. "deleted 12 sent messages"), shown to
     * admins with the run. Throwing marks the run failed; the schedule carries on.
     */
    String run(Run run) throws Exception;

    /** Why a run happens. */
    enum FiredBy {
        /** Its cron trigger fired (on time, or once at start-up after being missed). */
        SCHEDULE,
        /** An admin asked with {@code /pool-admin run-job}. */
        ADMIN,
        /** The instance running it stopped mid-run; another instance runs it again. */
        RECOVERY
    }

    /**
     * One run: the time Quartz fired it for (a missed run that fires at start-up carries its start-up time),
     * why, and which admin asked for it.
     */
    record Run(Instant scheduledFor, FiredBy firedBy, Optional<String> requestedBy) {
        public static Run scheduled(Instant scheduledFor) {
            return new Run(scheduledFor, FiredBy.SCHEDULE, Optional.empty());
        }
    }
}
