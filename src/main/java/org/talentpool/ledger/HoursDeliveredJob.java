package org.talentpool.ledger;

import java.time.Clock;
import java.time.Instant;
import org.talentpool.availability.Weeks;
import org.talentpool.schedule.CronJob;

/**
 * Friday 15:00 in the pool's time zone: asks each specialist, by DM, for the hours they delivered for each accepted
 * booking of the week (and of earlier weeks not asked about yet, so a run missed while the service was down catches
 * up). Idempotent: a booking is asked about once ({@link LedgerService#askForHoursDelivered}).
 */
public final class HoursDeliveredJob extends CronJob {
    public static final String NAME = "hours-delivered";

    private final LedgerService ledger;
    private final Clock clock;

    public HoursDeliveredJob(LedgerService ledger, Clock clock) {
        super(NAME, "0 0 15 ? * FRI",
                "asks specialists for the hours they delivered for the week's accepted bookings");
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public String run(Run run) {
        LedgerService.AskRun asked = ledger.askForHoursDelivered(asOf(run, clock));
        return "asked about " + asked.asked() + (asked.asked() == 1 ? " booking" : " bookings") + " of weeks " + Weeks.isoWeek(asked.fromWeek()) + " to "
                + Weeks.isoWeek(asked.toWeek());
    }

    /** The schedule's time, or now (the injected clock) when an admin asked for the run. */
    static Instant asOf(Run run, Clock clock) {
        return run.firedBy() == FiredBy.ADMIN ? clock.instant() : run.scheduledFor();
    }
}
