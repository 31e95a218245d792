package org.talentpool.council;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.talentpool.persistence.AuditLog;
import org.talentpool.slack.SlackText;

/**
 * Registers a council's email domain under the name an admin gave: the domain is added to the council
 * of exactly that name when the register has one (say, an imported council without domains), otherwise a
 * new council is created, approved. A domain belongs to one council only.
 */
final class CouncilRegistrations {
    private final AuditLog audit;
    private final Clock clock;

    CouncilRegistrations(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    record Registered(Council council, boolean created) {}

    Registered register(Handle handle, String name, String domain, String actor, String example) {
        CouncilDao councils = handle.attach(CouncilDao.class);
        councils.findByDomain(domain).ifPresent(owner -> {
            throw new InvalidInput("`" + domain + "` belongs to " + SlackText.escape(owner.name()) + " ("
                    + owner.status().dbValue() + ") already. Example: " + example);
        });
        List<Council> named = councils.findByName(name);
        if (named.size() > 1) {
            throw new InvalidInput("Several councils are named \"" + SlackText.escape(name) + "\"; give a name only"
                    + " one has. Example: " + example);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (named.size() == 1) {
            Council council = named.get(0);
            List<String> before = councils.domains(council.id());
            addDomain(councils, domain, council.id(), example);
            audit.record(handle, AuditLog.Change.of(actor, "council.domain_add", "council", council.id())
                    .states(AuditStates.json("domains", before),
                            AuditStates.json("domains", councils.domains(council.id())))
                    .detail(council.name()));
            return new Registered(council, false);
        }
        long councilId = councils.insertCouncil(null, name, null, null, null, Council.Status.APPROVED.dbValue(), now);
        addDomain(councils, domain, councilId, example);
        Council council = councils.findById(councilId).orElseThrow();
        audit.record(handle, AuditLog.Change.of(actor, "council.add", "council", councilId)
                .states(null, AuditStates.json("name", name, "domains", List.of(domain), "status", "approved")));
        return new Registered(council, true);
    }

    private static void addDomain(CouncilDao councils, String domain, long councilId, String example) {
        if (councils.addDomainIfFree(domain, councilId) == 0) {
            throw new InvalidInput("`" + domain + "` was registered by someone else a moment ago. Example: "
                    + example);
        }
    }
}
