package org.talentpool.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest(name = "{0} min at {1}p/h = {2}p")
    @CsvSource({
            "120, 4000, 8000",     // 2 h at £40.00
            "90, 4550, 6825",      // 1.5 h at £45.50
            "20, 4000, 1333",      // 1333.33… rounds down
            "40, 4000, 2667",      // 2666.66… rounds up
            "1, 3030, 51",         // 50.5 exactly: half rounds up
            "1, 2970, 50",         // 49.5 exactly: half rounds up
            "1, 2910, 49",         // 48.5 exactly: half rounds up
            "1, 2909, 48",         // 48.483…
            "0, 4000, 0",
            "2250, 100000, 3750000" // the most a week at the highest rate
    })
    void anEntryCostsMinutesTimesRateOverSixtyRoundedHalfUpToThePenny(int minutes, int pencePerHour, long pence) {
        assertThat(Money.amountPence(minutes, pencePerHour)).isEqualTo(pence);
    }

    @Test
    void roundingAgreesWithExactArithmeticForEveryMinuteOfAnHour() {
        for (int minutes = 0; minutes <= 600; minutes++) {
            for (int rate : new int[] {1, 999, 2575, 4001, 6666}) {
                java.math.BigDecimal exact = java.math.BigDecimal.valueOf((long) minutes * rate)
                        .divide(java.math.BigDecimal.valueOf(60), 0, java.math.RoundingMode.HALF_UP);
                assertThat(Money.amountPence(minutes, rate)).as("%d min at %dp", minutes, rate)
                        .isEqualTo(exact.longValueExact());
            }
        }
    }

    @Test
    void negativeAmountsAreRefused() {
        assertThatThrownBy(() -> Money.amountPence(-1, 4000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.amountPence(60, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void poundsForCsvAndSlack() {
        assertThat(Money.pounds(0)).isEqualTo("0.00");
        assertThat(Money.pounds(5)).isEqualTo("0.05");
        assertThat(Money.pounds(123456)).isEqualTo("1234.56");
        assertThat(Money.pounds(-250)).isEqualTo("-2.50");
        assertThat(Money.format(123456)).isEqualTo("£1,234.56");
    }

    @Test
    void hoursToTwoDecimalsFromWholeMinutes() {
        assertThat(Money.hours(0)).isEqualTo("0.00");
        assertThat(Money.hours(20)).isEqualTo("0.33");
        assertThat(Money.hours(50)).isEqualTo("0.83");
        assertThat(Money.hours(90)).isEqualTo("1.50");
        assertThat(Money.hours(300)).isEqualTo("5.00");
    }
}
