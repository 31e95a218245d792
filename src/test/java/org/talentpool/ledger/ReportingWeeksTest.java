package org.talentpool.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportingWeeksTest {

    @ParameterizedTest(name = "on {0} the latest week to report is w/c {1}")
    @CsvSource({
            "2026-11-05, 2026-10-26",  // Thursday: this week's Friday has not come
            "2026-11-06, 2026-11-02",  // Friday
            "2026-11-08, 2026-11-02",  // Sunday
            "2026-11-09, 2026-11-02",  // the next Monday
            "2027-01-01, 2026-12-28"}) // a Friday in a week spanning two years
    void hoursCanBeReportedFromTheFridayOfTheWeek(LocalDate today, LocalDate week) {
        assertThat(LedgerService.lastReportableWeek(today)).isEqualTo(week);
        assertThat(LedgerService.reportableFrom(week)).isEqualTo(week.plusDays(4));
    }
}
