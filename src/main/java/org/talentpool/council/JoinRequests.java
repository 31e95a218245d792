package org.talentpool.council;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.persistence.AuditLog;
import org.talentpool.slack.Outbox;
import org.talentpool.slack.SlackText;

/**
 * Asking to join the pool, and the admins' answer. A member asks with the button the gate shows; the
 * request names their council when it is in the register (and marks it pending), or only their email
 * domain. It is posted to the admin channel (or DMed to each admin when there is none) through the
 * outbox. Asking again, or a colleague asking, joins the open request instead of making another.
 */
public final class JoinRequests {
    private static final Logger log = LoggerFactory.getLogger(JoinRequests.class);

    /** The message an admin clicked, to update once the request is decided. */
    public record MessageRef(String channel, String ts) {}

    /** What a click on Approve led to. */
    public sealed interface Approval {
        /** The request was decided now, or had been decided already, or could not be: say so. */
        record Answered(Outcome outcome) implements Approval {}

        /** Nobody has named the council of this domain yet: ask the admin for its name. */
        record NameNeeded(JoinRequest request) implements Approval {}
    }

    private final Jdbi jdbi;
    private final AdminDirectory admins;
    private final Optional<String> adminChannel;
    private final CouncilStatusChanges statusChanges;
    private final JoinRequestDecisions decisions;
    private final CouncilRegistrations registrations;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId zone;

    JoinRequests(Jdbi jdbi, AdminDirectory admins, Optional<String> adminChannel, CouncilStatusChanges statusChanges,
                 JoinRequestDecisions decisions, CouncilRegistrations registrations, AuditLog audit, Outbox outbox,
                 Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.admins = admins;
        this.adminChannel = adminChannel;
        this.statusChanges = statusChanges;
        this.decisions = decisions;
        this.registrations = registrations;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.zone = zone;
    }

    public Optional<JoinRequest> find(long requestId) {
        return jdbi.withExtension(JoinRequestDao.class, dao -> dao.findById(requestId));
    }

    /** The member behind {@code access} asks to join; what the gate found decides for which council or domain. */
    public Outcome ask(Access access) {
        if (access instanceof Access.Allowed allowed) {
            return Outcome.unchanged("Your council (" + SlackText.escape(allowed.member().council().name())
                    + ") is in the pool already: type `/pool` to see what you can do.");
        }
        if (access instanceof Access.UnknownDomain unknown) {
            if (EmailDomains.isShared(unknown.emailDomain())) {
                return Outcome.unchanged(SlackText.escape(GateReplies.text(access)));
            }
            return ask(unknown.userId(), unknown.emailDomain(), null);
        }
        if (access instanceof Access.CouncilNotApproved notApproved) {
            Council council = notApproved.member().council();
            if (council.status() == Council.Status.KNOWN || council.status() == Council.Status.PENDING) {
                return ask(notApproved.member().userId(), notApproved.member().emailDomain(), council);
            }
        }
        return Outcome.unchanged(SlackText.escape(GateReplies.text(access)));
    }

    private Outcome ask(String userId, String emailDomain, Council council) {
        return jdbi.inTransaction(handle -> {
            JoinRequestDao dao = handle.attach(JoinRequestDao.class);
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (council == null) {
                Optional<JoinRequest> refused = dao.latestForDomainWithoutCouncil(emailDomain)
                        .filter(request -> request.status() == JoinRequest.Status.REJECTED);
                if (refused.isPresent()) {
                    return Outcome.unchanged("A community admin turned down a request from " + emailDomain + " on "
                            + day(refused.get().decidedAt()) + ": " + SlackText.escape(refused.get().reason())
                            + ". If things have changed, ask a community admin directly.");
                }
            }
            String openKey = JoinRequest.openKey(council == null ? null : council.id(), emailDomain);
            Optional<JoinRequest> open = dao.findOpen(openKey);
            if (open.isEmpty() && council != null) {
                // asked before the domain was registered
                open = dao.findOpen(JoinRequest.openKey(null, emailDomain));
            }
            boolean created = false;
            if (open.isEmpty()) {
                created = dao.open(emailDomain, council == null ? null : council.id(), openKey, userId, now) == 1;
                open = dao.findOpen(openKey);
            }
            JoinRequest request = open.orElseThrow(() -> new IllegalStateException("join request vanished"));
            boolean newAsker = dao.addMember(request.id(), userId, now) == 1;
            String councilName = council == null ? "your council (" + emailDomain + ")"
                    : "*" + SlackText.escape(council.name()) + "*";
            if (created) {
                audit.record(handle, AuditLog.Change.of(userId, "join_request.create", "join_request", request.id())
                        .states(null, AuditStates.json("status", "pending", "domain", emailDomain,
                                "council", request.councilId())));
                if (council != null) {
                    statusChanges.change(handle, council.id(), Set.of(Council.Status.KNOWN), Council.Status.PENDING,
                            userId, null, "council.pending");
                }
                int recipients = postToAdmins(handle, request, council);
                if (recipients == 0) {
                    return Outcome.changed("I've recorded your request to add " + councilName + " to the pool, but no"
                            + " community admins are set up yet to decide it. Please tell your Slack workspace owner.");
                }
                return Outcome.changed("Thanks: I've asked the community admins to add " + councilName
                        + " to the pool. I'll message you when they decide.");
            }
            if (newAsker) {
                return Outcome.changed("Someone from " + councilName + " has asked to join already; I'll message you"
                        + " too when the community admins decide.");
            }
            OffsetDateTime askedAt = dao.askedAt(request.id(), userId).orElse(request.requestedAt());
            return Outcome.unchanged("You asked on " + day(askedAt) + " already; I'll message you when the community"
                    + " admins decide.");
        });
    }

    private int postToAdmins(Handle handle, JoinRequest request, Council council) {
        List<String> recipients = new ArrayList<>();
        if (adminChannel.isPresent()) {
            recipients.add(adminChannel.get());
        } else {
            recipients.addAll(admins.all());
        }
        if (recipients.isEmpty()) {
            log.warn("Join request {} from {} has nobody to go to: set POOL_ADMINS or POOL_ADMIN_CHANNEL",
                    request.id(), request.emailDomain());
        }
        for (String recipient : recipients) {
            outbox.enqueue(handle, CouncilNotices.requestPosted(request, council, recipient));
        }
        return recipients.size();
    }

    /**
     * An admin clicked Approve. A request for a council in the register (or whose domain has been
     * registered since) approves that council now; a domain nobody has named needs the council's name first.
     */
    public Approval approve(long requestId, String actor, MessageRef clicked) {
        return jdbi.inTransaction(handle -> {
            Optional<JoinRequest> found = handle.attach(JoinRequestDao.class).findById(requestId);
            if (found.isEmpty()) {
                return new Approval.Answered(Outcome.unchanged("That join request no longer exists."));
            }
            JoinRequest request = found.get();
            if (!request.pending()) {
                return new Approval.Answered(Outcome.unchanged(alreadyDecided(request)));
            }
            Optional<Council> council = councilOf(handle, request);
            if (council.isEmpty()) {
                return new Approval.NameNeeded(request);
            }
            return new Approval.Answered(approve(handle, request, council.get(), actor, clicked));
        });
    }

    /**
     * An admin named the council of an unregistered domain in the Approve dialogue: the domain goes to the
     * council of that name in the register, or to a new council, and that council is approved.
     */
    public Outcome approveNaming(long requestId, String actor, String councilName, String domain,
                                 MessageRef clicked) {
        return jdbi.inTransaction(handle -> {
            JoinRequest request = handle.attach(JoinRequestDao.class).findById(requestId)
                    .orElseThrow(() -> new InvalidInput("That join request no longer exists."));
            if (!request.pending()) {
                return Outcome.unchanged(alreadyDecided(request));
            }
            if (!EmailDomains.covers(domain, request.emailDomain())) {
                throw new InvalidInput("The request came from `" + request.emailDomain() + "`, so the council's domain"
                        + " must be that or a parent of it, e.g. `" + request.emailDomain() + "`.");
            }
            CouncilRegistrations.Registered registered = registrations.register(handle, councilName, domain, actor,
                    "`" + request.emailDomain() + "`");
            Council council = handle.attach(CouncilDao.class).findById(registered.council().id()).orElseThrow();
            if (council.status() == Council.Status.SUSPENDED) {
                throw new InvalidInput(SlackText.escape(council.name()) + " is suspended; lift that first with"
                        + " `/pool-admin reinstate " + domain + "`.");
            }
            Outcome outcome = approve(handle, request, council, actor, clicked);
            decisions.approveOpenRequestsFor(handle, council, actor);
            return outcome;
        });
    }

    /** An admin gave a reason in the Reject dialogue. */
    public Outcome reject(long requestId, String actor, String reason, MessageRef clicked) {
        return jdbi.inTransaction(handle -> {
            JoinRequest request = handle.attach(JoinRequestDao.class).findById(requestId)
                    .orElseThrow(() -> new InvalidInput("That join request no longer exists."));
            if (!request.pending()) {
                return Outcome.unchanged(alreadyDecided(request));
            }
            Optional<Council> council = councilOf(handle, request);
            if (!decisions.decide(handle, request, JoinRequest.Status.REJECTED, actor, reason, council.orElse(null),
                    clicked)) {
                return Outcome.unchanged(alreadyDecided(reload(handle, request)));
            }
            council.ifPresent(registered -> statusChanges.change(handle, registered.id(),
                    CouncilStatusChanges.REJECTABLE, Council.Status.REJECTED, actor, reason,
                    "council.reject"));
            return Outcome.changed("Rejected the request from `" + request.emailDomain() + "`; I've told who asked.");
        });
    }

    /** Whether the request can still be decided, before an admin is asked for a name or a reason. */
    public Optional<Outcome> alreadyDecided(long requestId) {
        return find(requestId).filter(request -> !request.pending()).map(request -> Outcome.unchanged(
                alreadyDecided(request)));
    }

    private Outcome approve(Handle handle, JoinRequest request, Council council, String actor,
                            MessageRef clicked) {
        if (council.status() == Council.Status.SUSPENDED) {
            return Outcome.unchanged(SlackText.escape(council.name()) + " is suspended; lift that first with"
                    + " `/pool-admin reinstate " + request.emailDomain() + "`.");
        }
        if (!decisions.decide(handle, request, JoinRequest.Status.APPROVED, actor, null, council, clicked)) {
            return Outcome.unchanged(alreadyDecided(reload(handle, request)));
        }
        statusChanges.change(handle, council.id(), CouncilStatusChanges.APPROVABLE, Council.Status.APPROVED, actor,
                null, "council.approve");
        return Outcome.changed("Approved: *" + SlackText.escape(council.name()) + "* is in the pool.");
    }

    private static Optional<Council> councilOf(Handle handle, JoinRequest request) {
        CouncilDao councils = handle.attach(CouncilDao.class);
        if (request.councilId() != null) {
            return councils.findById(request.councilId());
        }
        return councils.findByAnyDomain(EmailDomains.withParents(request.emailDomain()));
    }

    private static JoinRequest reload(Handle handle, JoinRequest request) {
        return handle.attach(JoinRequestDao.class).findById(request.id()).orElse(request);
    }

    private String alreadyDecided(JoinRequest request) {
        String when = request.decidedAt() == null ? "" : " on " + day(request.decidedAt());
        return switch (request.status()) {
            case APPROVED -> "This request was already approved by " + SlackText.mention(request.decidedBy()) + when
                    + "; nothing changed.";
            case REJECTED -> "This request was already rejected by " + SlackText.mention(request.decidedBy()) + when
                    + " (" + SlackText.escape(request.reason()) + "); nothing changed.";
            case PENDING -> "This request is still waiting for a decision.";
        };
    }

    private String day(OffsetDateTime at) {
        return CouncilService.DAY.format(at.atZoneSameInstant(zone));
    }
}
