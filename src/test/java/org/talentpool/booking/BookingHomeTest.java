package org.talentpool.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.availability.Weeks;
import org.talentpool.search.ExpertsEndToEnd;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.SlackClient;

/**
 * The App Home sections of specialists and requesters over signed HTTP: hours, requests with Accept / Decline and
 * bookings; a requester's bookings and search box; every booking change publishing both sides' homes again; and
 * the home's buttons going to the same listeners as the DMs'.
 */
class BookingHomeTest extends ExpertsEndToEnd {
    private static final ObjectMapper JSON = new ObjectMapper();
    private BookingSteps steps;

    @BeforeEach
    void joOffersThreeHours() {
        steps = new BookingSteps(service);
        fixture.specialist(JO, "leeds.gov.uk", leeds, "Senior GIS analyst", "Maps for planning.", 3, "GIS", "Python");
    }

    private static String week() {
        return Weeks.dayMonth(thisWeek());
    }

    @Test
    void theSpecialistAndTheRequesterEachSeeTheirPartAndABookingRefreshesBothHomes() {
        steps.openHome(JO);
        JsonNode jos = steps.homeShowing(JO, "Your hours");
        assertThat(text(jos)).contains("*This week* (w/c " + week() + "): 3 h offered · 0 h held · 0 h booked · *3 h left*")
                .contains("*Next week*").contains("Your bookings").contains("You have no open bookings")
                .contains("Find an expert");
        assertThat(element(jos.path("blocks"), "availability-set-hours", 0).path("type").asText())
                .isEqualTo("static_select");
        steps.openHome(KIM);
        JsonNode kims = steps.homeShowing(KIM, "Find an expert");
        assertThat(text(kims)).contains("Your bookings").doesNotContain("Your hours");
        JsonNode search = element(kims.path("blocks"), "find-expert-home", 0);
        assertThat(search.path("type").asText()).isEqualTo("plain_text_input");
        assertThat(search.path("dispatch_action_config").path("trigger_actions_on").get(0).asText())
                .isEqualTo("on_enter_pressed");

        long bookingId = steps.book(KIM, JO, thisWeek(), "2", "A flood map for the Ouse");

        // Nobody opened their home again: the booking asked for both to be published.
        JsonNode requested = steps.homeShowing(JO, "waiting for your answer");
        assertThat(text(requested)).contains("2 h held").contains("*1 h left*").contains("A flood map for the Ouse");
        assertThat(element(requested.path("blocks"), BookingBlocks.ACCEPT, 0).path("value").asText())
                .isEqualTo(String.valueOf(bookingId));
        assertThat(element(requested.path("blocks"), BookingBlocks.DECLINE, 0).path("value").asText())
                .isEqualTo(String.valueOf(bookingId));
        assertThat(text(steps.homeShowing(KIM, "awaiting their answer"))).contains("*Bookings you made*");

        // Accept on the home goes to the same listener as Accept in the DM.
        assertThat(steps.homeClick(JO, BookingBlocks.ACCEPT, String.valueOf(bookingId)).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> steps.status(bookingId).equals("accepted"));
        assertThat(text(steps.homeShowing(JO, "✅ confirmed"))).contains("2 h booked");
        assertThat(text(steps.homeShowing(KIM, "✅ confirmed"))).contains("A flood map for the Ouse");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(dmsTo(KIM)).anyMatch(text -> text.contains("accepted your booking"));
            // There is no message to update on a home, so the specialist's own record comes as a DM.
            assertThat(dmsTo(JO)).anyMatch(text -> text.contains("✅ You accepted <@" + KIM + ">'s booking"));
        });
    }

    @Test
    void declineOnTheHomeOpensTheReasonModalAndARefusalComesAsADm() {
        long bookingId = steps.book(KIM, JO, thisWeek(), "1", "Survey");
        int opened = fakeSlack().calls("views.open").size();

        SlackClient.Reply decline = steps.homeClick(JO, BookingBlocks.DECLINE, String.valueOf(bookingId));

        assertThat(decline.status()).isEqualTo(200);
        List<FakeSlack.Call> modals = fakeSlack().calls("views.open");
        assertThat(modals).hasSize(opened + 1);
        assertThat(modals.get(opened).param("trigger_id")).isEqualTo(decline.triggerId());
        assertThat(modals.get(opened).json("view").path("callback_id").asText()).isEqualTo(BookingModal.DECLINE);

        // Kim may not answer Jo's request; with no response URL on a home the refusal comes as a DM.
        steps.homeClick(KIM, BookingBlocks.ACCEPT, String.valueOf(bookingId));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fakeSlack().messagesTo(KIM))
                .anyMatch(call -> call.param("text").equals("Only <@" + JO + "> can answer this request.")));
        assertThat(steps.status(bookingId)).isEqualTo("requested");
    }

    @Test
    void theHomeSearchBoxPostsResultsWithBookButtonsToTheDm() {
        hull("U0HANNA1", 2, "GIS");

        SlackClient.Reply searched = slack().homeAction(KIM, typed("gis"));

        assertThat(searched.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !fakeSlack().messagesTo(KIM).isEmpty());
        FakeSlack.Call results = fakeSlack().messagesTo(KIM).get(0);
        assertThat(results.param("text")).isEqualTo("Specialists for gis");
        assertThat(experts(JSON.createObjectNode().set("blocks", results.json("blocks"))))
                .containsExactly(JO, "U0HANNA1");
        assertThat(element(results.json("blocks"), BookingBlocks.BOOK, 0).path("value").asText())
                .isEqualTo(JO + "|" + thisWeek());

        slack().homeAction(KIM, typed("gis --someday"));
        slack().homeAction(PAT, typed("gis"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(dmsTo(KIM)).anyMatch(text -> text.contains("I don't know the option `--someday`"));
            assertThat(fakeSlack().messagesTo(PAT)).anyMatch(call -> call.allText().contains("isn't in the pool yet"));
        });
    }

    private static ObjectNode typed(String words) {
        return JSON.createObjectNode().put("action_id", "find-expert-home").put("block_id", "find-expert-home")
                .put("type", "plain_text_input").put("value", words);
    }
}
