package org.talentpool.booking;

import org.talentpool.schedule.CronJob;

/**
 * Daily 10:00 in the pool's time zone: requests unanswered for a day get one reminder to the specialist; those
 * unanswered for three days (or whose week has ended) lapse, their hours are released and both sides are told
 * ({@link BookingService#processUnanswered}). Each booking changes by conditional updates with keyed messages, so
 * running again, or on two instances, does each thing once.
 */
public final class UnansweredRequestsJob extends CronJob {
    public static final String NAME = "unanswered-requests";

    private final BookingService bookings;

    public UnansweredRequestsJob(BookingService bookings) {
        super(NAME, "0 0 10 * * ?",
                "reminds specialists of requests unanswered for a day; lapses those unanswered for three days");
        this.bookings = bookings;
    }

    @Override
    public String run(Run run) {
        BookingService.UnansweredRun done = bookings.processUnanswered(run.scheduledFor());
        return "reminded " + done.reminded() + ", lapsed " + done.expired()
                + (done.expired() == 1 ? " request" : " requests");
    }
}
