package org.talentpool.search;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.availability.ListingIndex;
import org.talentpool.availability.PermissionDao;
import org.talentpool.availability.Skills;
import org.talentpool.availability.SpecialistDao;
import org.talentpool.availability.Weeks;
import org.talentpool.council.CouncilDao;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.ServiceHarness;

/**
 * Councils, members and specialists (profile, skills, approved permission) written straight to the database, for
 * search and booking tests. Week rows are not created: they appear when someone first asks, as in production.
 */
public final class ExpertFixture {
    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    public static final String MANAGER = "U0MGR001";

    private final Jdbi jdbi;
    private final Clock clock;

    public ExpertFixture(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * In a service of its own: Leeds with a GIS specialist ({@code U0GIS}), and York, whose member {@code searcher}
     * (Kim Lee) the fake Slack knows; returns that fake Slack.
     */
    public static FakeSlack gisAtLeedsForYork(ServiceHarness service, String searcher) {
        ExpertFixture fixture = new ExpertFixture(service.jdbi(), service.clock());
        long leeds = fixture.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        fixture.council("YOR", "City of York Council", "york.gov.uk", "approved");
        fixture.specialist("U0GIS", "leeds.gov.uk", leeds, "GIS officer", "Maps", 4, "GIS");
        return service.slack().user(searcher, "Kim Lee", "kim.lee@york.gov.uk");
    }

    /** Empties every table search and booking tests touch (database tests share one database per class). */
    public void clear() {
        jdbi.useHandle(handle -> {
            for (String table : List.of("booking", "search_demand", "home_refresh", "specialist_week", "specialist_skill",
                    "permission", "skill", "specialist", "member", "council_domain", "council", "audit_log",
                    "outbox")) {
                handle.execute("DELETE FROM " + table);
            }
        });
    }

    public long council(String code, String name, String domain, String status) {
        return jdbi.withExtension(CouncilDao.class, dao -> {
            long id = dao.insertCouncil(code, name, name, "England", "Unitary authority", status,
                    OffsetDateTime.now(clock));
            dao.insertDomain(domain, id);
            return id;
        });
    }

    /** A member of a council, as the membership gate would have cached them (fresh now). */
    public void member(String userId, String name, String domain, long councilId) {
        jdbi.useExtension(CouncilDao.class, dao -> dao.upsertMember(userId, name, domain, councilId,
                OffsetDateTime.now(clock)));
    }

    /**
     * A specialist of {@code councilId} offering {@code hours} a week, with permission for that many hours for a
     * year, listed unless the council is not approved.
     */
    public void specialist(String userId, String domain, long councilId, String title, String bio, double hours,
                           String... skills) {
        int minutes = (int) Math.round(hours * 60);
        member(userId, "Name " + userId, domain, councilId);
        jdbi.useExtension(SpecialistDao.class, dao -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            dao.insert(userId, title, bio, minutes, MANAGER, now);
            for (String skill : skills) {
                Skills.SkillName name = Skills.of(skill).orElseThrow();
                dao.insertSkill(name.name(), name.displayName(), now);
                dao.skillsNamed(List.of(name.name())).forEach(row -> dao.addSkill(userId, row.id()));
            }
        });
        approve(userId, minutes, Weeks.today(clock, LONDON).plusYears(1));
    }

    /**
     * Brings a specialist's search listing up to date after this fixture wrote their rows directly, as the services
     * do in the transaction of each change ({@link ListingIndex}).
     */
    public void listed(String userId) {
        jdbi.useTransaction(handle -> new ListingIndex(jdbi, clock, LONDON).refresh(handle, userId));
    }

    /** An approved permission for up to {@code capMinutes} a week, valid until {@code expiresOn}. */
    public long approve(String userId, int capMinutes, LocalDate expiresOn) {
        return jdbi.inTransaction(handle -> {
            PermissionDao dao = handle.attach(PermissionDao.class);
            long id = dao.request(userId, MANAGER, capMinutes, OffsetDateTime.now(clock));
            dao.approve(id, MANAGER, OffsetDateTime.now(clock), expiresOn);
            dao.supersedeApproved(userId, id);
            new ListingIndex(jdbi, clock, LONDON).refresh(handle, userId);
            return id;
        });
    }

    public void pause(String userId) {
        jdbi.useExtension(SpecialistDao.class, dao -> dao.setPaused(userId, true, OffsetDateTime.now(clock)));
        listed(userId);
    }

    public void revoke(String userId) {
        jdbi.useExtension(PermissionDao.class, dao -> dao.approved(userId)
                .ifPresent(permission -> dao.revoke(permission.id(), MANAGER, OffsetDateTime.now(clock))));
        listed(userId);
    }

    public void councilStatus(long councilId, String status) {
        jdbi.useExtension(CouncilDao.class, dao -> dao.updateStatus(councilId, status, null, OffsetDateTime.now(clock)));
        jdbi.useTransaction(handle -> new ListingIndex(jdbi, clock, LONDON).refreshCouncil(handle, councilId));
    }
}
