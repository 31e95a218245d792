package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.SlackClient;

/** Every {@code /available} form and the manager's permission round trip, over signed HTTP. */
class AvailableCommandTest extends AvailabilityEndToEnd {

    @Test
    void everyHoursFormRepliesWithThisWeekAndNext() {
        samApproves(joOffers("4"));
        String thisWeek = Weeks.dayMonth(thisWeek());
        String nextWeek = Weeks.dayMonth(thisWeek().plusWeeks(1));

        SlackClient.Reply status = command(JO, "status");
        assertThat(status.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(status.text()).contains("*This week* (w/c " + thisWeek + "): 4 h offered · 0 h held · 0 h booked · *4 h left*")
                .contains("*Next week* (w/c " + nextWeek + "): 4 h offered · 0 h held · 0 h booked · *4 h left*")
                .contains("<@" + SAM + "> agreed you may offer up to 4 h a week, until");

        assertThat(command(JO, "3").text()).contains("You offer *3 h a week* from this week on.")
                .contains("*This week* (w/c " + thisWeek + "): 3 h offered").contains("*Next week* (w/c " + nextWeek
                        + "): 3 h offered");

        assertThat(command(JO, "2 next week").text()).contains("You offer *2 h* next week only.")
                .contains("*This week* (w/c " + thisWeek + "): 3 h offered")
                .contains("*Next week* (w/c " + nextWeek + "): 2 h offered · 0 h held · 0 h booked · *2 h left* — just that week");

        assertThat(command(JO, "0 this week").text()).contains("You offer *0 h* this week only.")
                .contains("*This week* (w/c " + thisWeek + "): 0 h offered");

        assertThat(command(JO, "3.5").text()).contains("*This week* (w/c " + thisWeek + "): 3.5 h offered")
                .contains("*Next week* (w/c " + nextWeek + "): 2 h offered");

        assertThat(auditActions("specialist", JO)).containsExactly("profile.created", "hours.default_changed",
                "hours.default_changed");
        assertThat(auditActions("specialist_week", JO + "/" + thisWeek().plusWeeks(1))).containsExactly(
                "hours.week_changed");
        assertThat(auditActions("specialist_week", JO + "/" + thisWeek())).containsExactly("hours.week_changed");
    }

    @Test
    void statusInANewWeekMakesItsNextWeekFromTheDefault() {
        samApproves(joOffers("4"));
        command(JO, "2 next week");
        LocalDate weekAfter = thisWeek().plusWeeks(2);
        assertThat(capacity().week(weekAfter)).noneMatch(week -> week.specialistId().equals(JO));

        service.clock().advance(Duration.ofDays(7));

        assertThat(command(JO, "status").text())
                .contains("*This week* (w/c " + Weeks.dayMonth(thisWeek()) + "): 2 h offered · 0 h held · 0 h booked"
                        + " · *2 h left* — just that week")
                .contains("*Next week* (w/c " + Weeks.dayMonth(weekAfter) + "): 4 h offered · 0 h held · 0 h booked"
                        + " · *4 h left*");
        assertThat(capacity().week(weekAfter)).filteredOn(week -> week.specialistId().equals(JO))
                .extracting(WeekCapacity::offeredMinutes).containsExactly(240);
    }

    @Test
    void raisingAboveTheApprovedCapAsksTheManagerAgainAndCapsTheOffer() {
        samApproves(joOffers("4"));

        SlackClient.Reply raised = command(JO, "4.5");

        assertThat(raised.text()).contains("I've asked <@" + SAM + "> to agree to up to 4.5 h a week")
                .contains("4 h offered").contains("(you asked for 4.5 h)")
                .contains("awaiting your manager's permission for more hours");
        long raise = requestTo(SAM, 2);
        assertThat(requests(SAM).get(1).param("text")).contains("up to 4.5 h a week");

        samApproves(raise);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(command(JO, "status").text()).contains("4.5 h offered"));
    }

    @Test
    void pauseAndResume() {
        samApproves(joOffers("4"));

        assertThat(command(JO, "pause").text()).contains("*Paused.*").contains("You're paused")
                .contains("0 h offered").contains("(you asked for 4 h)");
        assertThat(searchable(JO)).isFalse();
        assertThat(command(JO, "pause").text()).contains("You were already paused.");
        assertThat(command(JO, "status").text()).contains("You're paused");

        assertThat(command(JO, "resume").text()).contains("*Welcome back:*").contains("4 h offered")
                .doesNotContain("You're paused");
        assertThat(searchable(JO)).isTrue();
        assertThat(command(JO, "resume").text()).contains("You weren't paused.");
        assertThat(auditActions("specialist", JO)).containsExactly("profile.created", "availability.paused",
                "availability.resumed");
    }

    @Test
    void untilApprovedEveryReplySaysSo() {
        joOffers("4");

        assertThat(command(JO, "status").text()).contains("awaiting your manager's permission")
                .contains("0 h offered").contains("(you asked for 4 h)");
        assertThat(command(JO, "3").text()).contains("awaiting your manager's permission");
        assertThat(command(JO, "2 next week").text()).contains("awaiting your manager's permission");
        assertThat(requests(SAM)).hasSize(1);
    }

    @Test
    void malformedTextGetsOneLineAndAnExample() {
        samApproves(joOffers("4"));

        assertOneLine(command(JO, "50"), "You can offer at most 37.5 hours a week. For example: `/available 4`");
        assertOneLine(command(JO, "4.25"), "Hours go in half-hour steps, e.g. 4 or 4.5.");
        assertOneLine(command(JO, "2 last week"), "Give the hours a week as a number");
        assertOneLine(command(JO, "holiday"), "I don't understand `/available holiday`. Try `/available 4`");
        assertOneLine(command(JO, "<!channel> 4"), "I don't understand `/available &lt;!channel&gt; 4`");
        assertOneLine(command(JO, "revoke @sam"), "e.g. `/available revoke @Sam Jones`");
        assertThat(command(JO, "help").text()).contains("`/available 2 next week`").contains("`/available pause`");

        assertThat(command(JO, "status").text()).contains("4 h offered");
        assertThat(auditActions("specialist", JO)).containsExactly("profile.created");
    }

    @Test
    void hourFormsNeedAProfileFirst() {
        for (String text : List.of("4", "2 next week", "pause", "resume", "status")) {
            assertThat(command(KIM, text).text()).as(text).contains("You haven't set up your profile yet");
        }
        assertThat(count("SELECT COUNT(*) FROM specialist")).isZero();
    }

    @Test
    void everyFormGoesThroughTheMembershipGate() {
        for (String text : List.of("", "4", "2 next week", "pause", "resume", "status", "revoke <@U0JO0001>", "zzz")) {
            assertThat(command(PAT, text).text()).as(text).contains("Hull City Council");
            assertThat(command(LEE, text).text()).as(text).contains("Your council (unlisted-district.gov.uk) isn't in the pool yet.");
        }
        assertThat(fakeSlack().calls("views.open")).isEmpty();
    }

    @Test
    void theHelpListsTheAvailableForms() {
        String help = slack().command(JO, "/pool", "").text();

        assertThat(help).contains("/available 4").contains("/available 2 next week").contains("/available pause")
                .contains("/available status").contains("/available revoke @person");
    }

    @Test
    void loweringBelowHeldOrBookedHoursIsRefusedWithTheNumbers() {
        samApproves(joOffers("4"));
        LocalDate week = thisWeek();
        WeeklyCapacity capacity = capacity();
        service.jdbi().useTransaction(handle -> {
            assertThat(capacity.hold(handle, JO, week, 120)).isTrue();
            assertThat(capacity.confirm(handle, JO, week, 60)).isTrue();
        });

        SlackClient.Reply lowered = command(JO, "1.5");
        assertThat(lowered.text()).contains("You can't offer 1.5 h in the week of " + Weeks.dayMonth(week)
                + ": 1 h held and 1 h booked there already, so at least 2 h. Nothing was changed.")
                .contains("*This week* (w/c " + Weeks.dayMonth(week) + "): 4 h offered · 1 h held · 1 h booked · *2 h left*");

        assertThat(command(JO, "0 this week").text()).contains("You can't offer 0 h in the week of "
                + Weeks.dayMonth(week));
        assertThat(capacity.capacity(JO, week).orElseThrow().offeredMinutes()).isEqualTo(240);
        assertThat(auditActions("specialist", JO)).containsExactly("profile.created");

        assertThat(command(JO, "2 this week").text()).contains("2 h offered · 1 h held · 1 h booked · *0 h left*");
        assertThat(command(JO, "1 next week").text()).contains("You offer *1 h* next week only.");
    }

    @Test
    void approvePermissionRoundTrip() {
        long id = joOffers("4");

        SlackClient.Reply notTheManager = click(ALEX, SlackAvailabilityNotifier.APPROVE, id);
        assertThat(notTheManager.status()).isEqualTo(200);
        assertThat(responseTo(notTheManager)).isEqualTo("Only <@" + SAM + "> can answer this request.");
        assertThat(searchable(JO)).isFalse();

        samApproves(id);

        assertThat(searchable(JO)).isTrue();
        assertThat(dmsTo(JO)).singleElement().asString().contains("<@" + SAM + "> agreed you may offer up to 4 h a week");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fakeSlack().calls("chat.update"))
                .hasSize(1));
        FakeSlack.Call update = fakeSlack().calls("chat.update").get(0);
        assertThat(update.param("channel")).isEqualTo("D0SAMDM1");
        assertThat(update.param("ts")).isEqualTo("1700000001.000100");
        assertThat(update.param("text")).contains("You agreed that <@" + JO + "> may offer up to 4 h a week");
        assertThat(button(update, SlackAvailabilityNotifier.REVOKE).path("value").asText()).isEqualTo(String.valueOf(id));

        SlackClient.Reply doubleClick = click(SAM, SlackAvailabilityNotifier.APPROVE, id);
        assertThat(responseTo(doubleClick)).startsWith("You already approved this");
        assertThat(responseTo(click(SAM, SlackAvailabilityNotifier.DECLINE, id))).startsWith("You already approved this");
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE method LIKE 'chat.%'")).isEqualTo(3);
        assertThat(auditActions("permission", String.valueOf(id))).containsExactly("permission.requested",
                "permission.refused", "permission.approved");
        assertThat(command(JO, "status").text()).contains("4 h offered").doesNotContain("awaiting");
    }

    @Test
    void declinePermissionRoundTrip() {
        long id = joOffers("4");

        assertThat(click(SAM, SlackAvailabilityNotifier.DECLINE, id).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dmsTo(JO)).singleElement().asString()
                .contains("<@" + SAM + "> declined your request to offer up to 4 h a week"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fakeSlack().calls("chat.update"))
                .singleElement().satisfies(update -> assertThat(update.param("text"))
                        .contains("You declined <@" + JO + ">'s request")));
        assertThat(searchable(JO)).isFalse();
        assertThat(command(JO, "status").text()).contains("declined your request").contains("0 h offered");
        assertThat(responseTo(click(SAM, SlackAvailabilityNotifier.APPROVE, id)))
                .isEqualTo("You already declined this request.");
        assertThat(auditActions("permission", String.valueOf(id))).containsExactly("permission.requested",
                "permission.declined");
    }

    @Test
    void revokeFromTheApprovalMessage() {
        long id = joOffers("4");
        samApproves(id);

        assertThat(responseTo(click(ALEX, SlackAvailabilityNotifier.REVOKE, id)))
                .isEqualTo("Only <@" + SAM + "> can answer this request.");
        assertThat(searchable(JO)).isTrue();

        click(SAM, SlackAvailabilityNotifier.REVOKE, id);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dmsTo(JO)).anyMatch(text ->
                text.contains("<@" + SAM + "> withdrew their permission")));
        assertThat(searchable(JO)).isFalse();
        assertThat(command(JO, "status").text()).contains("withdrew their permission").contains("0 h offered");
        assertThat(responseTo(click(SAM, SlackAvailabilityNotifier.REVOKE, id)))
                .isEqualTo("You already withdrew this permission.");
        assertThat(auditActions("permission", String.valueOf(id))).containsExactly("permission.requested",
                "permission.approved", "permission.refused", "permission.revoked");
    }

    @Test
    void revokeByCommand() {
        samApproves(joOffers("4"));

        assertThat(command(ALEX, "revoke <@" + JO + "|jo>").text())
                .contains("Only <@" + SAM + ">, who gave it, can withdraw <@" + JO + ">'s permission.");
        assertThat(searchable(JO)).isTrue();

        assertThat(command(SAM, "revoke <@" + JO + "|jo>").text())
                .contains("You withdrew <@" + JO + ">'s permission to offer time to other councils.");

        assertThat(searchable(JO)).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dmsTo(JO)).anyMatch(text ->
                text.contains("withdrew their permission")));
        assertThat(command(SAM, "revoke <@" + JO + ">").text()).contains("<@" + JO + "> has no permission from you");
        assertThat(command(JO, "status").text()).contains("withdrew their permission");
    }

    @Test
    void savingTheProfileAgainAfterADeclineAsksAgain() {
        long first = joOffers("4");
        click(SAM, SlackAvailabilityNotifier.DECLINE, first);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dmsTo(JO)).hasSize(1));

        submit(JO, profile("4", SAM));

        long second = requestTo(SAM, 2);
        assertThat(second).isNotEqualTo(first);
        samApproves(second);
        assertThat(searchable(JO)).isTrue();
    }

    private static void assertOneLine(SlackClient.Reply reply, String expected) {
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(reply.json().path("text").asText()).contains(expected).doesNotContain("\n");
    }
}
