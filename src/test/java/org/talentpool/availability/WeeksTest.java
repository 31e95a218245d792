package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.talentpool.testing.MutableClock;

/** ISO weeks in the pool's time zone, across year ends and the clock changes. */
class WeeksTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @ParameterizedTest(name = "{0} is in the week of {1}, {2}")
    @CsvSource({
            // 2026 has 53 ISO weeks: W53 runs Monday 28 December 2026 to Sunday 3 January 2027.
            "2026-12-28, 2026-12-28, 2026-W53",
            "2026-12-31, 2026-12-28, 2026-W53",
            "2027-01-01, 2026-12-28, 2026-W53",
            "2027-01-03, 2026-12-28, 2026-W53",
            "2027-01-04, 2027-01-04, 2027-W01",
            // 2025 has 52: its last week ends on Sunday 28 December; 29 December 2025 is 2026-W01.
            "2025-12-28, 2025-12-22, 2025-W52",
            "2025-12-29, 2025-12-29, 2026-W01",
            "2026-01-01, 2025-12-29, 2026-W01",
            // 2020 (a leap year starting on a Wednesday) has W53 too.
            "2021-01-03, 2020-12-28, 2020-W53",
            "2024-02-29, 2024-02-26, 2024-W09",
    })
    void weekStartAndIsoWeek(LocalDate date, LocalDate monday, String isoWeek) {
        assertThat(Weeks.weekStart(date)).isEqualTo(monday);
        assertThat(Weeks.isoWeek(date)).isEqualTo(isoWeek);
        assertThat(Weeks.parseIsoWeek(isoWeek)).contains(monday);
    }

    @Test
    void isoWeekNamesThatDoNotExistAreRefused() {
        assertThat(Weeks.parseIsoWeek("2027-W53")).isEmpty();
        assertThat(Weeks.parseIsoWeek("2026-W00")).isEmpty();
        assertThat(Weeks.parseIsoWeek("2026-W54")).isEmpty();
        assertThat(Weeks.parseIsoWeek("week 3")).isEmpty();
        assertThat(Weeks.parseIsoWeek(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} UTC is in London's week of {1}")
    @CsvSource({
            // Summer (BST, UTC+1): Sunday 23:30 UTC is already Monday 00:30 in London.
            "2026-06-28T23:30:00Z, 2026-06-29",
            "2026-06-28T22:59:59Z, 2026-06-22",
            // Winter (GMT = UTC): Sunday 23:30 UTC is still Sunday in London.
            "2026-11-29T23:30:00Z, 2026-11-23",
            "2026-11-30T00:00:00Z, 2026-11-30",
            // Clocks go forward on Sunday 29 March 2026 at 01:00 UTC; Monday 30 March starts at 23:00 UTC.
            "2026-03-29T00:30:00Z, 2026-03-23",
            "2026-03-29T22:59:59Z, 2026-03-23",
            "2026-03-29T23:00:00Z, 2026-03-30",
            // Clocks go back on Sunday 25 October 2026 at 01:00 UTC; Monday 26 October starts at 00:00 UTC.
            "2026-10-25T00:30:00Z, 2026-10-19",
            "2026-10-25T23:30:00Z, 2026-10-19",
            "2026-10-26T00:00:00Z, 2026-10-26",
            // New Year's Eve 2026 is in W53 whatever the hour.
            "2026-12-31T23:59:59Z, 2026-12-28",
            "2027-01-03T23:59:59Z, 2026-12-28",
            "2027-01-04T00:00:00Z, 2027-01-04",
    })
    void weekOfAnInstantInLondon(Instant instant, LocalDate monday) {
        assertThat(Weeks.weekStart(instant, LONDON)).isEqualTo(monday);
        MutableClock clock = new MutableClock(instant);
        assertThat(Weeks.thisWeek(clock, LONDON)).isEqualTo(monday);
        assertThat(Weeks.nextWeek(clock, LONDON)).isEqualTo(monday.plusWeeks(1));
    }

    @Test
    void aWeekBeginsAtLondonMidnight() {
        assertThat(Weeks.startOf(LocalDate.parse("2026-03-30"), LONDON)).isEqualTo(Instant.parse("2026-03-29T23:00:00Z"));
        assertThat(Weeks.startOf(LocalDate.parse("2026-10-26"), LONDON)).isEqualTo(Instant.parse("2026-10-26T00:00:00Z"));
        assertThat(Weeks.startOf(LocalDate.parse("2026-12-28"), LONDON)).isEqualTo(Instant.parse("2026-12-28T00:00:00Z"));
    }

    @Test
    void theWeekAfterTheClocksChangeIsStillSevenDays() {
        LocalDate beforeSpring = Weeks.weekStart(LocalDate.parse("2026-03-29"));
        assertThat(Weeks.startOf(beforeSpring.plusWeeks(1), LONDON))
                .isEqualTo(Weeks.startOf(beforeSpring, LONDON).plusSeconds(7 * 24 * 3600 - 3600));
        LocalDate beforeAutumn = Weeks.weekStart(LocalDate.parse("2026-10-25"));
        assertThat(Weeks.startOf(beforeAutumn.plusWeeks(1), LONDON))
                .isEqualTo(Weeks.startOf(beforeAutumn, LONDON).plusSeconds(7 * 24 * 3600 + 3600));
    }

    @Test
    void anotherZoneCanDisagreeAboutTheWeek() {
        Instant sundayEveningInLondon = Instant.parse("2026-11-29T20:00:00Z");
        assertThat(Weeks.weekStart(sundayEveningInLondon, LONDON)).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(Weeks.weekStart(sundayEveningInLondon, ZoneId.of("Pacific/Auckland")))
                .isEqualTo(LocalDate.parse("2026-11-30"));
    }

    @Test
    void aWeekStartMustBeAMonday() {
        assertThatThrownBy(() -> Weeks.startOf(LocalDate.parse("2026-12-29"), LONDON))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
