package org.talentpool.council;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.talentpool.persistence.AuditLog;
import org.talentpool.slack.Outbox;

/**
 * Decides join requests, once each: the decision is conditional on the request still being pending, so
 * the first admin to act wins. The people who asked get a DM, and every copy of the request posted to
 * the admins is updated to show the outcome. As a {@link CouncilStatusListener} it also closes the open
 * requests a council answers when an admin approves or rejects that council by command.
 */
final class JoinRequestDecisions implements CouncilStatusListener {
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;

    JoinRequestDecisions(AuditLog audit, Outbox outbox, Clock clock) {
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Decides a pending request; false when it was decided already, in which case nothing is written.
     * {@code council} is the council an approval admits (null for a rejection of an unregistered domain).
     */
    boolean decide(Handle handle, JoinRequest request, JoinRequest.Status decision, String actor, String reason,
                   Council council, JoinRequests.MessageRef clicked) {
        JoinRequestDao dao = handle.attach(JoinRequestDao.class);
        int decided = dao.decide(request.id(), decision.dbValue(), actor, OffsetDateTime.now(clock), reason,
                council == null ? null : council.id());
        if (decided == 0) {
            return false;
        }
        JoinRequest after = dao.findById(request.id()).orElseThrow();
        audit.record(handle, AuditLog.Change.of(actor, "join_request." + (decision == JoinRequest.Status.APPROVED
                        ? "approve" : "reject"), "join_request", request.id())
                .states(AuditStates.json("status", "pending", "domain", request.emailDomain(),
                                "council", request.councilId()),
                        AuditStates.json("status", after.status().dbValue(), "domain", after.emailDomain(),
                                "council", after.councilId(), "reason", after.reason())));
        for (String userId : dao.members(request.id())) {
            outbox.enqueue(handle, CouncilNotices.requesterTold(after, council, userId));
        }
        Set<JoinRequests.MessageRef> posts = new LinkedHashSet<>();
        outbox.delivered(handle, CouncilNotices.postKeyPrefix(request))
                .forEach(post -> posts.add(new JoinRequests.MessageRef(post.channel(), post.ts())));
        if (clicked != null && clicked.channel() != null && clicked.ts() != null) {
            posts.add(clicked);
        }
        for (JoinRequests.MessageRef post : posts) {
            outbox.enqueue(handle, CouncilNotices.requestDecided(after, council, post.channel(), post.ts()));
        }
        return true;
    }

    @Override
    public void councilStatusChanged(Handle handle, Change change) {
        JoinRequest.Status decision = switch (change.after()) {
            case APPROVED -> JoinRequest.Status.APPROVED;
            case REJECTED -> JoinRequest.Status.REJECTED;
            default -> null;
        };
        if (decision == null) {
            return;
        }
        List<JoinRequest> open = handle.attach(JoinRequestDao.class).openFor(change.council().id());
        for (JoinRequest request : open) {
            decide(handle, request, decision, change.actor(), change.reason(), change.council(), null);
        }
    }

    /** Approves the open requests a council answers, e.g. after an admin registered one of their domains. */
    void approveOpenRequestsFor(Handle handle, Council council, String actor) {
        for (JoinRequest request : handle.attach(JoinRequestDao.class).openFor(council.id())) {
            decide(handle, request, JoinRequest.Status.APPROVED, actor, null, council, null);
        }
    }
}
