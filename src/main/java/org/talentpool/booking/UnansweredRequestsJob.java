package org.talentpool.booking;

import org.talentpool.schedule.ScheduledJob;

/**
 * Daily 10:00 in the pool's time zone: requests unanswered for a day get one reminder to the specialist; those
 * unanswered for three days (or whose week has ended) lapse, their hours are released and both sides are told
 * ({@link BookingService#processUnanswered}). Each booking changes by conditional updates with keyed messages, so
 * running again, or on two instances, does each thing once.
 */
public final class UnansweredRequestsJob implements ScheduledJob {
    public static final String NAME = "unanswered-requests";

    private final BookingService bookings;

    public UnansweredRequestsJob(BookingService bookings) {
        this.bookings = bookings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String cron() {
        return "0 0 10 * * ?";
    }

    @Override
    public String description() {
        return "reminds specialists of requests unanswered for a day; lapses those unanswered for three days";
    }

    @Override
    public String run(Run run) {
        BookingService.UnansweredRun done = bookings.processUnanswered(run.scheduledFor());
        return "reminded " + done.reminded() + ", lapsed " + done.expired()
                + (done.expired() == 1 ? " request" : " requests");
    }
}
