package org.talentpool.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;

/**
 * Booking steps over signed HTTP for end-to-end tests that need bookings to exist: Book, the modal submitted,
 * the specialist's Accept, and reading what was published to an App Home.
 */
final class BookingSteps {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceHarness service;

    BookingSteps(ServiceHarness service) {
        this.service = service;
    }

    /** {@code requester} clicks Book on {@code specialist}, fills in the modal and sends it; returns the booking's ID. */
    long book(String requester, String specialist, LocalDate week, String hours, String need) {
        int opened = service.slack().calls("views.open").size();
        SlackClient.Reply click = service.client().blockAction(requester, BookingBlocks.BOOK, specialist + "|" + week,
                "expert-" + specialist, "1700000001.000300", "C0GENERAL");
        assertThat(click.status()).isEqualTo(200);
        assertThat(service.slack().calls("views.open")).hasSize(opened + 1);
        String viewId = "V0" + requester + System.nanoTime();
        SlackClient.Reply sent = service.client().viewSubmission(requester, BookingModal.REQUEST, viewId, specialist,
                SlackClient.values()
                        .select(BookingForm.WEEK, BookingForm.WEEK, week.toString())
                        .text(BookingForm.HOURS, BookingForm.HOURS, hours)
                        .text(BookingForm.NEED, BookingForm.NEED, need)
                        .build());
        assertThat(sent.json().path("response_action").asText()).isEqualTo("update");
        return service.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM booking WHERE request_key = :key")
                .bind("key", viewId).mapTo(Long.class).one());
    }

    /** The specialist clicks Accept on the request DM. */
    void accept(String specialist, long bookingId) {
        SlackClient.Reply click = service.client().blockAction(specialist, BookingBlocks.ACCEPT,
                String.valueOf(bookingId), "booking-" + bookingId, "1700000009.000100", "D" + specialist.substring(1));
        assertThat(click.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(bookingId).equals("accepted"));
    }

    String status(long bookingId) {
        return service.jdbi().withHandle(handle -> handle.createQuery("SELECT status FROM booking WHERE id = :id")
                .bind("id", bookingId).mapTo(String.class).one());
    }

    /** A button click on the App Home. */
    SlackClient.Reply homeClick(String user, String actionId, String value) {
        ObjectNode action = JSON.createObjectNode().put("action_id", actionId).put("block_id", "home-" + actionId)
                .put("type", "button").put("value", value);
        return service.client().homeAction(user, action);
    }

    /** Opens the Home tab, as Slack reports it. */
    void openHome(String user) {
        assertThat(service.client().event(user, "app_home_opened", JSON.createObjectNode().put("tab", "home")
                .put("channel", "D" + user.substring(1))).status()).isEqualTo(200);
    }

    /** Every App Home published for the user, oldest first. */
    List<FakeSlack.Call> homes(String user) {
        return service.slack().calls("views.publish").stream().filter(call -> user.equals(call.param("user_id")))
                .toList();
    }

    /** Waits for an App Home of the user showing all of {@code expected}; returns its view. */
    JsonNode homeShowing(String user, String... expected) {
        await().atMost(Duration.ofSeconds(15)).until(() -> homes(user).stream().anyMatch(call -> containsAll(call,
                expected)));
        return homes(user).stream().filter(call -> containsAll(call, expected)).reduce((first, second) -> second)
                .orElseThrow().json("view");
    }

    private static boolean containsAll(FakeSlack.Call call, String... expected) {
        String text = call.allText();
        for (String piece : expected) {
            if (!text.contains(piece)) {
                return false;
            }
        }
        return true;
    }
}
