package org.talentpool.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.LayoutBlock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.talentpool.slack.SlackMessages;

/** Booking wording and Block Kit: escaping, Slack's size limits, the state machine's table. */
class BookingBlocksTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-02T10:00:00Z");

    private static Booking booking(long id, String specialist, String requester, BookingStatus status, String need) {
        return new Booking(id, "V" + id, specialist, requester, 1, "Leeds & District", 2, "City of York Council",
                LocalDate.parse("2026-11-30"), 90, need, null, status, NOW, NOW, null, null, null);
    }

    @Test
    void userTextIsQuotedEscapedAndKeptWithinASection() {
        assertThat(BookingBlocks.quote("Line one <!channel>\nLine & two")).isEqualTo(
                "> Line one &lt;!channel&gt;\n> Line &amp; two");
        String longest = BookingBlocks.quote("&".repeat(1000));
        assertThat(longest).hasSizeLessThanOrEqualTo(BookingBlocks.MAX_QUOTE).endsWith("&amp;…");
        assertThat(BookingBlocks.quote("a".repeat(1000))).isEqualTo("> " + "a".repeat(1000));
        assertThat(BookingBlocks.snippet("  Many\n\nlines <b> " + "x".repeat(200), 20)).isEqualTo(
                "Many lines &lt;b&gt; xxxx…");
        assertThat(BookingBlocks.council("Leeds & District")).isEqualTo("Leeds &amp; District");
    }

    @Test
    void myBookingsStaysWithinFiftyBlocksWithButtonsForEachBooking() {
        List<Booking> ofMyTime = new ArrayList<>();
        for (int i = 0; i < BookingService.MY_BOOKINGS_LIMIT; i++) {
            ofMyTime.add(booking(i, "U0JO", "U0KIM", BookingStatus.REQUESTED, "Need <" + i + ">"));
        }
        List<LayoutBlock> blocks = BookingBlocks.myBookings(new BookingService.MyBookings(List.of(), ofMyTime));

        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        String json = SlackMessages.toJson(blocks);
        assertThat(json).contains(BookingBlocks.ACCEPT).contains(BookingBlocks.DECLINE).contains("Need \\u0026lt;19")
                .contains("Showing the first 20 open bookings");

        List<LayoutBlock> made = BookingBlocks.myBookings(new BookingService.MyBookings(
                List.of(booking(7, "U0JO", "U0KIM", BookingStatus.ACCEPTED, "Maps")), List.of()));
        assertThat(SlackMessages.toJson(made)).contains("*Bookings you made*").contains("✅ confirmed")
                .contains(BookingBlocks.CANCEL).contains("Leeds \\u0026amp; District").doesNotContain(BookingBlocks.ACCEPT);
        assertThat(SlackMessages.toJson(BookingBlocks.myBookings(new BookingService.MyBookings(List.of(), List.of()))))
                .contains("You have no open bookings");
    }

    @Test
    void theStateMachine() {
        assertThat(BookingStatus.Transition.values()).extracting(transition -> transition.from() + "->"
                + transition.to() + ":" + transition.hours()).containsExactly(
                "REQUESTED->ACCEPTED:CONFIRM", "REQUESTED->DECLINED:RELEASE_HELD", "REQUESTED->CANCELLED:RELEASE_HELD",
                "REQUESTED->EXPIRED:RELEASE_HELD", "ACCEPTED->CANCELLED:RELEASE_BOOKED");
        assertThat(BookingStatus.Transition.cancel(BookingStatus.REQUESTED))
                .isEqualTo(BookingStatus.Transition.CANCEL_REQUEST);
        assertThat(BookingStatus.Transition.cancel(BookingStatus.ACCEPTED))
                .isEqualTo(BookingStatus.Transition.CANCEL_BOOKING);
        assertThat(BookingStatus.REQUESTED.open()).isTrue();
        assertThat(BookingStatus.EXPIRED.open()).isFalse();
        assertThat(BookingStatus.fromDb("cancelled")).isEqualTo(BookingStatus.CANCELLED);
    }

    @Test
    void durationsAndTimeouts() {
        assertThat(SlackBookingNotifier.duration(Duration.ofHours(72))).isEqualTo("3 days");
        assertThat(SlackBookingNotifier.duration(Duration.ofHours(24))).isEqualTo("a day");
        assertThat(SlackBookingNotifier.duration(Duration.ofHours(36))).isEqualTo("36 hours");
        assertThat(SlackBookingNotifier.duration(Duration.ofHours(1))).isEqualTo("an hour");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BookingTimeouts(Duration.ofHours(3),
                Duration.ofHours(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
