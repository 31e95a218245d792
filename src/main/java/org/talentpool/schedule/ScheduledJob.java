package org.talentpool.schedule;

/**
 * A job the pool runs on a cron schedule in {@code POOL_TIMEZONE}. Implementations must be idempotent:
 * running one twice for the same period changes nothing the second time. Keep schedules out of
 * 01:00–02:00, which daylight-saving changes skip or repeat.
 */
public interface ScheduledJob {

    /** Stable name, used as the Quartz job key and by {@code /pool-admin run-job <name>}. */
    String name();

    /** Quartz cron expression, e.g. {@code 0 5 0 ? * MON} for Monday 00:05. */
    String cron();

    String description();

    void run() throws Exception;
}
