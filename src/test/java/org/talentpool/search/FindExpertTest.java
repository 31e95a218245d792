package org.talentpool.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.talentpool.booking.BookingBlocks;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;

/** {@code /find-expert} over signed HTTP: ranking, filters, paging, next week, no match, demand, escaping. */
class FindExpertTest extends ExpertsEndToEnd {

    @Test
    void resultsAreRankedFilteredAndEachHasABookButton() {
        leeds("U0A", 2, "GIS", "Python");
        hull("U0B", 6, "GIS");
        leeds("U0C", 4, "GIS", "Planning");
        fixture.specialist("U0OWN", "york.gov.uk", york, "York GIS officer", "Bio", 8, "GIS");
        hull("U0PAUSED", 8, "GIS");
        fixture.pause("U0PAUSED");
        leeds("U0NOPERM", 8, "GIS");
        fixture.revoke("U0NOPERM");

        JsonNode results = findExpert(KIM, "GIS, python");

        assertThat(results.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(experts(results)).containsExactly("U0A", "U0B", "U0C");
        String text = text(results);
        assertThat(text).contains("*Specialists for “gis python”* with hours this week (w/c "
                + org.talentpool.availability.Weeks.dayMonth(thisWeek()) + ") · 1–3");
        assertThat(text).contains("*<@U0A>* · Leeds City Council\nOfficer U0A\nSkills: *GIS*, *Python*\n"
                + "This week: *2 h left* · Next week: *2 h left*");
        assertThat(text).contains("Skills: *GIS*, Planning");
        JsonNode book = element(results.path("blocks"), BookingBlocks.BOOK, 0);
        assertThat(book.path("value").asText()).isEqualTo("U0A|" + thisWeek());
        assertThat(book.path("text").path("text").asText()).isEqualTo("Book");
        assertThat(results.path("blocks").toString()).doesNotContain(SearchBlocks.MORE);
    }

    @Test
    void aSpecialistWhoseCouncilChangesIsFoundByTheirFormerCouncil() {
        leeds("U0MOVE", 4, "GIS");
        assertThat(experts(findExpert(JO, "gis"))).isEmpty(); // Jo is at Leeds too

        // their Slack profile's email moves to Hull; the gate reads it again once the cached profile is an hour old
        fakeSlack().user("U0MOVE", "Sam Move", "sam.move@hull.gov.uk");
        service.clock().advance(org.talentpool.council.Membership.PROFILE_TTL.plusMinutes(1));
        assertThat(slack().command("U0MOVE", "/available", "status").status()).isEqualTo(200);

        JsonNode results = findExpert(JO, "gis");
        assertThat(experts(results)).containsExactly("U0MOVE");
        assertThat(text(results)).contains("*<@U0MOVE>* · Hull City Council");
    }

    @Test
    void profileTextIsEscaped() {
        fixture.specialist("U0X", "leeds.gov.uk", leeds, "Analyst <b>&</b>", "Ask me anything <!channel> <@U0BOSS>",
                4, "GIS <script>");

        JsonNode results = findExpert(KIM, "gis");

        String blocks = text(results);
        assertThat(blocks).contains("Analyst &lt;b&gt;&amp;&lt;/b&gt;")
                .contains("Ask me anything &lt;!channel&gt; &lt;@U0BOSS&gt;")
                .contains("*GIS &lt;script&gt;*")
                .doesNotContain("<!channel>").doesNotContain("<@U0BOSS>").doesNotContain("<b>");
    }

    @Test
    void moreAndBackPageThroughFiveAtATime() {
        for (int i = 10; i < 22; i++) {
            hull("U0P" + i, 1 + (i % 4), "GIS");
        }
        JsonNode first = findExpert(KIM, "gis");
        assertThat(experts(first)).hasSize(5);
        assertThat(text(first)).contains("· 1–5");

        JsonNode second = click(first, SearchBlocks.MORE);
        assertThat(second.path("replace_original").asBoolean()).isTrue();
        assertThat(experts(second)).hasSize(5).doesNotContainAnyElementsOf(experts(first));
        assertThat(text(second)).contains("· 6–10");

        JsonNode third = click(second, SearchBlocks.MORE);
        assertThat(experts(third)).hasSize(2);
        assertThat(third.path("blocks").toString()).doesNotContain(SearchBlocks.MORE);

        JsonNode back = click(third, SearchBlocks.BACK);
        assertThat(experts(back)).isEqualTo(experts(second));
    }

    private static JsonNode click(JsonNode results, String actionId) {
        JsonNode button = element(results.path("blocks"), actionId, 0);
        SlackClient.Reply reply = slack().blockAction(KIM, actionId, button.path("value").asText(), "find-expert-pages",
                "1700000001.000200", "C0GENERAL");
        assertThat(reply.status()).isEqualTo(200);
        return responseTo(reply);
    }

    @Test
    void nextWeekSearchesNextWeeksHours() {
        leeds("U0BUSY", 1, "GIS");
        service.jdbi().useTransaction(handle -> new org.talentpool.availability.WeeklyCapacity(service.jdbi(),
                service.clock(), ExpertFixture.LONDON).hold(handle, "U0BUSY", thisWeek(), 60));

        JsonNode thisWeek = findExpert(KIM, "gis");
        assertThat(experts(thisWeek)).isEmpty();
        assertThat(text(thisWeek)).contains("Nobody at another council with hours this week")
                .contains("Some have hours next week: try `/find-expert gis --next-week`.");

        JsonNode nextWeek = findExpert(KIM, "gis --next-week");
        assertThat(experts(nextWeek)).containsExactly("U0BUSY");
        assertThat(text(nextWeek)).contains("with hours next week").contains("This week: *0 h left*");
        assertThat(element(nextWeek.path("blocks"), BookingBlocks.BOOK, 0).path("value").asText())
                .isEqualTo("U0BUSY|" + thisWeek().plusWeeks(1));
    }

    @Test
    void noMatchSaysSoSuggestsNearbySkillsAndAdminsSeeTheDemand() {
        leeds("U0PLAN", 4, "Planning enforcement");

        JsonNode results = findExpert(KIM, "plans <!here>");

        assertThat(text(results)).contains("Nobody at another council with hours this week")
                .contains("matches “plans here”")
                .contains("Nearby skills people offer: *Planning enforcement*.")
                .contains("I've noted what you looked for");
        findExpert(LEE, "plans");

        SlackClient.Reply demand = slack().command(ServiceHarness.ADMIN, "/pool-admin", "demand");
        assertThat(demand.text()).contains("*Unmet demand in the last 4 weeks*")
                .contains("• `plans` — 2 searches by 2 people").contains("• `here` — 1 search by 1 person");
        assertThat(slack().command(ServiceHarness.ADMIN, "/pool-admin", "demand 1").text())
                .contains("*Unmet demand in this week*");
        assertThat(slack().command(ServiceHarness.ADMIN, "/pool-admin", "demand lots").text())
                .contains("Give the number of weeks to look back as a whole number from 1 to 52,"
                        + " e.g. `/pool-admin demand 8`.");
        assertThat(slack().command(KIM, "/pool-admin", "demand").text()).contains("Only community admins");
    }

    @Test
    void malformedTextIsExplainedAndOnlyMembersOfApprovedCouncilsMaySearch() {
        SlackClient.Reply empty = slack().command(KIM, "/find-expert", "  ");
        assertThat(empty.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(empty.text()).contains("Tell me the skills you need, e.g. `/find-expert gis python`");

        assertThat(slack().command(KIM, "/find-expert", "gis --soon").text())
                .contains("I don't know the option `--soon`.");

        SlackClient.Reply refused = slack().command(PAT, "/find-expert", "gis");
        assertThat(refused.text()).contains("Your council (Wakefield Council, wakefield.gov.uk) isn't in the pool yet.");
        assertThat(count("SELECT COUNT(*) FROM search_demand")).isZero();
    }

    @Test
    void theHelpListsFindExpertAndBookings() {
        String help = slack().command(KIM, "/pool", "").text();
        assertThat(help).contains("/find-expert gis python").contains("/pool bookings");
        assertThat(slack().command(ServiceHarness.ADMIN, "/pool-admin", "").text()).contains("/pool-admin demand 4");
    }
}
