package org.talentpool.booking;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.talentpool.availability.Hours;
import org.talentpool.availability.Weeks;
import org.talentpool.slack.SlackText;

/**
 * Block Kit for bookings: the Accept / Decline / Cancel buttons (their action IDs are what
 * {@link BookingFeature} listens for), the wording shared by messages, and the {@code /pool bookings} list,
 * which the App Home can show too. User text (need, cost code, reason) is escaped here.
 */
public final class BookingBlocks {
    /** The Book button of a search result; its value is {@code <specialist ID>|<week, ISO date>}. */
    public static final String BOOK = "booking-book";
    public static final String ACCEPT = "booking-accept";
    public static final String DECLINE = "booking-decline";
    public static final String CANCEL = "booking-cancel";
    private static final int NEED_SNIPPET = 150;
    /** Slack refuses a section text over 3,000 characters; the quote shares one with a short heading. */
    static final int MAX_QUOTE = 2800;

    private BookingBlocks() {}

    /** The value of a Book button. */
    public static String bookValue(String specialistId, LocalDate weekStart) {
        return specialistId + "|" + weekStart;
    }

    /** A Book button for a specialist, preferring the given week. */
    public static ButtonElement bookButton(String specialistId, LocalDate weekStart) {
        return button(b -> b.actionId(BOOK).value(bookValue(specialistId, weekStart)).style("primary")
                .text(plainText("Book")));
    }

    /** "the week of 30 Nov". */
    static String week(LocalDate weekStart) {
        return "the week of " + Weeks.dayMonth(weekStart);
    }

    /** "2 h in the week of 30 Nov". */
    static String hoursAndWeek(Booking booking) {
        return Hours.format(booking.minutes()) + " in " + week(booking.weekStart());
    }

    /** A council name (admin-entered text) made safe for mrkdwn. */
    static String council(String name) {
        return SlackText.escape(name);
    }

    /** User text as a mrkdwn quote, escaped, kept within what a section's text may hold. */
    static String quote(String text) {
        String quoted = "> " + SlackText.escape(text).replace("\n", "\n> ");
        if (quoted.length() <= MAX_QUOTE) {
            return quoted;
        }
        // Escaping can make 1,000 characters several times longer; cut without splitting an entity such as &amp;
        String cut = quoted.substring(0, MAX_QUOTE - 1);
        int entity = cut.lastIndexOf('&');
        if (entity >= 0 && cut.indexOf(';', entity) < 0) {
            cut = cut.substring(0, entity);
        }
        return cut + "…";
    }

    /** User text on one line, cut to {@code max} characters, escaped. */
    public static String snippet(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        String cut = oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
        return SlackText.escape(cut);
    }

    static ButtonElement accept(Booking booking) {
        return button(b -> b.actionId(ACCEPT).value(String.valueOf(booking.id())).style("primary")
                .text(plainText("Accept")));
    }

    static ButtonElement decline(Booking booking) {
        return button(b -> b.actionId(DECLINE).value(String.valueOf(booking.id())).style("danger")
                .text(plainText("Decline")));
    }

    static ButtonElement cancel(Booking booking) {
        return button(b -> b.actionId(CANCEL).value(String.valueOf(booking.id())).text(plainText("Cancel")));
    }

    static LayoutBlock buttons(Booking booking, List<BlockElement> elements) {
        return actions(a -> a.blockId("booking-" + booking.id()).elements(elements));
    }

    /** The {@code /pool bookings} list (and an App Home section): open bookings both ways, with their buttons. */
    public static List<LayoutBlock> myBookings(BookingService.MyBookings bookings) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (bookings.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("You have no open bookings this week or later."
                    + " `/find-expert <skill>` finds a specialist at another council."))));
            return blocks;
        }
        if (!bookings.made().isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("*Bookings you made*"))));
            for (Booking booking : bookings.made()) {
                String state = booking.status() == BookingStatus.ACCEPTED ? "✅ confirmed" : "⏳ awaiting their answer";
                String text = "*" + SlackText.mention(booking.specialistId()) + "* (" + council(
                        booking.specialistCouncilName()) + ") · " + hoursAndWeek(booking) + " · " + state
                        + "\n" + snippet(booking.need(), NEED_SNIPPET);
                blocks.add(section(s -> s.blockId("booking-" + booking.id()).text(markdownText(text))
                        .accessory(cancel(booking))));
            }
        }
        if (!bookings.ofMyTime().isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("*Bookings of your time*"))));
            for (Booking booking : bookings.ofMyTime()) {
                boolean requested = booking.status() == BookingStatus.REQUESTED;
                String state = requested ? "⏳ waiting for your answer" : "✅ confirmed";
                String text = "*" + SlackText.mention(booking.requesterId()) + "* (" + council(
                        booking.requesterCouncilName()) + ") · " + hoursAndWeek(booking) + " · " + state
                        + "\n" + snippet(booking.need(), NEED_SNIPPET);
                if (requested) {
                    blocks.add(section(s -> s.text(markdownText(text))));
                    blocks.add(buttons(booking, List.of(accept(booking), decline(booking))));
                } else {
                    blocks.add(section(s -> s.blockId("booking-" + booking.id()).text(markdownText(text))
                            .accessory(cancel(booking))));
                }
            }
        }
        if (bookings.made().size() + bookings.ofMyTime().size() >= BookingService.MY_BOOKINGS_LIMIT) {
            blocks.add(context(c -> c.elements(List.of(markdownText("Showing the first "
                    + BookingService.MY_BOOKINGS_LIMIT + " open bookings, soonest week first.")))));
        }
        return blocks;
    }
}
