package org.talentpool.schedule;

/**
 * A {@link ScheduledJob} that states its name, schedule and description once, in its constructor; the job itself
 * only does its {@link #run}.
 */
public abstract class CronJob implements ScheduledJob {
    private final String name;
    private final String cron;
    private final String description;

    protected CronJob(String name, String cron, String description) {
        this.name = name;
        this.cron = cron;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String cron() {
        return cron;
    }

    @Override
    public final String description() {
        return description;
    }
}
