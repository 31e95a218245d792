package org.talentpool.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.availability.WeekCapacity;
import org.talentpool.availability.WeeklyCapacity;
import org.talentpool.availability.Weeks;
import org.talentpool.search.ExpertFixture;
import org.talentpool.search.ExpertsEndToEnd;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.SlackClient;

/**
 * Booking over signed HTTP: Book opens the modal, submitting holds the hours and messages both sides; accept,
 * decline and cancel (with their modals); {@code /pool bookings}; the hours going while the modal is open; a
 * duplicate submission; escaping of what the requester typed.
 */
class BookingFlowTest extends ExpertsEndToEnd {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JO_DM = "D0JO0001";

    @BeforeEach
    void joOffersThreeHours() {
        fixture.specialist(JO, "leeds.gov.uk", leeds, "Senior GIS analyst", "Maps for planning.", 3, "GIS", "Python");
    }

    private static WeekCapacity week(LocalDate weekStart) {
        return new WeeklyCapacity(service.jdbi(), service.clock(), ExpertFixture.LONDON).capacity(JO, weekStart)
                .orElseThrow();
    }

    /** Clicks Book on Jo for this week and returns the modal Slack was asked to open. */
    private static JsonNode clickBook(String user) {
        int before = fakeSlack().calls("views.open").size();
        SlackClient.Reply reply = slack().blockAction(user, BookingBlocks.BOOK, JO + "|" + thisWeek(),
                "expert-" + JO, "1700000001.000300", "C0GENERAL");
        assertThat(reply.status()).isEqualTo(200);
        List<FakeSlack.Call> opened = fakeSlack().calls("views.open");
        assertThat(opened).hasSize(before + 1);
        assertThat(opened.get(before).param("trigger_id")).isEqualTo(reply.triggerId());
        return opened.get(before).json("view");
    }

    private static SlackClient.ViewValues form(String hours, String need) {
        return SlackClient.values()
                .select(BookingForm.WEEK, BookingForm.WEEK, thisWeek().toString())
                .text(BookingForm.HOURS, BookingForm.HOURS, hours)
                .text(BookingForm.NEED, BookingForm.NEED, need)
                .text(BookingForm.COST_CODE, BookingForm.COST_CODE, "PO-77");
    }

    private static SlackClient.Reply submit(String user, String viewId, SlackClient.ViewValues values) {
        return slack().viewSubmission(user, BookingModal.REQUEST, viewId, JO, values.build());
    }

    /** Kim books two hours of Jo this week; returns the booking's ID once both DMs are out. */
    private static long kimBooksTwoHours() {
        clickBook(KIM);
        SlackClient.Reply reply = submit(KIM, "V0KIM001", form("2", "A flood map for the Ouse"));
        assertThat(reply.json().path("response_action").asText()).isEqualTo("update");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(requestsTo(JO)).hasSize(1);
            assertThat(dmsTo(KIM)).hasSize(1);
        });
        return Long.parseLong(element(requestsTo(JO).get(0).json("blocks"), BookingBlocks.ACCEPT, 0)
                .path("value").asText());
    }

    private static List<FakeSlack.Call> requestsTo(String user) {
        return fakeSlack().messagesTo(user).stream().filter(call -> call.param("text").contains("would like to book"))
                .toList();
    }

    private static SlackClient.Reply joClicks(String actionId, long bookingId) {
        return slack().blockAction(JO, actionId, String.valueOf(bookingId), "booking-" + bookingId,
                "1700000009.000100", JO_DM);
    }

    @Test
    void bookOpensTheModalWithTheHoursLeftEachWeek() {
        JsonNode view = clickBook(KIM);

        assertThat(view.path("callback_id").asText()).isEqualTo(BookingModal.REQUEST);
        assertThat(view.path("private_metadata").asText()).isEqualTo(JO);
        String text = text(view);
        assertThat(text).contains("Book *<@" + JO + ">* — Senior GIS analyst, Leeds City Council")
                .contains("This week (w/c " + Weeks.dayMonth(thisWeek()) + "): 3 h left")
                .contains("Next week (w/c " + Weeks.dayMonth(thisWeek().plusWeeks(1)) + "): 3 h left");
        JsonNode weekElement = element(view.path("blocks"), BookingForm.WEEK, 0);
        assertThat(weekElement.path("type").asText()).isEqualTo("radio_buttons");
        assertThat(weekElement.path("initial_option").path("value").asText()).isEqualTo(thisWeek().toString());
        assertThat(element(view.path("blocks"), BookingForm.NEED, 0).path("max_length").asInt()).isEqualTo(1000);
    }

    @Test
    void bookingSomeoneWhoCannotBeBookedSaysWhyInsteadOfOpeningTheModal() {
        fixture.pause(JO);
        SlackClient.Reply paused = slack().blockAction(KIM, BookingBlocks.BOOK, JO + "|" + thisWeek(), "expert-" + JO,
                "1700000001.000300", "C0GENERAL");
        assertThat(responseTo(paused).path("text").asText()).isEqualTo("<@" + JO + "> isn't taking bookings at the"
                + " moment (paused, or without their manager's permission).");

        SlackClient.Reply gate = slack().blockAction(PAT, BookingBlocks.BOOK, JO + "|" + thisWeek(), "expert-" + JO,
                "1700000001.000300", "C0GENERAL");
        assertThat(responseTo(gate).path("text").asText()).contains("isn't in the pool yet");
        assertThat(fakeSlack().calls("views.open")).isEmpty();
    }

    @Test
    void theFullPathBookThenAccept() {
        JsonNode view = clickBook(KIM);
        assertThat(view.path("callback_id").asText()).isEqualTo(BookingModal.REQUEST);

        SlackClient.Reply reply = submit(KIM, "V0KIM001", form("2", "A flood map for the Ouse"));

        assertThat(reply.json().path("response_action").asText()).isEqualTo("update");
        assertThat(reply.text()).contains("*Request sent.* I've held 2 h of <@" + JO + ">'s time in the week of "
                + Weeks.dayMonth(thisWeek()));
        assertThat(week(thisWeek()).heldMinutes()).isEqualTo(120);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(requestsTo(JO)).hasSize(1);
            assertThat(dmsTo(KIM)).hasSize(1);
        });
        FakeSlack.Call request = requestsTo(JO).get(0);
        assertThat(request.param("text")).isEqualTo("<@" + KIM + "> (City of York Council) would like to book 2 h of"
                + " your time in the week of " + Weeks.dayMonth(thisWeek()) + ".");
        assertThat(request.allText()).contains("A flood map for the Ouse").contains("PO-77");
        assertThat(dmsTo(KIM).get(0)).contains("I've asked <@" + JO + "> (Leeds City Council) for 2 h");
        long bookingId = Long.parseLong(element(request.json("blocks"), BookingBlocks.ACCEPT, 0).path("value").asText());

        assertThat(joClicks(BookingBlocks.ACCEPT, bookingId).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(dmsTo(KIM)).hasSize(2);
            assertThat(fakeSlack().calls("chat.update")).hasSize(1);
        });
        assertThat(dmsTo(KIM).get(1)).contains("✅ <@" + JO + "> accepted your booking: 2 h in the week of");
        FakeSlack.Call update = fakeSlack().calls("chat.update").get(0);
        assertThat(update.param("channel")).isEqualTo(JO_DM);
        assertThat(update.param("ts")).isEqualTo("1700000009.000100");
        assertThat(update.allText()).contains("✅ You accepted <@" + KIM + ">'s booking").contains("Cancel")
                .doesNotContain("Decline");
        assertThat(week(thisWeek()).heldMinutes()).isZero();
        assertThat(week(thisWeek()).bookedMinutes()).isEqualTo(120);
        assertThat(count("SELECT COUNT(*) FROM booking WHERE status = 'accepted'")).isEqualTo(1);

        // A second click changes nothing and says so.
        SlackClient.Reply again = joClicks(BookingBlocks.ACCEPT, bookingId);
        assertThat(responseTo(again).path("text").asText()).isEqualTo("You accepted this booking already.");
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE method LIKE 'chat.%'")).isEqualTo(4);
    }

    @Test
    void declineAsksForAnOptionalReasonAndReleasesTheHours() {
        long bookingId = kimBooksTwoHours();

        SlackClient.Reply click = joClicks(BookingBlocks.DECLINE, bookingId);
        FakeSlack.Call opened = fakeSlack().calls("views.open").get(1);
        assertThat(opened.param("trigger_id")).isEqualTo(click.triggerId());
        JsonNode modal = opened.json("view");
        assertThat(modal.path("callback_id").asText()).isEqualTo(BookingModal.DECLINE);
        assertThat(text(modal)).contains("Decline <@" + KIM + ">'s request for 2 h");

        SlackClient.Reply declined = slack().viewSubmission(JO, BookingModal.DECLINE, "V0DECLINE",
                modal.path("private_metadata").asText(), SlackClient.values()
                        .text(BookingForm.REASON, BookingForm.REASON, "On leave <!channel>").build());

        assertThat(declined.json().path("response_action").asText()).isEqualTo("update");
        assertThat(declined.text()).contains("You declined the request for 2 h");
        assertThat(week(thisWeek()).heldMinutes()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(dmsTo(KIM)).hasSize(2);
            assertThat(fakeSlack().calls("chat.update")).hasSize(1);
        });
        assertThat(dmsTo(KIM).get(1)).contains("declined your request for 2 h in the week of")
                .contains("“On leave &lt;!channel&gt;”").doesNotContain("<!channel>");
        assertThat(fakeSlack().calls("chat.update").get(0).param("ts")).isEqualTo("1700000009.000100");

        // The buttons of the old request now only explain.
        assertThat(responseTo(joClicks(BookingBlocks.DECLINE, bookingId)).path("text").asText())
                .isEqualTo("You declined this request already.");
        assertThat(fakeSlack().calls("views.open")).hasSize(2);
    }

    @Test
    void eitherSideCancelsFromPoolBookingsWithAReason() {
        long bookingId = kimBooksTwoHours();

        SlackClient.Reply list = slack().command(KIM, "/pool", "bookings");
        assertThat(list.text()).contains("*Bookings you made*").contains("*<@" + JO + ">* (Leeds City Council) · 2 h"
                + " in the week of").contains("⏳ awaiting their answer").contains("A flood map for the Ouse");
        assertThat(element(list.json().path("blocks"), BookingBlocks.CANCEL, 0).path("value").asText())
                .isEqualTo(String.valueOf(bookingId));
        SlackClient.Reply jos = slack().command(JO, "/pool", "bookings");
        assertThat(jos.text()).contains("*Bookings of your time*").contains("⏳ waiting for your answer");
        assertThat(element(jos.json().path("blocks"), BookingBlocks.ACCEPT, 0).path("value").asText())
                .isEqualTo(String.valueOf(bookingId));

        SlackClient.Reply click = ephemeralClick(KIM, BookingBlocks.CANCEL, bookingId);
        assertThat(click.status()).isEqualTo(200);
        JsonNode modal = fakeSlack().calls("views.open").get(1).json("view");
        assertThat(modal.path("callback_id").asText()).isEqualTo(BookingModal.CANCEL);
        assertThat(text(modal)).contains("Cancel the booking with <@" + JO + "> for 2 h");

        SlackClient.Reply noReason = slack().viewSubmission(KIM, BookingModal.CANCEL, "V0CANCEL",
                modal.path("private_metadata").asText(), SlackClient.values()
                        .text(BookingForm.REASON, BookingForm.REASON, "  ").build());
        assertThat(noReason.json().path("response_action").asText()).isEqualTo("errors");
        assertThat(noReason.json().path("errors").path(BookingForm.REASON).asText())
                .isEqualTo("Give a reason: the other side will see it.");
        assertThat(week(thisWeek()).heldMinutes()).isEqualTo(120);

        SlackClient.Reply cancelled = slack().viewSubmission(KIM, BookingModal.CANCEL, "V0CANCEL",
                modal.path("private_metadata").asText(), SlackClient.values()
                        .text(BookingForm.REASON, BookingForm.REASON, "Found someone nearer").build());

        assertThat(cancelled.text()).contains("You cancelled the booking of 2 h");
        assertThat(week(thisWeek()).heldMinutes()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(dmsTo(JO)).hasSize(2);
            assertThat(dmsTo(KIM)).hasSize(2);
        });
        assertThat(dmsTo(JO).get(1)).contains("<@" + KIM + "> cancelled their booking of your time, 2 h in the week"
                + " of").contains("“Found someone nearer”");
        assertThat(dmsTo(KIM).get(1)).contains("You cancelled the booking with <@" + JO + ">");
        assertThat(slack().command(KIM, "/pool", "bookings").text()).contains("You have no open bookings");
    }

    /** A click on a button of an ephemeral message (such as the {@code /pool bookings} list). */
    private static SlackClient.Reply ephemeralClick(String user, String actionId, long bookingId) {
        String trigger = fakeSlack().newTrigger();
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A0TEST")
                .put("token", "verification-token-unused").put("trigger_id", trigger)
                .put("response_url", fakeSlack().newResponseUrl());
        payload.putObject("team").put("id", FakeSlack.TEAM_ID).put("domain", "test-councils");
        payload.putObject("user").put("id", user).put("username", user.toLowerCase())
                .put("team_id", FakeSlack.TEAM_ID);
        payload.putObject("channel").put("id", "C0GENERAL").put("name", "general");
        payload.putObject("container").put("type", "message").put("message_ts", "1700000002.000100")
                .put("channel_id", "C0GENERAL").put("is_ephemeral", true);
        payload.putArray("actions").addObject().put("action_id", actionId).put("block_id", "booking-" + bookingId)
                .put("value", String.valueOf(bookingId)).put("type", "button").put("action_ts", "1700000002.000200");
        return slack().post(SlackClient.formEncode(Map.of("payload", payload.toString())),
                "application/x-www-form-urlencoded");
    }

    @Test
    void whenTheHoursGoWhileTheModalIsOpenTheHoursFieldSaysWhatIsLeft() {
        clickBook(KIM);
        clickBook(LEE);
        assertThat(submit(LEE, "V0LEE001", form("2", "Survey work")).json().path("response_action").asText())
                .isEqualTo("update");

        SlackClient.Reply late = submit(KIM, "V0KIM001", form("2", "A flood map"));

        assertThat(late.json().path("response_action").asText()).isEqualTo("errors");
        assertThat(late.json().path("errors").path(BookingForm.HOURS).asText())
                .isEqualTo("Only 1 h left in the week of " + Weeks.dayMonth(thisWeek()) + " now. Ask for 1 h or less.");
        assertThat(week(thisWeek()).heldMinutes()).isEqualTo(120);
        assertThat(count("SELECT COUNT(*) FROM booking")).isEqualTo(1);

        assertThat(submit(KIM, "V0KIM001", form("1", "A flood map")).json().path("response_action").asText())
                .isEqualTo("update");
        assertThat(week(thisWeek()).heldMinutes()).isEqualTo(180);
        SlackClient.Reply none = submit(LEE, "V0LEE002", form("0.5", "More"));
        assertThat(none.json().path("errors").path(BookingForm.HOURS).asText()).startsWith("No hours are left");
    }

    @Test
    void aDuplicateSubmissionBooksOnceAndMessagesOnce() {
        clickBook(KIM);
        SlackClient.Reply first = submit(KIM, "V0KIM001", form("1", "Once"));
        SlackClient.Reply retried = submit(KIM, "V0KIM001", form("1", "Once"));

        assertThat(first.json().path("response_action").asText()).isEqualTo("update");
        assertThat(retried.json()).isEqualTo(first.json());
        assertThat(count("SELECT COUNT(*) FROM booking")).isEqualTo(1);
        assertThat(week(thisWeek()).heldMinutes()).isEqualTo(60);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(requestsTo(JO)).hasSize(1);
            assertThat(dmsTo(KIM)).hasSize(1);
        });
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE method LIKE 'chat.%'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'booking.requested'")).isEqualTo(1);
    }

    @Test
    void invalidFieldsAreShownNextToThemAndWhatTheRequesterTypedIsEscaped() {
        clickBook(KIM);
        SlackClient.Reply invalid = submit(KIM, "V0KIM001", form("2.25", " ").text(BookingForm.COST_CODE,
                BookingForm.COST_CODE, "x".repeat(101)));
        assertThat(invalid.json().path("response_action").asText()).isEqualTo("errors");
        assertThat(invalid.json().path("errors").fieldNames()).toIterable()
                .containsExactlyInAnyOrder(BookingForm.HOURS, BookingForm.NEED, BookingForm.COST_CODE);
        assertThat(count("SELECT COUNT(*) FROM booking")).isZero();

        SlackClient.Reply booked = submit(KIM, "V0KIM001", form("1", "Help <!channel> & <@U0BOSS> <https://x.example|click>")
                .text(BookingForm.COST_CODE, BookingForm.COST_CODE, "<!here>"));
        assertThat(booked.json().path("response_action").asText()).isEqualTo("update");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(requestsTo(JO)).hasSize(1));
        String dm = requestsTo(JO).get(0).allText();
        assertThat(dm).contains("Help &lt;!channel&gt; &amp; &lt;@U0BOSS&gt; &lt;https://x.example|click&gt;")
                .contains("&lt;!here&gt;").doesNotContain("<!channel>").doesNotContain("<!here>")
                .doesNotContain("<@U0BOSS>");
        assertThat(slack().command(JO, "/pool", "bookings").text()).contains("Help &lt;!channel&gt;")
                .doesNotContain("<!channel>");
    }

    @Test
    void onlyTheSpecialistAnswersARequest() {
        long bookingId = kimBooksTwoHours();

        SlackClient.Reply byKim = slack().blockAction(KIM, BookingBlocks.ACCEPT, String.valueOf(bookingId),
                "booking-" + bookingId, "1700000009.000100", "D0KIM001");

        assertThat(responseTo(byKim).path("text").asText()).isEqualTo("Only <@" + JO + "> can answer this request.");
        assertThat(count("SELECT COUNT(*) FROM booking WHERE status = 'requested'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'booking.refused'")).isEqualTo(1);
    }
}
