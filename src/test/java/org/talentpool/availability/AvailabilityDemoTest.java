package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.persistence.AuditLog;
import org.talentpool.sandbox.DemoData;
import org.talentpool.sandbox.DemoPerson;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;

/**
 * The availability feature's sandbox demo data on H2 and PostgreSQL: the demo people become members, the demo
 * specialists searchable with their skills, permission and hours this week and next, all marked as demo data.
 */
class AvailabilityDemoTest extends DatabaseTest {
    // Wednesday 2 December 2026: this week starts Monday 30 November.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final LocalDate thisWeek = LocalDate.parse("2026-11-30");
    private DemoData demo;
    private WeeklyCapacity capacity;

    @BeforeEach
    void emptyDatabase() {
        database.jdbi().useHandle(handle -> {
            for (String table : List.of("specialist_week", "specialist_skill", "permission", "skill", "specialist",
                    "demo_record", "demo_person", "demo_seed", "audit_log", "member", "pool_admin", "council_domain",
                    "council")) {
                handle.execute("DELETE FROM " + table);
            }
        });
        AuditLog audit = new AuditLog(database.jdbi(), clock);
        demo = new DemoData(database.jdbi(), clock, audit);
        capacity = new WeeklyCapacity(database.jdbi(), clock, AvailabilityFixture.LONDON);
        assertThat(demo.loadIfEmpty(List.of(new AvailabilityDemo(capacity, AvailabilityFixture.LONDON, audit))))
                .isEqualTo(DemoData.Outcome.LOADED);
    }

    private long count(String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void everyDemoSpecialistCanBeFoundWithTheirSkillsAndHours() {
        List<DemoPerson> specialists = demo.people().stream()
                .filter(person -> person.kind() == DemoPerson.Kind.SPECIALIST).toList();
        assertThat(specialists).hasSizeGreaterThanOrEqualTo(12);
        for (DemoPerson person : specialists) {
            boolean searchable = database.jdbi().withExtension(SpecialistDao.class, dao -> dao.isSearchable(
                    person.userId(), LocalDate.parse("2026-12-02")));
            assertThat(searchable).as(person.userId()).isTrue();
            List<SpecialistDao.SkillRow> skills = database.jdbi().withExtension(SpecialistDao.class,
                    dao -> dao.skillsOf(person.userId()));
            assertThat(skills).extracting(SpecialistDao.SkillRow::displayName)
                    .containsExactlyInAnyOrderElementsOf(person.skills());
            for (LocalDate week : List.of(thisWeek, thisWeek.plusWeeks(1))) {
                WeekCapacity hours = capacity.capacity(person.userId(), week).orElseThrow();
                assertThat(hours.offeredMinutes()).as(person.userId() + " " + week).isEqualTo(person.weeklyMinutes());
                assertThat(hours.leftMinutes()).isEqualTo(person.weeklyMinutes());
            }
        }
        DemoPerson gis = specialists.stream().filter(person -> person.userId().equals("ULDS02")).findFirst()
                .orElseThrow();
        Specialist profile = database.jdbi().withExtension(SpecialistDao.class, dao -> dao.find("ULDS02"))
                .orElseThrow();
        assertThat(profile.managerId()).isEqualTo(gis.lineManagerId().orElseThrow());
        assertThat(profile.bio()).isEqualTo("GIS Analyst, Planning and Sustainable Development at Leeds City Council."
                + " I can help other councils with GIS, QGIS, PostGIS, Python and spatial analysis.");
    }

    @Test
    void everyoneWithACouncilIsAMemberAndEveryRowIsMarked() {
        long withCouncil = demo.people().stream().filter(person -> person.councilCode().isPresent()).count();
        long specialists = count("SELECT COUNT(*) FROM specialist");

        assertThat(count("SELECT COUNT(*) FROM member WHERE council_id IS NOT NULL")).isEqualTo(withCouncil);
        assertThat(count("SELECT COUNT(*) FROM member WHERE user_id = 'USHF01'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM demo_record WHERE table_name = 'member'")).isEqualTo(withCouncil);
        assertThat(count("SELECT COUNT(*) FROM demo_record WHERE table_name = 'specialist'")).isEqualTo(specialists);
        assertThat(count("SELECT COUNT(*) FROM demo_record WHERE table_name = 'permission'")).isEqualTo(specialists);
        assertThat(count("SELECT COUNT(*) FROM demo_record WHERE table_name = 'specialist_week'"))
                .isEqualTo(2 * specialists);
        assertThat(count("SELECT COUNT(*) FROM demo_record WHERE table_name = 'skill'"))
                .isEqualTo(count("SELECT COUNT(*) FROM skill"));
        assertThat(count("SELECT COUNT(*) FROM demo_record WHERE table_name = 'specialist_skill'"))
                .isEqualTo(count("SELECT COUNT(*) FROM specialist_skill"));
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE actor = 'sandbox' AND action = 'permission.approved'"))
                .isEqualTo(specialists);
    }
}
