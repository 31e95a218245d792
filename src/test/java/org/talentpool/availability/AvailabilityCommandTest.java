package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.talentpool.availability.AvailabilityService.WeekChoice;

class AvailabilityCommandTest {

    @Test
    void everyForm() {
        assertThat(AvailabilityCommand.parse("")).isEqualTo(new AvailabilityCommand.OpenProfile());
        assertThat(AvailabilityCommand.parse(null)).isEqualTo(new AvailabilityCommand.OpenProfile());
        assertThat(AvailabilityCommand.parse("4")).isEqualTo(new AvailabilityCommand.SetDefault(240));
        assertThat(AvailabilityCommand.parse("4.5")).isEqualTo(new AvailabilityCommand.SetDefault(270));
        assertThat(AvailabilityCommand.parse("2 next week"))
                .isEqualTo(new AvailabilityCommand.SetWeek(120, WeekChoice.NEXT_WEEK));
        assertThat(AvailabilityCommand.parse("0 this week"))
                .isEqualTo(new AvailabilityCommand.SetWeek(0, WeekChoice.THIS_WEEK));
        assertThat(AvailabilityCommand.parse(" 2h   Next  Week "))
                .isEqualTo(new AvailabilityCommand.SetWeek(120, WeekChoice.NEXT_WEEK));
        assertThat(AvailabilityCommand.parse("pause")).isEqualTo(new AvailabilityCommand.Pause());
        assertThat(AvailabilityCommand.parse("Resume")).isEqualTo(new AvailabilityCommand.Resume());
        assertThat(AvailabilityCommand.parse("status")).isEqualTo(new AvailabilityCommand.Status());
        assertThat(AvailabilityCommand.parse("help")).isEqualTo(new AvailabilityCommand.Help());
    }

    @Test
    void revokeNamesThePersonByMention() {
        assertThat(AvailabilityCommand.parse("revoke <@U0SPEC01|jo>"))
                .isEqualTo(new AvailabilityCommand.Revoke("U0SPEC01"));
        assertThat(AvailabilityCommand.parse("revoke <@U0SPEC01>")).isEqualTo(new AvailabilityCommand.Revoke("U0SPEC01"));
        assertThat(AvailabilityCommand.parse("revoke U0SPEC01")).isEqualTo(new AvailabilityCommand.Revoke("U0SPEC01"));
        assertThat(AvailabilityCommand.parse("revoke @jo")).isInstanceOf(AvailabilityCommand.Invalid.class);
        assertThat(AvailabilityCommand.parse("revoke")).isInstanceOf(AvailabilityCommand.Invalid.class);
    }

    @Test
    void badHoursSayWhyWithAnExample() {
        assertThat(explanation("50")).startsWith("You can offer at most 37.5 hours a week.").contains("`/available 4`");
        assertThat(explanation("4.25 next week")).startsWith("Hours go in half-hour steps").contains("`/available 4`");
        assertThat(explanation("-1")).contains("as a number");
        assertThat(explanation("4 last week")).contains("as a number");
    }

    @Test
    void unknownWordsGetTheForms() {
        assertThat(explanation("holiday")).startsWith("I don't understand `/available holiday`.")
                .contains("`/available 2 next week`").contains("`/available pause`");
    }

    private static String explanation(String text) {
        return ((AvailabilityCommand.Invalid) AvailabilityCommand.parse(text)).explanation();
    }
}
