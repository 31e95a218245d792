package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;

/** The weekly capacity model on H2 and PostgreSQL: materialising, holds, offers, the weekly reset, concurrency. */
class WeeklyCapacityTest extends DatabaseTest {
    private static final String JO = "U0JO0001";
    private static final String SAM = "U0SAM001";
    // Wednesday 2 December 2026, 10:00 in London: this week starts Monday 30 November.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final LocalDate thisWeek = LocalDate.parse("2026-11-30");
    private final LocalDate nextWeek = LocalDate.parse("2026-12-07");
    private AvailabilityFixture fixture;
    private WeeklyCapacity capacity;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        fixture = new AvailabilityFixture(database.jdbi(), clock);
        fixture.clear();
        capacity = new WeeklyCapacity(database.jdbi(), clock, AvailabilityFixture.LONDON);
        long leeds = fixture.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        fixture.member(JO, "leeds.gov.uk", leeds);
        fixture.member(SAM, "leeds.gov.uk", leeds);
    }

    @AfterEach
    void stopThreads() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    @Test
    void aWeekStartsFromTheDefaultCappedByThePermission() {
        fixture.specialist(JO, SAM, 360);
        fixture.approve(JO, SAM, 240);

        assertThat(capacity.thisWeek()).isEqualTo(thisWeek);
        WeekCapacity week = capacity.capacity(JO, thisWeek).orElseThrow();

        assertThat(week).isEqualTo(new WeekCapacity(JO, thisWeek, 360, 240, 0, 0, false));
        assertThat(week.leftMinutes()).isEqualTo(240);
        assertThat(week.capped()).isTrue();
    }

    @Test
    void withoutPermissionNothingCanBeHeld() {
        fixture.specialist(JO, SAM, 240);

        assertThat(capacity.capacity(JO, thisWeek).orElseThrow().offeredMinutes()).isZero();
        assertThat(check(handle -> capacity.hold(handle, JO, thisWeek, 30))).isFalse();
    }

    @Test
    void noProfileNoCapacity() {
        assertThat(capacity.capacity("U0NOBODY", thisWeek)).isEmpty();
        assertThat(check(handle -> capacity.hold(handle, "U0NOBODY", thisWeek, 30))).isFalse();
        assertThat(check(handle -> capacity.setOffered(handle, "U0NOBODY", thisWeek, 60).isPresent())).isFalse();
    }

    @Test
    void holdConfirmReleaseAndReleaseBooked() {
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 240);

        assertThat(check(handle -> capacity.hold(handle, JO, thisWeek, 90))).isTrue();
        assertThat(check(handle -> capacity.hold(handle, JO, thisWeek, 180))).isFalse();
        assertThat(check(handle -> capacity.hold(handle, JO, thisWeek, 150))).isTrue();
        assertThat(week()).isEqualTo(new WeekCapacity(JO, thisWeek, 240, 240, 240, 0, false));

        assertThat(check(handle -> capacity.confirm(handle, JO, thisWeek, 90))).isTrue();
        assertThat(check(handle -> capacity.release(handle, JO, thisWeek, 150))).isTrue();
        assertThat(week()).isEqualTo(new WeekCapacity(JO, thisWeek, 240, 240, 0, 90, false));

        assertThat(check(handle -> capacity.release(handle, JO, thisWeek, 30))).isFalse();
        assertThat(check(handle -> capacity.confirm(handle, JO, thisWeek, 30))).isFalse();
        assertThat(check(handle -> capacity.releaseBooked(handle, JO, thisWeek, 120))).isFalse();
        assertThat(check(handle -> capacity.releaseBooked(handle, JO, thisWeek, 90))).isTrue();
        assertThat(week().leftMinutes()).isEqualTo(240);
    }

    @Test
    void aHoldRolledBackWithItsBookingLeavesNothingHeld() {
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 240);

        assertThatThrownBy(() -> database.jdbi().useTransaction(handle -> {
            capacity.hold(handle, JO, thisWeek, 60);
            throw new IllegalStateException("booking failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(week().heldMinutes()).isZero();
    }

    @Test
    void theDatabaseItselfRefusesOverbooking() {
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 240);
        week();

        assertThatThrownBy(() -> database.jdbi().useHandle(handle -> handle.execute(
                "UPDATE specialist_week SET held_minutes = 200, booked_minutes = 41 WHERE user_id = ?", JO)))
                .hasMessageContaining("specialist_week_no_overbooking");
        assertThatThrownBy(() -> database.jdbi().useHandle(handle -> handle.execute(
                "UPDATE specialist_week SET held_minutes = -30 WHERE user_id = ?", JO)))
                .hasMessageContaining("specialist_week_minutes_check");
    }

    @Test
    void loweringAWeekBelowHeldAndBookedIsRefusedWithTheNumbers() {
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 240);
        check(handle -> capacity.hold(handle, JO, thisWeek, 60) && capacity.confirm(handle, JO, thisWeek, 60)
                && capacity.hold(handle, JO, thisWeek, 90));

        WeeklyCapacity.OfferChange refused = offer(JO, thisWeek, 120);

        assertThat(refused).isEqualTo(new WeeklyCapacity.OfferChange.BelowCommitted(
                new WeekCapacity(JO, thisWeek, 240, 240, 90, 60, false), 120));
        assertThat(week().offeredMinutes()).isEqualTo(240);

        WeeklyCapacity.OfferChange changed = offer(JO, thisWeek, 150);
        assertThat(changed).isEqualTo(new WeeklyCapacity.OfferChange.Changed(
                new WeekCapacity(JO, thisWeek, 150, 150, 90, 60, true)));
    }

    @Test
    void aWeekAboveThePermissionIsCapped() {
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 240);

        WeekCapacity week = offer(JO, nextWeek, 600).week();

        assertThat(week).isEqualTo(new WeekCapacity(JO, nextWeek, 600, 240, 0, 0, true));
    }

    @Test
    void aNewDefaultAppliesFromThisWeekButKeepsLaterOverrides() {
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 2250);
        LocalDate weekAfter = nextWeek.plusWeeks(1);
        offer(JO, thisWeek, 60);
        offer(JO, weekAfter, 0);

        database.jdbi().useTransaction(handle -> {
            handle.attach(SpecialistDao.class).updateDefault(JO, 300, java.time.OffsetDateTime.now(clock));
            capacity.applyDefault(handle, JO, thisWeek, 300);
        });

        assertThat(capacity.capacity(JO, thisWeek).orElseThrow())
                .isEqualTo(new WeekCapacity(JO, thisWeek, 300, 300, 0, 0, false));
        assertThat(capacity.capacity(JO, nextWeek).orElseThrow())
                .isEqualTo(new WeekCapacity(JO, nextWeek, 300, 300, 0, 0, false));
        assertThat(capacity.capacity(JO, weekAfter).orElseThrow())
                .isEqualTo(new WeekCapacity(JO, weekAfter, 0, 0, 0, 0, true));
    }

    @Test
    void aNewDefaultBelowWhatIsBookedIsRefusedAndRolledBack() {
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 240);
        check(handle -> capacity.hold(handle, JO, nextWeek, 180));

        assertThatThrownBy(() -> database.jdbi().useTransaction(handle -> {
            handle.attach(SpecialistDao.class).updateDefault(JO, 120, java.time.OffsetDateTime.now(clock));
            capacity.applyDefault(handle, JO, thisWeek, 120);
        })).isInstanceOfSatisfying(WeeklyCapacity.BelowCommittedException.class, refused ->
                assertThat(refused.refusal()).isEqualTo(new WeeklyCapacity.OfferChange.BelowCommitted(
                        new WeekCapacity(JO, nextWeek, 240, 240, 180, 0, false), 120)));

        assertThat(database.jdbi().withExtension(SpecialistDao.class, dao -> dao.find(JO)).orElseThrow()
                .defaultMinutes()).isEqualTo(240);
        assertThat(capacity.capacity(JO, thisWeek).orElseThrow().requestedMinutes()).isEqualTo(240);
    }

    @Test
    void theWeeklyResetStartsEveryoneFromTheirDefaultAndIsIdempotent() {
        String paused = "U0PAUSE1";
        String overriding = "U0OVER01";
        String unapproved = "U0NOPERM";
        String expired = "U0EXPIRD";
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 240);
        fixture.specialist(paused, SAM, 240);
        fixture.approve(paused, SAM, 240);
        database.jdbi().useExtension(SpecialistDao.class, dao -> dao.setPaused(paused, true,
                java.time.OffsetDateTime.now(clock)));
        fixture.specialist(overriding, SAM, 240);
        fixture.approve(overriding, SAM, 240);
        fixture.specialist(unapproved, SAM, 240);
        fixture.specialist(expired, SAM, 240);
        fixture.approve(expired, SAM, 240, nextWeek);
        // This week's hours were used up; next week's override was set in advance.
        check(handle -> capacity.hold(handle, JO, thisWeek, 240));
        offer(overriding, nextWeek, 60);
        // JO's row for next week was looked at before JO's default changed behind the model's back.
        capacity.capacity(JO, nextWeek);
        database.jdbi().useHandle(handle -> handle.execute(
                "UPDATE specialist SET default_minutes = 180 WHERE user_id = ?", JO));

        WeeklyCapacity.WeekReset first = capacity.resetWeek(nextWeek);

        assertThat(first.created()).isEqualTo(3);
        assertThat(first.changed()).as("JO's row, whose default changed; the others were up to date").isEqualTo(1);
        List<WeekCapacity> rows = capacity.week(nextWeek);
        assertThat(rows).containsExactlyInAnyOrder(
                new WeekCapacity(JO, nextWeek, 180, 180, 0, 0, false),
                new WeekCapacity(paused, nextWeek, 240, 0, 0, 0, false),
                new WeekCapacity(overriding, nextWeek, 60, 60, 0, 0, true),
                new WeekCapacity(unapproved, nextWeek, 240, 0, 0, 0, false),
                new WeekCapacity(expired, nextWeek, 240, 0, 0, 0, false));

        WeeklyCapacity.WeekReset second = capacity.resetWeek(nextWeek);

        assertThat(second.created()).isZero();
        assertThat(second.changed()).as("nothing left to change").isZero();
        assertThat(capacity.week(nextWeek)).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(capacity.capacity(JO, thisWeek).orElseThrow().heldMinutes()).isEqualTo(240);
    }

    @Test
    void theResetInsertsANewWeeksRowsWithTheirOffersAlreadyComputed() {
        // New rows come ready, not as zeros refreshed in the same transaction (twice the work on PostgreSQL).
        String paused = "U0PAUSED";
        String unapproved = "U0NOPERM";
        String expired = "U0EXPIRD";
        fixture.specialist(JO, SAM, 360);
        fixture.approve(JO, SAM, 240);
        fixture.specialist(paused, SAM, 120);
        fixture.approve(paused, SAM, 240);
        database.jdbi().useHandle(handle -> handle.execute("UPDATE specialist SET paused = TRUE WHERE user_id = ?",
                paused));
        fixture.specialist(unapproved, SAM, 240);
        fixture.specialist(expired, SAM, 240);
        fixture.approve(expired, SAM, 240, nextWeek);
        List<WeekCapacity> expected = List.of(
                new WeekCapacity(JO, nextWeek, 360, 240, 0, 0, false),
                new WeekCapacity(paused, nextWeek, 120, 0, 0, 0, false),
                new WeekCapacity(unapproved, nextWeek, 240, 0, 0, 0, false),
                new WeekCapacity(expired, nextWeek, 240, 0, 0, 0, false));

        int inserted = database.jdbi().withExtension(CapacityDao.class, weeks -> weeks.insertWeekForAll(nextWeek));

        assertThat(inserted).isEqualTo(4);
        assertThat(capacity.week(nextWeek)).containsExactlyInAnyOrderElementsOf(expected);

        LocalDate weekAfter = nextWeek.plusWeeks(1);
        WeeklyCapacity.WeekReset reset = capacity.resetWeek(weekAfter);

        assertThat(reset).isEqualTo(new WeeklyCapacity.WeekReset(weekAfter, 4, 0));
        assertThat(capacity.week(weekAfter)).extracting(WeekCapacity::offeredMinutes).containsExactlyInAnyOrder(
                240, 0, 0, 0);
    }

    @Test
    void theResetNeverTakesAWeekBelowWhatIsAlreadyBooked() {
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 240);
        check(handle -> capacity.hold(handle, JO, nextWeek, 240));
        database.jdbi().useHandle(handle -> handle.execute("UPDATE specialist SET paused = TRUE WHERE user_id = ?", JO));

        capacity.resetWeek(nextWeek);

        assertThat(capacity.capacity(JO, nextWeek).orElseThrow())
                .isEqualTo(new WeekCapacity(JO, nextWeek, 240, 240, 240, 0, false));
    }

    @Test
    void capacitiesOfManySpecialistsAtOnce() {
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 240);
        fixture.specialist("U0OTHER1", SAM, 120);
        check(handle -> capacity.hold(handle, JO, nextWeek, 60));

        assertThat(capacity.capacities(List.of(JO, "U0OTHER1", "U0NOBODY"), nextWeek)).containsExactlyInAnyOrder(
                new WeekCapacity(JO, nextWeek, 240, 240, 60, 0, false),
                new WeekCapacity("U0OTHER1", nextWeek, 120, 0, 0, 0, false));
        assertThat(capacity.capacities(List.of(), nextWeek)).isEmpty();
    }

    @Test
    void weeksStartOnMondays() {
        assertThatThrownBy(() -> capacity.capacity(JO, LocalDate.parse("2026-12-01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> capacity.resetWeek(LocalDate.parse("2026-12-06")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyConcurrentHoldsOnTheLastHoursNeverOverbook() throws Exception {
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 240);
        check(handle -> capacity.hold(handle, JO, thisWeek, 150));
        // 90 minutes are left: 24 requesters race for 30 minutes each; exactly three may win.
        assertThat(concurrentHolds(thisWeek, 24, 30)).isEqualTo(3);

        assertThat(week()).isEqualTo(new WeekCapacity(JO, thisWeek, 240, 240, 240, 0, false));
    }

    @Test
    void concurrentHoldsOnAWeekNobodyHasLookedAtYet() throws Exception {
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 240);
        // The week's row does not exist yet: the racing holds also race to create it.
        assertThat(concurrentHolds(nextWeek, 24, 60)).isEqualTo(4);

        assertThat(capacity.capacity(JO, nextWeek).orElseThrow().heldMinutes()).isEqualTo(240);
    }

    /** Runs {@code callers} holds of {@code minutes} at once; returns how many succeeded. */
    private int concurrentHolds(LocalDate week, int callers, int minutes) throws Exception {
        threads = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Callable<Boolean> hold = () -> {
                start.await();
                return check(handle -> capacity.hold(handle, JO, week, minutes));
            };
            results.add(threads.submit(hold));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> result : results) {
            if (result.get(30, TimeUnit.SECONDS)) {
                won++;
            }
        }
        return won;
    }

    private WeekCapacity week() {
        return capacity.capacity(JO, thisWeek).orElseThrow();
    }

    /** Runs a capacity call in its own transaction. */
    private boolean check(java.util.function.Predicate<Handle> call) {
        return database.jdbi().inTransaction(handle -> call.test(handle));
    }

    private WeeklyCapacity.OfferChange offer(String specialistId, LocalDate week, int minutes) {
        return database.jdbi().inTransaction(handle -> capacity.setOffered(handle, specialistId, week, minutes))
                .orElseThrow();
    }
}
