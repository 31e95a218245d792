package org.talentpool.council;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.persistence.AuditLog;
import org.talentpool.slack.SlackText;

/**
 * The council register as community admins run it: approving, rejecting, suspending and reinstating
 * councils by email domain, registering councils, hourly rates with their history, and the listing.
 * Every change is made in one transaction with its audit entry and the messages it causes.
 */
public final class CouncilService {
    public static final String COUNCILS_EXAMPLE = "/pool-admin councils pending";
    public static final String APPROVE_EXAMPLE = "/pool-admin approve york.gov.uk";
    public static final String REJECT_EXAMPLE = "/pool-admin reject york.gov.uk Not a UK council";
    public static final String SUSPEND_EXAMPLE = "/pool-admin suspend york.gov.uk Statements unpaid since June";
    public static final String REINSTATE_EXAMPLE = "/pool-admin reinstate york.gov.uk";
    public static final String ADD_COUNCIL_EXAMPLE = "/pool-admin add-council \"City of York Council\" york.gov.uk";
    public static final String RATE_EXAMPLE = "/pool-admin rate york.gov.uk £45.50";
    /** How many councils {@link #list} shows at most. */
    public static final int LIST_LIMIT = 50;

    /** How days are shown to people: {@code 1 Apr 2027}. */
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    private final Jdbi jdbi;
    private final CouncilStatusChanges statusChanges;
    private final JoinRequestDecisions decisions;
    private final CouncilRegistrations registrations;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;

    CouncilService(Jdbi jdbi, CouncilStatusChanges statusChanges, JoinRequestDecisions decisions,
                   CouncilRegistrations registrations, AuditLog audit, Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.statusChanges = statusChanges;
        this.decisions = decisions;
        this.registrations = registrations;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    // --- status changes by command ---

    public Outcome approve(String actor, String domain) {
        return jdbi.inTransaction(handle -> {
            Council council = byDomain(handle, domain, APPROVE_EXAMPLE);
            return switch (council.status()) {
                case APPROVED -> Outcome.unchanged(name(council) + " is approved already.");
                case SUSPENDED -> Outcome.unchanged(name(council) + " is suspended; to lift that, use `"
                        + "/pool-admin reinstate " + domain + "`.");
                default -> statusChanges.change(handle, council.id(), CouncilStatusChanges.APPROVABLE,
                                Council.Status.APPROVED, actor, null, "council.approve")
                        .map(changed -> Outcome.changed("Approved " + name(changed) + ": its staff can offer, find"
                                + " and book hours now."))
                        .orElseGet(() -> raced(handle, council));
            };
        });
    }

    /** Rejects a council that is known or pending, or the open join request of a domain no council has. */
    public Outcome reject(String actor, String domain, String reason) {
        return jdbi.inTransaction(handle -> {
            Optional<Council> registered = handle.attach(CouncilDao.class)
                    .findByAnyDomain(EmailDomains.withParents(domain));
            if (registered.isEmpty()) {
                Optional<JoinRequest> open = handle.attach(JoinRequestDao.class)
                        .findOpen(JoinRequest.openKey(null, domain));
                if (open.isPresent()) {
                    decisions.decide(handle, open.get(), JoinRequest.Status.REJECTED, actor, reason, null, null);
                    return Outcome.changed("Rejected the join request from `" + domain + "`; I've told who asked.");
                }
                throw notRegistered(domain, REJECT_EXAMPLE);
            }
            Council council = registered.get();
            return switch (council.status()) {
                case REJECTED -> Outcome.unchanged(name(council) + " is rejected already.");
                case APPROVED, SUSPENDED -> Outcome.unchanged(name(council) + " is " + council.status().dbValue()
                        + "; to stop its staff using the pool, use `/pool-admin suspend " + domain + "`.");
                default -> statusChanges.change(handle, council.id(), CouncilStatusChanges.REJECTABLE,
                                Council.Status.REJECTED, actor, reason, "council.reject")
                        .map(changed -> Outcome.changed("Rejected " + name(changed) + ": " + SlackText.escape(reason)
                                + ". Anyone who asked to join has been told."))
                        .orElseGet(() -> raced(handle, council));
            };
        });
    }

    /** Suspends an approved council; {@code reason} may be null. */
    public Outcome suspend(String actor, String domain, String reason) {
        return jdbi.inTransaction(handle -> {
            Council council = byDomain(handle, domain, SUSPEND_EXAMPLE);
            if (council.status() != Council.Status.APPROVED) {
                return Outcome.unchanged("Only approved councils can be suspended; " + name(council) + " is "
                        + council.status().dbValue() + ".");
            }
            return statusChanges.change(handle, council.id(), Set.of(Council.Status.APPROVED),
                            Council.Status.SUSPENDED, actor, reason, "council.suspend")
                    .map(changed -> Outcome.changed("Suspended " + name(changed) + ": its staff can't offer, find or"
                            + " book hours until you use `/pool-admin reinstate " + domain + "`."))
                    .orElseGet(() -> raced(handle, council));
        });
    }

    public Outcome reinstate(String actor, String domain) {
        return jdbi.inTransaction(handle -> {
            Council council = byDomain(handle, domain, REINSTATE_EXAMPLE);
            if (council.status() != Council.Status.SUSPENDED) {
                return Outcome.unchanged(name(council) + " isn't suspended (it is " + council.status().dbValue()
                        + ").");
            }
            return statusChanges.change(handle, council.id(), Set.of(Council.Status.SUSPENDED),
                            Council.Status.APPROVED, actor, null, "council.reinstate")
                    .map(changed -> Outcome.changed("Reinstated " + name(changed) + ": its staff can use the pool"
                            + " again."))
                    .orElseGet(() -> raced(handle, council));
        });
    }

    /** {@code add-council "<name>" <domain>}: a new council, approved, or a domain for the council of that name. */
    public Outcome addCouncil(String actor, String name, String domain) {
        return jdbi.inTransaction(handle -> {
            CouncilRegistrations.Registered registered =
                    registrations.register(handle, name, domain, actor, "`" + ADD_COUNCIL_EXAMPLE + "`");
            Council council = registered.council();
            if (council.approved()) {
                decisions.approveOpenRequestsFor(handle, council, actor);
            }
            if (registered.created()) {
                return Outcome.changed("Added " + name(council) + " with `" + domain + "`, approved: its staff can"
                        + " use the pool now.");
            }
            return Outcome.changed("Added `" + domain + "` to " + name(council) + " (" + council.status().dbValue()
                    + (council.approved() ? "" : "; approve it with `/pool-admin approve " + domain + "`") + ").");
        });
    }

    // --- rates by command ---

    /** The council's current rate and the ones before it. */
    public Outcome showRates(String domain) {
        return jdbi.withHandle(handle -> showRates(handle, byDomain(handle, domain, RATE_EXAMPLE), domain));
    }

    /** Sets the council's rate for work from {@code from} (null: today in the pool's time zone) on. */
    public Outcome setRate(String actor, String domain, int pence, LocalDate from) {
        if (pence <= 0 || pence > HourlyRate.MAX_PENCE) {
            throw new InvalidInput("A rate must be more than £0 and at most " + HourlyRate.format(HourlyRate.MAX_PENCE)
                    + " an hour. Example: `" + RATE_EXAMPLE + "`");
        }
        LocalDate start = from != null ? from : LocalDate.now(clock.withZone(zone));
        return jdbi.inTransaction(handle -> {
            Council council = byDomain(handle, domain, RATE_EXAMPLE);
            CouncilDao dao = handle.attach(CouncilDao.class);
            Optional<CouncilDao.Rate> before = dao.rateOn(council.id(), start);
            if (before.isPresent() && before.get().pencePerHour() == pence) {
                return Outcome.unchanged(name(council) + " charges " + HourlyRate.format(pence) + " an hour on "
                        + day(start) + " already.");
            }
            dao.setRate(council.id(), start, pence, actor, OffsetDateTime.now(clock));
            audit.record(handle, AuditLog.Change.of(actor, "council.rate", "council", council.id())
                    .states(before.map(rate -> AuditStates.json("from", rate.effectiveFrom().toString(),
                                    "pencePerHour", rate.pencePerHour())).orElse(null),
                            AuditStates.json("from", start.toString(), "pencePerHour", pence))
                    .detail(council.name()));
            return Outcome.changed(name(council) + " charges " + HourlyRate.format(pence) + " an hour for work from "
                    + day(start) + before.map(rate -> " (was " + HourlyRate.format(rate.pencePerHour()) + ")")
                    .orElse("") + ".");
        });
    }

    private Outcome showRates(Handle handle, Council council, String domain) {
        List<CouncilDao.Rate> history = handle.attach(CouncilDao.class).rateHistory(council.id(), 6);
        if (history.isEmpty()) {
            return Outcome.unchanged(name(council) + " has no hourly rate yet. Set one: `/pool-admin rate " + domain
                    + " £45`");
        }
        StringBuilder text = new StringBuilder("Hourly rates of ").append(name(council)).append(", latest first:");
        for (CouncilDao.Rate rate : history) {
            text.append("\n• ").append(HourlyRate.format(rate.pencePerHour())).append(" from ")
                    .append(day(rate.effectiveFrom())).append(" (set by ").append(SlackText.mention(rate.setBy()))
                    .append(')');
        }
        return Outcome.unchanged(text.toString());
    }

    // --- what a member and the admins see ---

    /** {@code /pool council}: the member's council, its status, leads and rate. */
    public String describe(Member member) {
        Council council = member.council();
        return jdbi.withHandle(handle -> {
            CouncilDao dao = handle.attach(CouncilDao.class);
            List<String> leads = dao.leads(council.id());
            Optional<CouncilDao.Rate> rate = dao.rateOn(council.id(), LocalDate.now(clock.withZone(zone)));
            return "You work for " + name(council) + " (your Slack email is at `" + member.emailDomain() + "`),"
                    + " which is *" + council.status().dbValue() + "* in the pool."
                    + "\nLeads: " + (leads.isEmpty() ? "none yet" : mentions(leads)) + "."
                    + "\nHourly rate: " + rate.map(value -> HourlyRate.format(value.pencePerHour()) + " since "
                    + day(value.effectiveFrom())).orElse("not set yet") + ".";
        });
    }

    /** The listing of {@code /pool-admin councils [status] [words]}: counts, then up to {@link #LIST_LIMIT}. */
    public record Listing(String summary, List<String> lines, String footer) {}

    /** Councils of {@code status} (null: any) whose name, code or a domain contains {@code text} (empty: any). */
    public Listing list(Council.Status status, String text) {
        String pattern = text.isEmpty() ? null : "%" + text.toLowerCase(Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        String statusValue = status == null ? null : status.dbValue();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return jdbi.withHandle(handle -> {
            CouncilDao dao = handle.attach(CouncilDao.class);
            Map<Council.Status, Long> counts = new EnumMap<>(Council.Status.class);
            dao.countByStatus().forEach(count -> counts.put(Council.Status.fromDb(count.status()), count.count()));
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            List<Council> councils = dao.search(statusValue, pattern, LIST_LIMIT);
            long matching = dao.countMatching(statusValue, pattern);
            List<Long> ids = councils.stream().map(Council::id).toList();
            Map<Long, List<String>> domains = ids.isEmpty() ? Map.of() : group(dao.domainsOf(ids));
            Map<Long, List<String>> leads = ids.isEmpty() ? Map.of() : group(dao.leadsOf(ids));
            Map<Long, Integer> rates = ids.isEmpty() ? Map.of() : dao.ratesOn(ids, today).stream()
                    .collect(Collectors.toMap(CouncilDao.Rate::councilId, CouncilDao.Rate::pencePerHour));
            List<String> lines = new ArrayList<>();
            for (Council council : councils) {
                lines.add(line(council, domains.getOrDefault(council.id(), List.of()),
                        leads.getOrDefault(council.id(), List.of()), rates.get(council.id())));
            }
            String summary = "*" + total + " councils*: " + counts.entrySet().stream()
                    .map(entry -> entry.getValue() + " " + entry.getKey().dbValue())
                    .collect(Collectors.joining(", ")) + (total == 0 ? "none yet. Load the register with"
                    + " `scripts/import-councils`, or add one: `" + ADD_COUNCIL_EXAMPLE + "`" : ".");
            String shown = (status == null ? "" : status.dbValue() + " ") + (text.isEmpty() ? ""
                    : "matching \"" + SlackText.escape(text) + "\" ");
            String footer;
            if (matching == 0) {
                footer = total == 0 ? "" : "No councils " + shown.trim() + ".";
            } else if (matching > councils.size()) {
                footer = "Showing " + councils.size() + " of " + matching + " councils " + shown + "(pending first)."
                        + " Narrow it with a status or part of a name or domain: `" + COUNCILS_EXAMPLE + "`,"
                        + " `/pool-admin councils approved york`.";
            } else {
                footer = "";
            }
            return new Listing(summary, lines, footer);
        });
    }

    private String line(Council council, List<String> domains, List<String> leads, Integer ratePence) {
        StringBuilder line = new StringBuilder("• ").append(name(council)).append(" — ")
                .append(domains.isEmpty() ? "no domain" : domains.stream().map(domain -> "`" + domain + "`")
                        .collect(Collectors.joining(", ")))
                .append(" — ").append(council.status().dbValue());
        if (council.statusReason() != null) {
            line.append(" (").append(SlackText.escape(council.statusReason())).append(')');
        }
        if (!leads.isEmpty()) {
            line.append(" — leads ").append(mentions(leads));
        }
        if (ratePence != null) {
            line.append(" — ").append(HourlyRate.format(ratePence)).append("/h");
        }
        return line.toString();
    }

    private static Map<Long, List<String>> group(List<CouncilDao.CouncilValue> values) {
        Map<Long, List<String>> grouped = new LinkedHashMap<>();
        values.forEach(value -> grouped.computeIfAbsent(value.councilId(), id -> new ArrayList<>()).add(value.item()));
        return grouped;
    }

    // --- helpers ---

    private Council byDomain(Handle handle, String domain, String example) {
        return handle.attach(CouncilDao.class).findByAnyDomain(EmailDomains.withParents(domain)).orElseThrow(() -> {
            boolean asked = handle.attach(JoinRequestDao.class).findOpen(JoinRequest.openKey(null, domain)).isPresent();
            if (asked) {
                return new InvalidInput("`" + domain + "` has asked to join but isn't a council yet: name it with `"
                        + "/pool-admin add-council \"Name of the council\" " + domain + "`, or click Approve on its"
                        + " request.");
            }
            return notRegistered(domain, example);
        });
    }

    private static InvalidInput notRegistered(String domain, String example) {
        return new InvalidInput("No council has the domain `" + domain + "`. Add one with `/pool-admin add-council"
                + " \"Name of the council\" " + domain + "`. Example: `" + example + "`");
    }

    /** Someone changed the council between our read and our lock: say what it is now. */
    private static Outcome raced(Handle handle, Council council) {
        Council now = handle.attach(CouncilDao.class).findById(council.id()).orElse(council);
        return Outcome.unchanged(name(now) + " was changed by someone else a moment ago; it is "
                + now.status().dbValue() + " now.");
    }

    static String name(Council council) {
        return "*" + SlackText.escape(council.name()) + "*";
    }

    static String mentions(List<String> userIds) {
        return userIds.stream().map(SlackText::mention).collect(Collectors.joining(", "));
    }

    private String day(LocalDate date) {
        return DAY.format(date);
    }
}
