package org.talentpool.availability;

import java.time.LocalDate;
import java.time.ZoneId;
import org.talentpool.schedule.CronJob;

/**
 * Daily 00:15 in the pool's time zone: a manager's approval that ran out (it is valid on days before its
 * {@code expires_on}) takes the specialist out of search; the requesters of their open bookings are told (see
 * {@link PermissionService#tellExpired}). Idempotent: the notices are keyed by the day the approval ran out.
 */
public final class PermissionExpiryJob extends CronJob {
    public static final String NAME = "permission-expiry";

    private final PermissionService permissions;
    private final ZoneId zone;

    public PermissionExpiryJob(PermissionService permissions, ZoneId zone) {
        super(NAME, "0 15 0 * * ?",
                "tells requesters when a specialist's permission has run out (the booking stands)");
        this.permissions = permissions;
        this.zone = zone;
    }

    @Override
    public String run(Run run) {
        LocalDate today = run.scheduledFor().atZone(zone).toLocalDate();
        int ended = permissions.tellExpired(today);
        return ended + (ended == 1 ? " permission" : " permissions") + " ran out in the "
                + PermissionService.EXPIRY_LOOKBACK_DAYS + " days to " + today;
    }
}
