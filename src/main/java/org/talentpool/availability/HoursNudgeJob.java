package org.talentpool.availability;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.schedule.CronJob;

/**
 * Monday 09:00 in the pool's time zone: a gentle nudge to listed specialists who offer no hours this week and have
 * not turned nudges off ({@code /available nudges off}, or the nudge's own button), with buttons that set this
 * week's hours. Each nudge is keyed by week and specialist, so running again in the same week queues nothing new.
 */
public final class HoursNudgeJob extends CronJob {
    public static final String NAME = "hours-nudge";
    private static final Logger log = LoggerFactory.getLogger(HoursNudgeJob.class);

    private final Jdbi jdbi;
    private final ZoneId zone;
    private final AvailabilityNotifier notifier;

    public HoursNudgeJob(Jdbi jdbi, ZoneId zone, AvailabilityNotifier notifier) {
        super(NAME, "0 0 9 ? * MON",
                "nudges listed specialists who offer no hours this week (unless they turned nudges off)");
        this.jdbi = jdbi;
        this.zone = zone;
        this.notifier = notifier;
    }

    @Override
    public String run(Run run) {
        LocalDate today = run.scheduledFor().atZone(zone).toLocalDate();
        LocalDate week = Weeks.weekStart(today);
        Nudged nudged = nudge(week, today);
        return "week " + Weeks.isoWeek(week) + ": " + nudged.due() + (nudged.due() == 1 ? " specialist" : " specialists")
                + " offering no hours, " + nudged.sent() + " nudged now";
    }

    /** Specialists due a nudge, and how many of them were nudged by this run (the others had it already). */
    record Nudged(int due, int sent) {}

    /** Queues the week's nudges, each in its own transaction. */
    Nudged nudge(LocalDate week, LocalDate today) {
        List<String> specialists = jdbi.withExtension(SpecialistDao.class, dao -> dao.toNudge(week, today));
        int sent = 0;
        for (String specialistId : specialists) {
            try {
                if (jdbi.inTransaction(handle -> notifier.nudge(handle, specialistId, week))) {
                    sent++;
                }
            } catch (RuntimeException e) {
                log.error("Could not nudge {} for the week of {}", specialistId, week, e);
            }
        }
        return new Nudged(specialists.size(), sent);
    }
}
