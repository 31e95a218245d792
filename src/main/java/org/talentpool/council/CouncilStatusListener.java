package org.talentpool.council;

import org.jdbi.v3.core.Handle;

/**
 * Told when a council's status changes (approved, rejected, suspended, reinstated, pending), inside the
 * transaction that changed it: a listener writes through {@code handle} and queues its Slack messages
 * with {@code Outbox.enqueue(handle, …)}, so the change and its consequences commit together or not at all.
 * A listener that throws rolls the change back.
 *
 * <p>Features that hold a council's people implement it: search hides the specialists of a suspended
 * council, bookings tell both sides of existing bookings. Pass the implementations to
 * {@code CouncilFeature} in {@code TalentPool.features}.
 */
@FunctionalInterface
public interface CouncilStatusListener {

    /**
     * One change: {@code council} as it is now (with its new status and reason), its status {@code before},
     * who made the change (a Slack user ID) and the reason given, if any.
     */
    record Change(Council council, Council.Status before, String actor, String reason) {
        public Council.Status after() {
            return council.status();
        }
    }

    void councilStatusChanged(Handle handle, Change change);
}
