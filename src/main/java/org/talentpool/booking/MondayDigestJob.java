package org.talentpool.booking;

import java.time.LocalDate;
import java.time.ZoneId;
import org.talentpool.availability.Weeks;
import org.talentpool.schedule.CronJob;

/**
 * Monday 09:00 in the pool's time zone: everyone with a booking this week (made by them or of their time) gets
 * one DM listing them ({@link BookingService#sendWeekDigest}). Keyed by week and person, so a run missed and fired
 * at start-up later in the week, or run again by an admin, sends nothing twice.
 */
public final class MondayDigestJob extends CronJob {
    public static final String NAME = "monday-digest";

    private final BookingService bookings;
    private final ZoneId zone;

    public MondayDigestJob(BookingService bookings, ZoneId zone) {
        super(NAME, "0 0 9 ? * MON",
                "DMs each specialist and requester their bookings of the week");
        this.bookings = bookings;
        this.zone = zone;
    }

    @Override
    public String run(Run run) {
        LocalDate week = Weeks.weekStart(run.scheduledFor(), zone);
        BookingService.DigestRun done = bookings.sendWeekDigest(week);
        return "week " + Weeks.isoWeek(week) + ": " + done.bookings() + (done.bookings() == 1 ? " booking" : " bookings")
                + " of " + done.people() + (done.people() == 1 ? " person" : " people") + ", " + done.sent()
                + " sent now";
    }
}
