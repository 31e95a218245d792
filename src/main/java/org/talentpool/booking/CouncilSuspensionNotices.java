package org.talentpool.booking;

import java.time.Clock;
import org.jdbi.v3.core.Handle;
import org.talentpool.council.Council;
import org.talentpool.council.CouncilStatusListener;

/**
 * When a council is suspended, both sides of every open booking involving its members are told, in the
 * suspension's transaction ({@link BookingService#tellCouncilSuspended}). The bookings are kept; search stops
 * listing the council's specialists and the membership gate stops its members booking, as for any council that
 * is not approved.
 */
final class CouncilSuspensionNotices implements CouncilStatusListener {
    private final BookingService bookings;
    private final Clock clock;

    CouncilSuspensionNotices(BookingService bookings, Clock clock) {
        this.bookings = bookings;
        this.clock = clock;
    }

    @Override
    public void councilStatusChanged(Handle handle, Change change) {
        if (change.after() == Council.Status.SUSPENDED && change.before() != Council.Status.SUSPENDED) {
            bookings.tellCouncilSuspended(handle, change.council().id(), clock.instant());
        }
    }
}
