package org.talentpool.council;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.persistence.AuditLog;
import org.talentpool.slack.Outbox;

/**
 * The council services wired together once: status changes tell the join-request decisions first, then
 * the listeners of later features. {@link CouncilFeature} builds one from the app's services; tests build
 * one on a test database.
 */
final class CouncilModule {
    final CouncilService councils;
    final CouncilRoles roles;
    final JoinRequests joinRequests;

    CouncilModule(Jdbi jdbi, AuditLog audit, Outbox outbox, AdminDirectory admins, Membership membership,
                  Optional<String> adminChannel, Clock clock, ZoneId zone, List<CouncilStatusListener> listeners) {
        JoinRequestDecisions decisions = new JoinRequestDecisions(audit, outbox, clock);
        List<CouncilStatusListener> all = new ArrayList<>();
        all.add(decisions);
        all.addAll(listeners);
        CouncilStatusChanges statusChanges = new CouncilStatusChanges(audit, clock, all);
        CouncilRegistrations registrations = new CouncilRegistrations(audit, clock);
        this.councils = new CouncilService(jdbi, statusChanges, decisions, registrations, audit, clock, zone);
        this.roles = new CouncilRoles(jdbi, membership, admins, audit, outbox, clock);
        this.joinRequests = new JoinRequests(jdbi, admins, adminChannel, statusChanges, decisions, registrations,
                audit, outbox, clock, zone);
    }
}
