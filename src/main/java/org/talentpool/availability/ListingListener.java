package org.talentpool.availability;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Told, inside the transaction of the change, when a specialist stops being listed: they paused, or their
 * manager's permission ended (revoked, expired, or replaced because they named another manager). The booking
 * feature implements it to tell the requesters of open bookings; {@code TalentPool} passes it in, so that
 * availability does not depend on booking. Write through {@code handle}; throwing rolls the change back.
 */
@FunctionalInterface
public interface ListingListener {

    enum Reason { PAUSED, PERMISSION_ENDED }

    /** Nobody to tell (tests, and a pool without bookings). */
    ListingListener NONE = (handle, specialistId, reason, at) -> { };

    void unlisted(Handle handle, String specialistId, Reason reason, Instant at);
}
