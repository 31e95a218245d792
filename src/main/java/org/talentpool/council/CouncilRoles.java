package org.talentpool.council;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.persistence.AuditLog;
import org.talentpool.slack.Outbox;
import org.talentpool.slack.SlackText;

/**
 * Who speaks for a council (its leads) and who runs the pool (community admins). A lead must work for
 * the council by the verified email of their Slack profile. Admins from {@code POOL_ADMINS} cannot be
 * removed by command, and the last admin cannot be removed at all.
 */
public final class CouncilRoles {
    public static final String LEAD_EXAMPLE = "/pool-admin lead york.gov.uk @Sam";
    public static final String ADMINS_EXAMPLE = "/pool-admin admins add @Sam";

    private final Jdbi jdbi;
    private final Membership membership;
    private final AdminDirectory admins;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;

    CouncilRoles(Jdbi jdbi, Membership membership, AdminDirectory admins, AuditLog audit, Outbox outbox,
                 Clock clock) {
        this.jdbi = jdbi;
        this.membership = membership;
        this.admins = admins;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    // --- leads ---

    public Outcome showLeads(String domain) {
        Council council = councilOf(domain);
        List<String> leads = jdbi.withExtension(CouncilDao.class, dao -> dao.leads(council.id()));
        return Outcome.unchanged(leads.isEmpty()
                ? CouncilService.name(council) + " has no lead yet. Appoint one: `" + LEAD_EXAMPLE + "`"
                : "Leads of " + CouncilService.name(council) + ": " + CouncilService.mentions(leads) + ".");
    }

    public Outcome addLead(String actor, String domain, String userId) {
        Council council = councilOf(domain);
        requireWorksFor(userId, council);
        return jdbi.inTransaction(handle -> {
            CouncilDao dao = handle.attach(CouncilDao.class);
            List<String> before = dao.leads(council.id());
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (dao.addLead(council.id(), userId, actor, now) == 0) {
                return Outcome.unchanged(SlackText.mention(userId) + " is a lead of " + CouncilService.name(council)
                        + " already.");
            }
            audit.record(handle, AuditLog.Change.of(actor, "council.lead_add", "council", council.id())
                    .states(AuditStates.json("leads", before), AuditStates.json("leads", dao.leads(council.id())))
                    .detail(council.name()));
            outbox.enqueue(handle, CouncilNotices.leadAppointed(council, userId, actor,
                    now.toInstant().toEpochMilli()));
            return Outcome.changed(SlackText.mention(userId) + " is now a lead of " + CouncilService.name(council)
                    + "; I've told them.");
        });
    }

    public Outcome removeLead(String actor, String domain, String userId) {
        Council council = councilOf(domain);
        return jdbi.inTransaction(handle -> {
            CouncilDao dao = handle.attach(CouncilDao.class);
            List<String> before = dao.leads(council.id());
            if (dao.removeLead(council.id(), userId) == 0) {
                return Outcome.unchanged(SlackText.mention(userId) + " isn't a lead of " + CouncilService.name(council)
                        + ".");
            }
            audit.record(handle, AuditLog.Change.of(actor, "council.lead_remove", "council", council.id())
                    .states(AuditStates.json("leads", before), AuditStates.json("leads", dao.leads(council.id())))
                    .detail(council.name()));
            return Outcome.changed(SlackText.mention(userId) + " is no longer a lead of "
                    + CouncilService.name(council) + ".");
        });
    }

    private Council councilOf(String domain) {
        return jdbi.withExtension(CouncilDao.class, dao -> dao.findByAnyDomain(EmailDomains.withParents(domain)))
                .orElseThrow(() -> new InvalidInput("No council has the domain `" + domain + "`. Example: `"
                        + LEAD_EXAMPLE + "`"));
    }

    /** A lead works for the council: their Slack profile's verified email says so, not the admin. */
    private void requireWorksFor(String userId, Council council) {
        Access access = membership.check(userId);
        String who = SlackText.mention(userId);
        if (access instanceof Access.Allowed allowed && allowed.member().council().id() == council.id()
                || access instanceof Access.CouncilNotApproved notApproved
                        && notApproved.member().council().id() == council.id()) {
            return;
        }
        if (access instanceof Access.Allowed allowed) {
            throw notTheirCouncil(who, allowed.member().council().name(), council);
        }
        if (access instanceof Access.CouncilNotApproved notApproved) {
            throw notTheirCouncil(who, notApproved.member().council().name(), council);
        }
        if (access instanceof Access.UnknownDomain unknown) {
            throw new InvalidInput(who + "'s Slack email is at `" + unknown.emailDomain() + "`, which isn't a domain"
                    + " of " + CouncilService.name(council) + "; a lead must work for the council.");
        }
        if (access instanceof Access.NoEmail) {
            throw new InvalidInput("I can't see an email on " + who + "'s Slack profile, so I can't check they work"
                    + " for " + CouncilService.name(council) + ".");
        }
        throw new InvalidInput("I couldn't reach Slack to check " + who + "'s profile just now; try again in a"
                + " minute.");
    }

    private static InvalidInput notTheirCouncil(String who, String theirCouncil, Council council) {
        return new InvalidInput(who + " works for " + SlackText.escape(theirCouncil) + " by their Slack email, not "
                + CouncilService.name(council) + "; a lead must work for the council.");
    }

    // --- community admins ---

    public Outcome showAdmins() {
        List<String> configured = admins.configuredAdmins().stream().sorted().toList();
        List<String> appointed = admins.appointedAdmins();
        List<String> parts = new ArrayList<>();
        if (!configured.isEmpty()) {
            parts.add("from the POOL_ADMINS setting " + CouncilService.mentions(configured));
        }
        if (!appointed.isEmpty()) {
            parts.add("appointed " + CouncilService.mentions(appointed));
        }
        return Outcome.unchanged("Community admins: " + (parts.isEmpty() ? "none" : String.join("; ", parts)) + ".");
    }

    public Outcome addAdmin(String actor, String userId) {
        if (admins.configuredAdmins().contains(userId)) {
            return Outcome.unchanged(SlackText.mention(userId)
                    + " is an admin already (from the POOL_ADMINS setting).");
        }
        return jdbi.inTransaction(handle -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (handle.attach(CouncilDao.class).addAdmin(userId, actor, now) == 0) {
                return Outcome.unchanged(SlackText.mention(userId) + " is an admin already.");
            }
            audit.record(handle, AuditLog.Change.of(actor, "admin.add", "admin", userId)
                    .states(AuditStates.json("admin", false), AuditStates.json("admin", true)));
            outbox.enqueue(handle, CouncilNotices.adminAppointed(userId, actor, now.toInstant().toEpochMilli()));
            return Outcome.changed(SlackText.mention(userId) + " is now a community admin; I've told them.");
        });
    }

    public Outcome removeAdmin(String actor, String userId) {
        if (admins.configuredAdmins().contains(userId)) {
            return Outcome.unchanged(SlackText.mention(userId) + " is an admin from the POOL_ADMINS setting; only"
                    + " changing that setting (and restarting) removes them.");
        }
        return jdbi.inTransaction(handle -> {
            CouncilDao dao = handle.attach(CouncilDao.class);
            List<String> appointed = dao.lockAppointedAdmins();
            if (!appointed.contains(userId)) {
                return Outcome.unchanged(SlackText.mention(userId) + " isn't a community admin.");
            }
            if (admins.configuredAdmins().size() + appointed.size() <= 1) {
                return Outcome.unchanged(SlackText.mention(userId) + " is the last community admin; appoint another"
                        + " first (`" + ADMINS_EXAMPLE + "`), so someone can still run the pool.");
            }
            dao.removeAdmin(userId);
            audit.record(handle, AuditLog.Change.of(actor, "admin.remove", "admin", userId)
                    .states(AuditStates.json("admin", true), AuditStates.json("admin", false)));
            return Outcome.changed(SlackText.mention(userId) + " is no longer a community admin.");
        });
    }

    /** A council's leads, in the order they were appointed. */
    public List<String> leads(long councilId) {
        return jdbi.withExtension(CouncilDao.class, dao -> dao.leads(councilId));
    }

    /** The councils a user leads, e.g. to let them see their council's statements. */
    public List<Council> ledBy(String userId) {
        return jdbi.withExtension(CouncilDao.class, dao -> dao.ledBy(userId));
    }
}
