package org.talentpool.availability;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.council.CouncilDao;

/** Councils, members, profiles and permissions written straight to the database for database tests. */
final class AvailabilityFixture {
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final Jdbi jdbi;
    private final Clock clock;

    AvailabilityFixture(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Empties every table this feature and its tests touch. */
    void clear() {
        jdbi.useHandle(handle -> {
            for (String table : new String[] {"specialist_week", "specialist_skill", "permission", "skill",
                    "specialist", "member", "council_domain", "council", "audit_log", "outbox"}) {
                handle.execute("DELETE FROM " + table);
            }
        });
    }

    long council(String code, String name, String domain, String status) {
        return jdbi.withExtension(CouncilDao.class, dao -> {
            long id = dao.insertCouncil(code, name, name, "England", "Unitary authority", status,
                    OffsetDateTime.now(clock));
            dao.insertDomain(domain, id);
            return id;
        });
    }

    void member(String userId, String domain, long councilId) {
        jdbi.useExtension(CouncilDao.class, dao -> dao.upsertMember(userId, "Name " + userId, domain, councilId,
                OffsetDateTime.now(clock)));
    }

    /** A profile with one skill and the given default, without permission. */
    void specialist(String userId, String managerId, int defaultMinutes, String... skills) {
        jdbi.useExtension(SpecialistDao.class, dao -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            dao.insert(userId, "GIS analyst", "Maps for planning.", defaultMinutes, managerId, now);
            for (String skill : skills.length == 0 ? new String[] {"GIS"} : skills) {
                Skills.SkillName name = Skills.of(skill).orElseThrow();
                dao.insertSkill(name.name(), name.displayName(), now);
                dao.skillsNamed(java.util.List.of(name.name())).forEach(row -> dao.addSkill(userId, row.id()));
            }
        });
    }

    /** An approved permission for the specialist, valid until {@code expiresOn}. */
    long approve(String userId, String managerId, int capMinutes, LocalDate expiresOn) {
        return jdbi.withExtension(PermissionDao.class, dao -> {
            long id = dao.request(userId, managerId, capMinutes, OffsetDateTime.now(clock));
            dao.approve(id, managerId, OffsetDateTime.now(clock), expiresOn);
            return id;
        });
    }

    long approve(String userId, String managerId, int capMinutes) {
        return approve(userId, managerId, capMinutes, Weeks.today(clock, LONDON).plusYears(1));
    }
}
