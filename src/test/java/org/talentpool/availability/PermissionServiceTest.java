package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.home.HomeRefresher;
import org.talentpool.persistence.AuditLog;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;

/** The organisation's permission and who is searchable, on H2 and PostgreSQL. */
class PermissionServiceTest extends DatabaseTest {
    private static final String JO = "U0JO0001";
    private static final String SAM = "U0SAM001";
    private static final String ALEX = "U0ALEX01";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final LocalDate thisWeek = LocalDate.parse("2026-11-30");
    private final List<String> notices = new ArrayList<>();
    private AvailabilityFixture fixture;
    private WeeklyCapacity capacity;
    private PermissionService permissions;
    private AvailabilityService availability;
    private AuditLog audit;
    private long leeds;

    @BeforeEach
    void setUp() {
        fixture = new AvailabilityFixture(database.jdbi(), clock);
        fixture.clear();
        audit = new AuditLog(database.jdbi(), clock);
        capacity = new WeeklyCapacity(database.jdbi(), clock, AvailabilityFixture.LONDON);
        database.jdbi().useHandle(handle -> handle.execute("DELETE FROM home_refresh"));
        HomeRefresher homes = new HomeRefresher(database.jdbi(), clock);
        ListingListener listing = (handle, specialistId, reason, at) ->
                notices.add("unlisted " + specialistId + " " + reason + " " + at);
        permissions = new PermissionService(database.jdbi(), clock, AvailabilityFixture.LONDON, audit,
                new RecordingNotifier(), capacity, homes, listing);
        availability = new AvailabilityService(database.jdbi(), clock, AvailabilityFixture.LONDON, audit, capacity,
                permissions, homes, listing);
        leeds = fixture.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        for (String user : List.of(JO, SAM, ALEX)) {
            fixture.member(user, "leeds.gov.uk", leeds);
        }
        fixture.specialist(JO, SAM, 240);
    }

    @Test
    void askingTwiceForTheSameHoursSendsOneRequest() {
        Optional<Permission> first = ask(240, true);
        Optional<Permission> again = ask(240, true);

        assertThat(first).isPresent();
        assertThat(first.get().capMinutes()).isEqualTo(240);
        assertThat(first.get().status()).isEqualTo(Permission.Status.REQUESTED);
        assertThat(again).isEmpty();
        assertThat(notices).containsExactly("ask " + first.get().id() + " " + SAM + " 240");
        assertThat(standing().kind()).isEqualTo(PermissionStanding.Kind.AWAITING);
    }

    @Test
    void approvalMakesTheSpecialistSearchableAndOffersTheirHours() {
        long id = ask(240, true).orElseThrow().id();
        assertThat(availability.isSearchable(JO)).isFalse();

        PermissionService.Answer answer = permissions.approve(id, SAM, Optional.empty());

        assertThat(answer).isInstanceOf(PermissionService.Answer.Done.class);
        Permission approved = ((PermissionService.Answer.Done) answer).permission();
        assertThat(approved.expiresOn()).isEqualTo(LocalDate.parse("2027-12-02"));
        assertThat(approved.decidedAt()).isNotNull();
        assertThat(availability.isSearchable(JO)).isTrue();
        assertThat(capacity.capacity(JO, thisWeek).orElseThrow().offeredMinutes()).isEqualTo(240);
        assertThat(audit.forSubject("permission", String.valueOf(id))).extracting(AuditLog.Entry::action)
                .containsExactly("permission.requested", "permission.approved");
    }

    @Test
    void onlyTheNamedManagerCanAnswerAndADoubleClickChangesNothingTwice() {
        long id = ask(240, true).orElseThrow().id();

        assertThat(permissions.approve(id, ALEX, Optional.empty())).isInstanceOf(PermissionService.Answer.NotYours.class);
        assertThat(permissions.decline(id, ALEX, Optional.empty())).isInstanceOf(PermissionService.Answer.NotYours.class);
        assertThat(permissions.approve(id, SAM, Optional.empty())).isInstanceOf(PermissionService.Answer.Done.class);
        assertThat(permissions.approve(id, SAM, Optional.empty()))
                .isInstanceOf(PermissionService.Answer.AlreadySettled.class);
        assertThat(permissions.decline(id, SAM, Optional.empty()))
                .isInstanceOf(PermissionService.Answer.AlreadySettled.class);

        assertThat(notices).filteredOn(notice -> notice.startsWith("approved")).hasSize(1);
        assertThat(notices).noneMatch(notice -> notice.startsWith("declined"));
        assertThat(audit.forSubject("permission", String.valueOf(id))).extracting(AuditLog.Entry::action)
                .containsExactly("permission.requested", "permission.refused", "permission.refused",
                        "permission.approved");
    }

    @Test
    void raisingAboveTheCapAsksAgainAndCapsTheOfferUntilApproved() {
        permissions.approve(ask(240, true).orElseThrow().id(), SAM, Optional.empty());

        AvailabilityService.Outcome outcome = availability.setDefault(JO, 360);

        Permission raise = ((AvailabilityService.Outcome.Done) outcome).askedManager().orElseThrow();
        assertThat(raise.capMinutes()).isEqualTo(360);
        WeekCapacity week = capacity.capacity(JO, thisWeek).orElseThrow();
        assertThat(week.requestedMinutes()).isEqualTo(360);
        assertThat(week.offeredMinutes()).isEqualTo(240);
        assertThat(standing().kind()).isEqualTo(PermissionStanding.Kind.APPROVED_RAISE_PENDING);
        assertThat(availability.isSearchable(JO)).isTrue();

        // Asking for less than the open request asks nothing new.
        assertThat(((AvailabilityService.Outcome.Done) availability.setDefault(JO, 300)).askedManager()).isEmpty();
        availability.setDefault(JO, 360);

        permissions.approve(raise.id(), SAM, Optional.empty());

        assertThat(capacity.capacity(JO, thisWeek).orElseThrow().offeredMinutes()).isEqualTo(360);
        assertThat(standing().kind()).isEqualTo(PermissionStanding.Kind.APPROVED);
        assertThat(standing().capMinutes()).isEqualTo(360);
    }

    @Test
    void decliningARaiseKeepsTheEarlierApproval() {
        permissions.approve(ask(240, true).orElseThrow().id(), SAM, Optional.empty());
        Permission raise = ((AvailabilityService.Outcome.Done) availability.setWeek(JO,
                AvailabilityService.WeekChoice.NEXT_WEEK, 480)).askedManager().orElseThrow();

        permissions.decline(raise.id(), SAM, Optional.empty());

        assertThat(standing().kind()).isEqualTo(PermissionStanding.Kind.APPROVED);
        assertThat(capacity.capacity(JO, thisWeek.plusWeeks(1)).orElseThrow().offeredMinutes()).isEqualTo(240);
        assertThat(availability.isSearchable(JO)).isTrue();
    }

    @Test
    void afterADeclineOnlySavingTheProfileAsksAgain() {
        permissions.decline(ask(240, true).orElseThrow().id(), SAM, Optional.empty());

        assertThat(((AvailabilityService.Outcome.Done) availability.setDefault(JO, 360)).askedManager()).isEmpty();
        assertThat(standing().kind()).isEqualTo(PermissionStanding.Kind.DECLINED);
        assertThat(ask(360, true)).isPresent();
    }

    @Test
    void revokingStopsListingAndFreesNothingAlreadyHeld() {
        long id = ask(240, true).orElseThrow().id();
        permissions.approve(id, SAM, Optional.empty());
        database.jdbi().useTransaction(handle -> capacity.hold(handle, JO, thisWeek, 60));

        assertThat(permissions.revokeFor(JO, ALEX)).isInstanceOf(PermissionService.Answer.NotYours.class);
        assertThat(permissions.revokeFor(JO, SAM)).isInstanceOf(PermissionService.Answer.Done.class);
        assertThat(permissions.revoke(id, SAM, Optional.empty()))
                .isInstanceOf(PermissionService.Answer.AlreadySettled.class);

        assertThat(availability.isSearchable(JO)).isFalse();
        assertThat(capacity.capacity(JO, thisWeek).orElseThrow()).isEqualTo(
                new WeekCapacity(JO, thisWeek, 240, 60, 60, 0, false));
        assertThat(standing().kind()).isEqualTo(PermissionStanding.Kind.REVOKED);
        assertThat(notices).filteredOn(notice -> notice.startsWith("revoked")).hasSize(1);
    }

    @Test
    void aNewManagerMustAgreeAgain() {
        permissions.approve(ask(240, true).orElseThrow().id(), SAM, Optional.empty());
        database.jdbi().useHandle(handle -> handle.execute("UPDATE specialist SET manager_id = ? WHERE user_id = ?",
                ALEX, JO));

        Permission request = database.jdbi().inTransaction(handle -> {
            Specialist specialist = handle.attach(SpecialistDao.class).lock(JO).orElseThrow();
            permissions.forgetOtherManagers(handle, specialist);
            Optional<Permission> asked = permissions.askIfNeeded(handle, specialist, 240, true, List.of("GIS"));
            capacity.refresh(handle, JO, thisWeek);
            return asked.orElseThrow();
        });

        assertThat(request.managerId()).isEqualTo(ALEX);
        assertThat(availability.isSearchable(JO)).isFalse();
        assertThat(capacity.capacity(JO, thisWeek).orElseThrow().offeredMinutes()).isZero();
        assertThat(permissions.approve(request.id(), SAM, Optional.empty()))
                .isInstanceOf(PermissionService.Answer.NotYours.class);
        permissions.approve(request.id(), ALEX, Optional.empty());
        assertThat(availability.isSearchable(JO)).isTrue();
    }

    @Test
    void searchableOnlyWhileEveryConditionHolds() {
        permissions.approve(ask(240, true).orElseThrow().id(), SAM, Optional.empty());
        assertThat(availability.isSearchable(JO)).isTrue();

        availability.pause(JO);
        assertThat(availability.isSearchable(JO)).isFalse();
        availability.resume(JO);
        assertThat(availability.isSearchable(JO)).isTrue();

        database.jdbi().useHandle(handle -> handle.execute("UPDATE council SET status = 'suspended' WHERE id = ?", leeds));
        assertThat(availability.isSearchable(JO)).isFalse();
        database.jdbi().useHandle(handle -> handle.execute("UPDATE council SET status = 'approved' WHERE id = ?", leeds));

        database.jdbi().useHandle(handle -> handle.execute("DELETE FROM specialist_skill WHERE user_id = ?", JO));
        assertThat(availability.isSearchable(JO)).isFalse();
        fixture.specialist("U0OTHER1", SAM, 240, "GIS");
        database.jdbi().useHandle(handle -> handle.execute("INSERT INTO specialist_skill (user_id, skill_id)"
                + " SELECT ?, id FROM skill WHERE name = 'gis'", JO));
        assertThat(availability.isSearchable(JO)).isTrue();

        // The permission lasts twelve months: searchable on its last day, not on its expiry date.
        clock.set(Instant.parse("2027-12-01T12:00:00Z"));
        assertThat(availability.isSearchable(JO)).isTrue();
        clock.advance(Duration.ofDays(1));
        assertThat(availability.isSearchable(JO)).isFalse();
        assertThat(standing().kind()).isEqualTo(PermissionStanding.Kind.EXPIRED);
    }

    @Test
    void revokingAValidApprovalUnlistsTheSpecialistAndRefreshesTheirHome() {
        long id = ask(240, true).orElseThrow().id();
        permissions.approve(id, SAM, Optional.empty());
        assertThat(homeRefreshes(JO)).isEqualTo(1);
        notices.clear();

        permissions.revoke(id, SAM, Optional.empty());
        permissions.revoke(id, SAM, Optional.empty());

        assertThat(notices).containsExactly("revoked " + id, "unlisted " + JO + " PERMISSION_ENDED " + clock.instant());
        assertThat(homeRefreshes(JO)).isEqualTo(2);
    }

    @Test
    void pausingUnlistsOnceAndEveryChangeOfHoursRefreshesTheHome() {
        permissions.approve(ask(240, true).orElseThrow().id(), SAM, Optional.empty());
        notices.clear();

        availability.pause(JO);
        availability.pause(JO);
        availability.resume(JO);
        availability.setWeek(JO, AvailabilityService.WeekChoice.NEXT_WEEK, 60);
        availability.setDefault(JO, 120);

        assertThat(notices).containsExactly("unlisted " + JO + " PAUSED " + clock.instant());
        assertThat(homeRefreshes(JO)).isEqualTo(5);
    }

    @Test
    void anApprovalThatRunsOutIsToldAsOfTheDayItEndedForAWeek() {
        permissions.approve(ask(240, true).orElseThrow().id(), SAM, Optional.empty());
        notices.clear();
        String ended = "unlisted " + JO + " PERMISSION_ENDED 2027-12-02T00:00:00Z";

        assertThat(permissions.tellExpired(LocalDate.parse("2027-12-01"))).isZero();
        assertThat(permissions.tellExpired(LocalDate.parse("2027-12-02"))).isOne();
        assertThat(permissions.tellExpired(LocalDate.parse("2027-12-08"))).isOne();
        assertThat(permissions.tellExpired(LocalDate.parse("2027-12-09"))).isZero();
        assertThat(notices).containsExactly(ended, ended);

        // Approved again before it ran out: the old approval is replaced, and nothing is told.
        notices.clear();
        clock.set(Instant.parse("2027-06-01T10:00:00Z"));
        permissions.approve(ask(300, true).orElseThrow().id(), SAM, Optional.empty());
        assertThat(permissions.tellExpired(LocalDate.parse("2027-12-02"))).isZero();
    }

    @Test
    void namingAnotherManagerEndsTheApprovalAndUnlists() {
        permissions.approve(ask(240, true).orElseThrow().id(), SAM, Optional.empty());
        notices.clear();

        database.jdbi().useTransaction(handle -> {
            handle.execute("UPDATE specialist SET manager_id = ? WHERE user_id = ?", ALEX, JO);
            permissions.forgetOtherManagers(handle, handle.attach(SpecialistDao.class).lock(JO).orElseThrow());
        });

        assertThat(notices).containsExactly("unlisted " + JO + " PERMISSION_ENDED " + clock.instant());
    }

    private int homeRefreshes(String userId) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM home_refresh"
                + " WHERE user_id = :userId").bind("userId", userId).mapTo(Integer.class).one());
    }

    private Optional<Permission> ask(int minutes, boolean explicit) {
        return database.jdbi().inTransaction(handle -> {
            Specialist specialist = handle.attach(SpecialistDao.class).lock(JO).orElseThrow();
            return permissions.askIfNeeded(handle, specialist, minutes, explicit, List.of("GIS"));
        });
    }

    private PermissionStanding standing() {
        return database.jdbi().withHandle(handle -> permissions.standing(handle, JO));
    }

    /** Records what would be sent; the Slack rendering is covered end to end. */
    private final class RecordingNotifier implements AvailabilityNotifier {
        @Override
        public void askManager(Handle handle, PermissionAsk ask) {
            notices.add("ask " + ask.request().id() + " " + ask.request().managerId() + " " + ask.request().capMinutes());
        }

        @Override
        public void approved(Handle handle, Permission permission, Optional<MessageRef> managerMessage) {
            notices.add("approved " + permission.id());
        }

        @Override
        public void declined(Handle handle, Permission permission, Optional<MessageRef> managerMessage) {
            notices.add("declined " + permission.id());
        }

        @Override
        public void revoked(Handle handle, Permission permission, Optional<MessageRef> managerMessage) {
            notices.add("revoked " + permission.id());
        }

        @Override
        public boolean nudge(Handle handle, String specialistId, LocalDate weekStart) {
            notices.add("nudge " + specialistId + " " + weekStart);
            return true;
        }
    }
}
