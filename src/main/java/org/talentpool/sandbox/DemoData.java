package org.talentpool.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.council.Council;
import org.talentpool.council.CouncilDao;
import org.talentpool.council.EmailDomains;
import org.talentpool.persistence.AuditLog;

/**
 * The sandbox's demo data: three approved councils from the register ({@code sandbox/demo-councils.csv}) and
 * about twenty people ({@code sandbox/demo-people.csv}): specialists, line managers, a requester, a community
 * admin and someone from a council outside the pool. It is loaded, with every feature's {@link DemoSeed}, only
 * into an empty database, once, and marked ({@code demo_seed}, {@code demo_person}, {@code demo_record}).
 */
public final class DemoData {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    /** The actor named in the audit log for what the demo data did. */
    public static final String ACTOR = "sandbox";

    public enum Outcome { LOADED, ALREADY_LOADED, DATABASE_NOT_EMPTY }

    /** A council of the demo, as in the register. */
    record DemoCouncil(String code, String name, String shortName, String nation, String type, List<String> domains) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;

    public DemoData(Jdbi jdbi, Clock clock, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
    }

    /** Loads the demo data if the database is empty and it was never loaded. */
    public Outcome loadIfEmpty(List<DemoSeed> seeds) {
        List<DemoCouncil> councils = readCouncils();
        List<DemoPerson> people = readPeople();
        Outcome outcome = jdbi.inTransaction(handle -> {
            DemoDao demo = handle.attach(DemoDao.class);
            if (demo.loaded()) {
                return Outcome.ALREADY_LOADED;
            }
            if (!demo.empty()) {
                return Outcome.DATABASE_NOT_EMPTY;
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (demo.markLoaded(now) == 0) {
                return Outcome.ALREADY_LOADED;
            }
            DemoContext context = new DemoContext(handle, clock, people, approve(handle, councils, now));
            for (DemoPerson person : people) {
                demo.insertPerson(person.userId(), person.displayName(), person.title(), person.email(),
                        person.kind().dbValue(), person.councilCode().orElse(null), person.lineManagerId().orElse(null),
                        String.join(DemoDao.SKILL_SEPARATOR, person.skills()), person.weeklyMinutes(), person.position());
                if (person.kind() == DemoPerson.Kind.ADMIN) {
                    demo.appointAdmin(person.userId(), ACTOR, now);
                    context.mark("pool_admin", person.userId());
                    audit.record(handle, AuditLog.Change.of(ACTOR, "admin.appointed", "member", person.userId())
                            .detail("demo data"));
                }
            }
            for (DemoSeed seed : seeds) {
                try {
                    seed.seed(context);
                } catch (Exception e) {
                    throw new IllegalStateException("The demo data of " + seed.getClass().getName() + " failed: "
                            + e.getMessage(), e);
                }
            }
            audit.record(handle, AuditLog.Change.of(ACTOR, "demo.loaded", "demo_seed", 1)
                    .detail(councils.size() + " councils, " + people.size() + " people, " + seeds.size()
                            + " feature seeds"));
            return Outcome.LOADED;
        });
        log.info("Sandbox demo data: {}", switch (outcome) {
            case LOADED -> "loaded " + councils.size() + " councils and " + people.size() + " people";
            case ALREADY_LOADED -> "already loaded";
            case DATABASE_NOT_EMPTY -> "not loaded, the database already holds data";
        });
        return outcome;
    }

    /** Approves the demo councils: added if the register does not have them yet, else the known ones approved. */
    private Map<String, Long> approve(Handle handle, List<DemoCouncil> councils, OffsetDateTime now) {
        CouncilDao dao = handle.attach(CouncilDao.class);
        Map<String, Long> ids = new LinkedHashMap<>();
        for (DemoCouncil council : councils) {
            Optional<Council> known = dao.findByCode(council.code());
            long id = known.isPresent() ? known.get().id()
                    : dao.insertCouncil(council.code(), council.name(), council.shortName(), council.nation(),
                            council.type(), Council.Status.APPROVED.dbValue(), now);
            if (known.isPresent()) {
                dao.updateStatus(id, Council.Status.APPROVED.dbValue(), null, now);
            }
            for (String domain : council.domains()) {
                if (dao.findByDomain(domain).isEmpty()) {
                    dao.insertDomain(domain, id);
                }
            }
            DemoContext.mark(handle, "council", id);
            audit.record(handle, AuditLog.Change.of(ACTOR, "council.approved", "council", id)
                    .states(known.map(c -> c.status().dbValue()).orElse(null), Council.Status.APPROVED.dbValue())
                    .detail("demo data"));
            ids.put(council.code(), id);
        }
        return ids;
    }

    public boolean loaded() {
        return jdbi.withExtension(DemoDao.class, DemoDao::loaded);
    }

    /** The demo people, in the order the sandbox lists them. */
    public List<DemoPerson> people() {
        return jdbi.withExtension(DemoDao.class, DemoDao::people);
    }

    public Optional<DemoPerson> person(String userId) {
        return jdbi.withExtension(DemoDao.class, dao -> dao.person(userId));
    }

    public Optional<DemoPerson> personByEmail(String email) {
        return jdbi.withExtension(DemoDao.class, dao -> dao.personByEmail(email));
    }

    static List<DemoCouncil> readCouncils() {
        List<DemoCouncil> councils = new ArrayList<>();
        for (CSVRecord row : csv("sandbox/demo-councils.csv")) {
            List<String> domains = Arrays.stream(row.get("email_domains").split(";"))
                    .map(EmailDomains::normalise).flatMap(Optional::stream).toList();
            councils.add(new DemoCouncil(row.get("code"), row.get("official_name"), row.get("short_name"),
                    row.get("nation"), row.get("type"), domains));
        }
        return councils;
    }

    static List<DemoPerson> readPeople() {
        List<DemoPerson> people = new ArrayList<>();
        for (CSVRecord row : csv("sandbox/demo-people.csv")) {
            String hours = row.get("weekly_hours");
            int minutes = hours.isBlank() ? 0 : new BigDecimal(hours).multiply(BigDecimal.valueOf(60)).intValueExact();
            people.add(new DemoPerson(row.get("user_id"), row.get("display_name"), row.get("title"), row.get("email"),
                    DemoPerson.Kind.fromDb(row.get("kind")), blankToEmpty(row.get("council_code")),
                    blankToEmpty(row.get("line_manager_id")),
                    row.get("skills").isBlank() ? List.of()
                            : Arrays.stream(row.get("skills").split(";")).map(String::trim).toList(),
                    minutes, people.size() + 1));
        }
        return people;
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static List<CSVRecord> csv(String resource) {
        InputStream stream = DemoData.class.getClassLoader().getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("Missing resource " + resource);
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
