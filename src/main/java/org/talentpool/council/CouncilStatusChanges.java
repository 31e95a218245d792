package org.talentpool.council;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.talentpool.persistence.AuditLog;

/**
 * The one place a council's status changes: the council row is locked, the change is made only from the
 * expected statuses, audited with before and after, and every {@link CouncilStatusListener} is told, all
 * in the caller's transaction.
 */
final class CouncilStatusChanges {
    /** The statuses an approval may start from; suspended councils are reinstated instead. */
    static final Set<Council.Status> APPROVABLE =
            Set.of(Council.Status.KNOWN, Council.Status.PENDING, Council.Status.REJECTED);
    /** The statuses a rejection may start from; approved councils are suspended instead. */
    static final Set<Council.Status> REJECTABLE = Set.of(Council.Status.KNOWN, Council.Status.PENDING);

    private final AuditLog audit;
    private final Clock clock;
    private final List<CouncilStatusListener> listeners;

    CouncilStatusChanges(AuditLog audit, Clock clock, List<CouncilStatusListener> listeners) {
        this.audit = audit;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Moves the council to {@code to} if its status is one of {@code from}; returns the council as changed,
     * or empty when its status (read again under lock) was not one of {@code from}.
     */
    Optional<Council> change(Handle handle, long councilId, Set<Council.Status> from, Council.Status to,
                             String actor, String reason, String action) {
        CouncilDao dao = handle.attach(CouncilDao.class);
        Council before = dao.lockById(councilId).orElseThrow(() -> new IllegalStateException(
                "council " + councilId + " does not exist"));
        if (!from.contains(before.status())) {
            return Optional.empty();
        }
        dao.changeStatus(councilId, from.stream().map(Council.Status::dbValue).toList(), to.dbValue(), reason,
                OffsetDateTime.now(clock));
        Council after = dao.findById(councilId).orElseThrow();
        audit.record(handle, AuditLog.Change.of(actor, action, "council", councilId)
                .states(AuditStates.of(before), AuditStates.of(after))
                .detail(after.name()));
        CouncilStatusListener.Change change = new CouncilStatusListener.Change(after, before.status(), actor, reason);
        for (CouncilStatusListener listener : listeners) {
            listener.councilStatusChanged(handle, change);
        }
        return Optional.of(after);
    }
}
