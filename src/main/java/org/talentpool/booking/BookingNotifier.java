package org.talentpool.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The port through which booking logic tells both sides about a booking. Implementations queue their messages
 * in the caller's transaction ({@code handle}), keyed by booking, event and recipient, so a change and its
 * messages commit together and a retried change queues nothing twice.
 */
public interface BookingNotifier {

    /** Where a message the actor clicked is in Slack, so that it can be updated to show the outcome. */
    record MessageRef(String channel, String ts) {}

    /** Why a specialist stopped being listed while they have open bookings. */
    enum Unlisted { PAUSED, PERMISSION_ENDED }

    /** A new request: the specialist is asked to accept or decline, the requester gets a confirmation. */
    void requested(Handle handle, Booking booking);

    /**
     * A booking changed status ({@code booking} as it is now, with who changed it and why). The actor's message,
     * when given, is updated to show the outcome; otherwise the actor gets a DM too. The other side gets a DM.
     */
    void changed(Handle handle, Booking booking, BookingStatus.Transition transition,
                 Optional<MessageRef> actorMessage);

    /** The specialist is reminded of a request they have not answered; it lapses at {@code lapsesAt}. */
    void reminded(Handle handle, Booking booking, Instant lapsesAt);

    /** Both sides are told that the council {@code councilId} was suspended; the booking is kept. */
    void councilSuspended(Handle handle, Booking booking, long councilId, Instant suspendedAt);

    /** The requester is told the specialist is no longer listed; the booking stands. */
    void specialistUnlisted(Handle handle, Booking booking, Unlisted why, Instant at);

    /**
     * The Monday digest: one message to {@code userId} with their open bookings of the week of {@code weekStart},
     * those they made and those of their time. Keyed by week and person: false when it was queued before.
     */
    boolean weekDigest(Handle handle, String userId, LocalDate weekStart, BookingService.MyBookings bookings);
}
