package org.talentpool.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.talentpool.availability.Hours;

class DeliveredHoursTest {

    @ParameterizedTest(name = "{0} = {1} min")
    @CsvSource(delimiter = '|', value = {
            "2|120", "2.5|150", "2.25|135", " 1.5 h |90", "0|0", "0.5 hours|30", ".75|45", "1:20|80", "0:05|5",
            "1h 20m|80", "1 h 20 min|80", "2hrs 5mins|125", "80 min|80", "45m|45", "37.5|2250", "2.0166666667|-1"})
    void readsHoursInWholeMinutes(String text, int minutes) {
        Hours.Parsed parsed = DeliveredHours.parse(text);
        if (minutes < 0) {
            assertThat(parsed).isInstanceOf(Hours.Parsed.Invalid.class);
        } else {
            assertThat(parsed).isEqualTo(new Hours.Parsed.Minutes(minutes));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two", "-1", "1:75", "38", "2251 min", "1.0001", "£2", "2 days", "99999999"})
    void refusesWhatIsNotHoursOfAWeek(String text) {
        assertThat(DeliveredHours.parse(text)).isInstanceOf(Hours.Parsed.Invalid.class);
    }

    @ParameterizedTest(name = "{0} min shown as {1}")
    @CsvSource({"120, 2", "150, 2.5", "80, 1:20", "5, 0:05", "0, 0"})
    void startingValuesReadBackTheSame(int minutes, String text) {
        assertThat(DeliveredHours.input(minutes)).isEqualTo(text);
        assertThat(DeliveredHours.parse(text)).isEqualTo(new Hours.Parsed.Minutes(minutes));
    }
}
