package org.talentpool.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HourlyRateTest {
    private static final String EXAMPLE = "`/pool-admin rate york.gov.uk £45.50`";

    @Test
    void acceptsPoundsWithOrWithoutPenceAndSign() {
        assertThat(HourlyRate.parsePence("45", EXAMPLE)).isEqualTo(4500);
        assertThat(HourlyRate.parsePence("45.50", EXAMPLE)).isEqualTo(4550);
        assertThat(HourlyRate.parsePence("45.5", EXAMPLE)).isEqualTo(4550);
        assertThat(HourlyRate.parsePence("£45.50", EXAMPLE)).isEqualTo(4550);
        assertThat(HourlyRate.parsePence(" £ 45.05/h ", EXAMPLE)).isEqualTo(4505);
        assertThat(HourlyRate.parsePence("0.01", EXAMPLE)).isEqualTo(1);
        assertThat(HourlyRate.parsePence("1000", EXAMPLE)).isEqualTo(100_000);
    }

    @Test
    void refusesNegativeZeroAbsurdAndFractionalPence() {
        assertThatThrownBy(() -> HourlyRate.parsePence("-45", EXAMPLE)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("negative").hasMessageContaining(EXAMPLE);
        assertThatThrownBy(() -> HourlyRate.parsePence("£-45", EXAMPLE)).hasMessageContaining("negative");
        assertThatThrownBy(() -> HourlyRate.parsePence("0", EXAMPLE)).hasMessageContaining("more than £0");
        assertThatThrownBy(() -> HourlyRate.parsePence("0.00", EXAMPLE)).hasMessageContaining("more than £0");
        assertThatThrownBy(() -> HourlyRate.parsePence("1000.01", EXAMPLE)).hasMessageContaining("£1,000.00");
        assertThatThrownBy(() -> HourlyRate.parsePence("99999999", EXAMPLE)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> HourlyRate.parsePence("45.505", EXAMPLE)).hasMessageContaining("two decimal");
    }

    @Test
    void refusesWhatIsNotAnAmountAndEscapesIt() {
        assertThatThrownBy(() -> HourlyRate.parsePence("forty", EXAMPLE))
                .hasMessageContaining("`forty` isn't an amount");
        assertThatThrownBy(() -> HourlyRate.parsePence("45,50", EXAMPLE)).hasMessageContaining("isn't an amount");
        assertThatThrownBy(() -> HourlyRate.parsePence("45.", EXAMPLE)).hasMessageContaining("isn't an amount");
        assertThatThrownBy(() -> HourlyRate.parsePence("<!channel>", EXAMPLE))
                .hasMessageContaining("&lt;!channel&gt;").hasMessageNotContaining("<!channel>");
        assertThatThrownBy(() -> HourlyRate.parsePence("", EXAMPLE)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void formatsPence() {
        assertThat(HourlyRate.format(4550)).isEqualTo("£45.50");
        assertThat(HourlyRate.format(5)).isEqualTo("£0.05");
        assertThat(HourlyRate.format(100_000)).isEqualTo("£1,000.00");
    }
}
