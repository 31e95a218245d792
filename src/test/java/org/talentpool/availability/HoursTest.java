package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HoursTest {

    @ParameterizedTest(name = "\"{0}\" is {1} minutes")
    @CsvSource({"4, 240", "4.5, 270", "0, 0", "0.5, 30", ".5, 30", "37.5, 2250", "4h, 240", "4 h, 240",
            "2.5 hours, 150", "4.50, 270", "1 hour, 60", "' 7 ', 420"})
    void hoursBecomeWholeMinutes(String typed, int minutes) {
        assertThat(Hours.parse(typed)).isEqualTo(new Hours.Parsed.Minutes(minutes));
    }

    @Test
    void moreThanAFullWeekIsRefused() {
        assertThat(Hours.parse("50")).isEqualTo(new Hours.Parsed.Invalid("You can offer at most 37.5 hours a week."));
        assertThat(Hours.parse("38")).isInstanceOf(Hours.Parsed.Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.25", "0.1", "1.333", "37.25"})
    void onlyHalfHourSteps(String typed) {
        assertThat(Hours.parse(typed)).isEqualTo(new Hours.Parsed.Invalid("Hours go in half-hour steps, e.g. 4 or 4.5."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "four", "-2", "4,5", "1e2", "4..5", "h"})
    void notANumber(String typed) {
        assertThat(Hours.parse(typed)).isEqualTo(
                new Hours.Parsed.Invalid("Give the hours a week as a number, e.g. 4 or 4.5."));
    }

    @Test
    void minutesReadAsHours() {
        assertThat(Hours.format(0)).isEqualTo("0 h");
        assertThat(Hours.format(240)).isEqualTo("4 h");
        assertThat(Hours.format(270)).isEqualTo("4.5 h");
        assertThat(Hours.format(30)).isEqualTo("0.5 h");
        assertThat(Hours.format(80)).isEqualTo("1 h 20 min");
        assertThat(Hours.format(20)).isEqualTo("20 min");
    }
}
