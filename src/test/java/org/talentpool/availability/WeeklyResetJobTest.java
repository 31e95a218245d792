package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.schedule.ScheduledJob;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;

/** The Monday job, triggered directly with the times it would fire at, on H2 and PostgreSQL. */
class WeeklyResetJobTest extends DatabaseTest {
    private static final String JO = "U0JO0001";
    private static final String SAM = "U0SAM001";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-20T12:00:00Z"));
    private AvailabilityFixture fixture;
    private WeeklyCapacity capacity;
    private WeeklyResetJob job;

    @BeforeEach
    void setUp() {
        fixture = new AvailabilityFixture(database.jdbi(), clock);
        fixture.clear();
        capacity = new WeeklyCapacity(database.jdbi(), clock, AvailabilityFixture.LONDON);
        job = new WeeklyResetJob(capacity, AvailabilityFixture.LONDON);
        long leeds = fixture.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        fixture.member(JO, "leeds.gov.uk", leeds);
        fixture.member(SAM, "leeds.gov.uk", leeds);
        fixture.specialist(JO, SAM, 240);
        fixture.approve(JO, SAM, 240, LocalDate.parse("2027-12-01"));
    }

    private static ScheduledJob.Run firedAt(String londonTime) {
        return ScheduledJob.Run.scheduled(ZonedDateTime.parse(londonTime + "[Europe/London]").toInstant());
    }

    private WeekCapacity week(String monday) {
        return capacity.week(LocalDate.parse(monday)).stream()
                .filter(row -> row.specialistId().equals(JO)).findFirst().orElseThrow();
    }

    @Test
    void acrossTheYearEndTheIsoWeek53StartsFromTheDefault() throws Exception {
        // Monday 28 December 2026 00:05 is week 2026-W53; next week is 2027-W01.
        String summary = job.run(firedAt("2026-12-28T00:05:00Z"));

        assertThat(summary).contains("2026-W53").contains("2027-W01");
        assertThat(week("2026-12-28").offeredMinutes()).isEqualTo(240);
        assertThat(week("2027-01-04").offeredMinutes()).isEqualTo(240);
    }

    @Test
    void onTheDstWeekendTheLondonMondayIsTheWeek() throws Exception {
        // Clocks went back on Sunday 25 October 2026; Monday 26 October 00:05 BST-less London is 00:05 UTC.
        job.run(firedAt("2026-10-26T00:05:00Z"));
        assertThat(capacity.week(LocalDate.parse("2026-10-26"))).hasSize(1);
        // Clocks go forward on Sunday 28 March 2027; Monday 29 March 00:05 BST is Sunday 23:05 UTC.
        job.run(ScheduledJob.Run.scheduled(Instant.parse("2027-03-28T23:05:00Z")));
        assertThat(capacity.week(LocalDate.parse("2027-03-29"))).hasSize(1);
        assertThat(capacity.week(LocalDate.parse("2027-03-22"))).isEmpty();
    }

    @Test
    void runningTwiceChangesNothingTheSecondTime() throws Exception {
        job.run(firedAt("2027-01-04T00:05:00Z"));
        var first = capacity.week(LocalDate.parse("2027-01-04"));

        job.run(firedAt("2027-01-04T00:05:00Z"));

        assertThat(capacity.week(LocalDate.parse("2027-01-04"))).isEqualTo(first);
    }

    @Test
    void overridesAndPausesAreHonouredAndNothingCarriesOver() throws Exception {
        LocalDate lastWeek = LocalDate.parse("2026-12-28");
        LocalDate thisWeek = LocalDate.parse("2027-01-04");
        database.jdbi().useTransaction(handle -> {
            capacity.hold(handle, JO, lastWeek, 60);
            capacity.setOffered(handle, JO, thisWeek, 120);
        });

        job.run(firedAt("2027-01-04T00:05:00Z"));
        assertThat(week("2027-01-04").offeredMinutes()).as("this week's override is kept").isEqualTo(120);
        assertThat(week("2027-01-04").heldMinutes()).as("last week's hold does not carry over").isZero();
        assertThat(week("2027-01-11").offeredMinutes()).isEqualTo(240);

        database.jdbi().useHandle(handle -> handle.execute("UPDATE specialist SET paused = TRUE WHERE user_id = ?", JO));
        job.run(firedAt("2027-01-11T00:05:00Z"));
        assertThat(week("2027-01-11").offeredMinutes()).as("paused: nothing offered").isZero();
    }

    @Test
    void aRunMissedOnMondayAndFiredAtStartUpLaterResetsTheWeekItIsIn() throws Exception {
        job.run(firedAt("2027-01-06T09:30:00Z"));

        assertThat(capacity.week(LocalDate.parse("2027-01-04"))).hasSize(1);
        assertThat(capacity.week(LocalDate.parse("2027-01-11"))).hasSize(1);
    }
}
