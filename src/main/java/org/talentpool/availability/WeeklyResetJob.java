package org.talentpool.availability;

import java.time.LocalDate;
import java.time.ZoneId;
import org.talentpool.schedule.CronJob;

/**
 * Monday 00:05 in the pool's time zone: this week's and next week's capacity start afresh from each
 * specialist's default, except weeks they overrode or while paused; hours never carry over. Set-based
 * ({@link WeeklyCapacity#resetWeek}) and idempotent, so a run missed while the service was down, run at
 * start-up later in the week, resets the week it finds itself in. Then rebuilds search's {@link ListingIndex} from
 * the fresh weeks.
 */
public final class WeeklyResetJob extends CronJob {
    public static final String NAME = "weekly-reset";

    private final WeeklyCapacity capacity;
    private final ZoneId zone;

    public WeeklyResetJob(WeeklyCapacity capacity, ZoneId zone) {
        super(NAME, "0 5 0 ? * MON",
                "starts this week's and next week's hours afresh from each specialist's default, then rebuilds"
                + " search's listing");
        this.capacity = capacity;
        this.zone = zone;
    }

    @Override
    public String run(Run run) {
        LocalDate thisWeek = Weeks.weekStart(run.scheduledFor(), zone);
        WeeklyCapacity.WeekReset current = capacity.resetWeek(thisWeek);
        WeeklyCapacity.WeekReset next = capacity.resetWeek(thisWeek.plusWeeks(1));
        ListingIndex.Rebuilt listed = capacity.listing().rebuild();
        return "week " + Weeks.isoWeek(thisWeek) + ": " + current.created() + " new rows, " + current.changed()
                + " brought up to date; week " + Weeks.isoWeek(next.weekStart()) + ": " + next.created()
                + " new rows, " + next.changed() + " brought up to date; search listing rebuilt: " + listed.weeks()
                + " specialist-weeks with hours";
    }
}
