package org.talentpool.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.council.Council;
import org.talentpool.council.CouncilDao;
import org.talentpool.persistence.AuditLog;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;

/** The sandbox's demo data: loaded once, only into an empty database, marked, with features' seeds. */
class DemoDataTest extends DatabaseTest {
    private MutableClock clock;
    private DemoData demo;

    @BeforeEach
    void emptyDatabase() {
        database.jdbi().useHandle(handle -> {
            for (String table : List.of("demo_record", "demo_person", "demo_seed", "audit_log", "member", "pool_admin",
                    "council_domain", "council")) {
                handle.execute("DELETE FROM " + table);
            }
        });
        clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        demo = new DemoData(database.jdbi(), clock, new AuditLog(database.jdbi(), clock));
    }

    private long count(String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void loadsThreeApprovedCouncilsAndTheirPeopleIntoAnEmptyDatabase() {
        assertThat(demo.loadIfEmpty(List.of())).isEqualTo(DemoData.Outcome.LOADED);

        CouncilDao councils = database.jdbi().onDemand(CouncilDao.class);
        for (String domain : List.of("leeds.gov.uk", "york.gov.uk", "bristol.gov.uk")) {
            assertThat(councils.findByDomain(domain)).get().extracting(Council::status)
                    .isEqualTo(Council.Status.APPROVED);
        }
        assertThat(councils.findByCode("YOR")).get().extracting(Council::name).isEqualTo("City of York Council");
        assertThat(demo.people()).hasSizeBetween(18, 26);
        assertThat(demo.people()).extracting(DemoPerson::kind).contains(DemoPerson.Kind.values());
        DemoPerson admin = demo.people().stream().filter(person -> person.kind() == DemoPerson.Kind.ADMIN).findFirst().orElseThrow();
        assertThat(count("SELECT COUNT(*) FROM pool_admin WHERE user_id = '" + admin.userId() + "'")).isOne();
        assertThat(count("SELECT COUNT(*) FROM demo_seed")).isOne();
        assertThat(count("SELECT COUNT(*) FROM demo_record WHERE table_name = 'council'")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM demo_record WHERE table_name = 'pool_admin'")).isOne();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE actor = 'sandbox' AND action = 'council.approved'"))
                .isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'demo.loaded'")).isOne();
        assertThat(demo.loaded()).isTrue();
    }

    @Test
    void loadsOnlyOnce() {
        demo.loadIfEmpty(List.of());

        assertThat(demo.loadIfEmpty(List.of())).isEqualTo(DemoData.Outcome.ALREADY_LOADED);
        assertThat(count("SELECT COUNT(*) FROM council")).isEqualTo(3);
    }

    @Test
    void neverLoadsIntoADatabaseThatHoldsRealData() {
        database.jdbi().useHandle(handle -> handle.execute("INSERT INTO member (user_id, display_name, refreshed_at)"
                + " VALUES ('U0REAL', 'Real member', ?)", OffsetDateTime.now(clock)));

        assertThat(demo.loadIfEmpty(List.of())).isEqualTo(DemoData.Outcome.DATABASE_NOT_EMPTY);
        assertThat(count("SELECT COUNT(*) FROM council")).isZero();
        assertThat(demo.people()).isEmpty();
        assertThat(demo.loaded()).isFalse();
    }

    @Test
    void anApprovedCouncilMeansTheDatabaseIsInUse() {
        database.jdbi().useExtension(CouncilDao.class, dao -> dao.insertCouncil("ABC", "Some Council", "Some",
                "England", "District", "approved", OffsetDateTime.now(clock)));

        assertThat(demo.loadIfEmpty(List.of())).isEqualTo(DemoData.Outcome.DATABASE_NOT_EMPTY);
    }

    @Test
    void aRegisterOfKnownCouncilsIsStillEmptyAndTheDemoCouncilsAreApprovedInIt() {
        long york = database.jdbi().withExtension(CouncilDao.class, dao -> {
            long id = dao.insertCouncil("YOR", "City of York Council", "York", "England", "Unitary authority", "known",
                    OffsetDateTime.now(clock));
            dao.insertDomain("york.gov.uk", id);
            dao.insertCouncil("SHF", "Sheffield City Council", "Sheffield", "England", "Metropolitan district", "known",
                    OffsetDateTime.now(clock));
            return id;
        });

        assertThat(demo.loadIfEmpty(List.of())).isEqualTo(DemoData.Outcome.LOADED);

        CouncilDao councils = database.jdbi().onDemand(CouncilDao.class);
        assertThat(councils.findByDomain("york.gov.uk")).get().satisfies(council -> {
            assertThat(council.id()).isEqualTo(york);
            assertThat(council.status()).isEqualTo(Council.Status.APPROVED);
        });
        assertThat(councils.findByCode("SHF")).get().extracting(Council::status).isEqualTo(Council.Status.KNOWN);
        assertThat(count("SELECT COUNT(*) FROM council")).isEqualTo(4);
    }

    @Test
    void featureSeedsRunInOrderInTheSameTransactionAndMarkTheirRows() {
        List<String> ran = new ArrayList<>();
        DemoSeed first = context -> {
            ran.add("first");
            assertThat(context.people(DemoPerson.Kind.SPECIALIST)).isNotEmpty();
            long leeds = context.councilId("LDS");
            context.handle().execute("INSERT INTO pool_admin (user_id, added_by, added_at) VALUES ('U0SEEDED', ?, ?)",
                    "seed-" + leeds, OffsetDateTime.now(context.clock()));
            context.mark("pool_admin", "U0SEEDED");
        };
        DemoSeed second = context -> ran.add("second");

        demo.loadIfEmpty(new DemoSeeds().add(first).add(second).all());

        assertThat(ran).containsExactly("first", "second");
        assertThat(count("SELECT COUNT(*) FROM demo_record WHERE record_key = 'U0SEEDED'")).isOne();
    }

    @Test
    void aFailingSeedLoadsNothingAtAll() {
        DemoSeed broken = context -> {
            throw new IllegalStateException("no skills table");
        };

        assertThatThrownBy(() -> demo.loadIfEmpty(List.of(broken))).hasMessageContaining("no skills table");

        assertThat(count("SELECT COUNT(*) FROM council")).isZero();
        assertThat(count("SELECT COUNT(*) FROM demo_person")).isZero();
        assertThat(demo.loaded()).isFalse();
    }

    @Test
    void thePeopleTellAConsistentStory() {
        List<DemoPerson> people = DemoData.readPeople();
        Map<String, DemoPerson> byId = people.stream().collect(Collectors.toMap(DemoPerson::userId, person -> person));
        Set<String> councilDomains = DemoData.readCouncils().stream().flatMap(council -> council.domains().stream())
                .collect(Collectors.toSet());

        assertThat(byId).hasSameSizeAs(people);
        assertThat(people).extracting(DemoPerson::email).doesNotHaveDuplicates();
        for (DemoPerson person : people) {
            assertThat(person.userId()).matches("U[A-Z0-9]{2,}");
            String domain = person.email().substring(person.email().indexOf('@') + 1);
            if (person.kind() == DemoPerson.Kind.OUTSIDER) {
                assertThat(councilDomains).doesNotContain(domain);
                continue;
            }
            assertThat(councilDomains).as(person.userId()).contains(domain);
            if (person.kind() == DemoPerson.Kind.SPECIALIST) {
                assertThat(person.skills()).as(person.userId()).isNotEmpty();
                assertThat(person.weeklyMinutes()).as(person.userId()).isPositive().isLessThanOrEqualTo(37 * 60 + 30);
                DemoPerson manager = byId.get(person.lineManagerId().orElseThrow());
                assertThat(manager.kind()).isEqualTo(DemoPerson.Kind.LINE_MANAGER);
                assertThat(manager.councilCode()).isEqualTo(person.councilCode());
            }
        }
        assertThat(people.stream().filter(person -> person.kind() == DemoPerson.Kind.SPECIALIST).count())
                .isGreaterThanOrEqualTo(15);
    }
}
