package org.talentpool.ledger;

import java.time.Clock;
import org.talentpool.schedule.CronJob;

/**
 * Daily at 06:30 in the pool's time zone: confirms the hours reported at least 14 days ago that the requester
 * neither confirmed nor disputed, and tells both sides. Idempotent ({@link LedgerService#confirmUnanswered}).
 */
public final class AutoConfirmJob extends CronJob {
    public static final String NAME = "hours-auto-confirm";

    private final LedgerService ledger;
    private final Clock clock;

    public AutoConfirmJob(LedgerService ledger, Clock clock) {
        super(NAME, "0 30 6 * * ?",
                "confirms hours delivered left unanswered for " + LedgerService.CONFIRM_WITHIN.toDays() + " days");
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public String run(Run run) {
        int confirmed = ledger.confirmUnanswered(HoursDeliveredJob.asOf(run, clock));
        return "confirmed " + confirmed + (confirmed == 1 ? " entry" : " entries");
    }
}
