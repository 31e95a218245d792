package org.talentpool.booking;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.radioButtons;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.talentpool.availability.Hours;
import org.talentpool.availability.WeekCapacity;
import org.talentpool.availability.Weeks;
import org.talentpool.slack.SlackText;

/**
 * The booking modal (week, hours, what you need, cost code / PO), the small decline and cancel modals that ask
 * for a reason, and reading submissions back. Block IDs are the {@link BookingForm} field names, so errors land
 * on the right field.
 */
final class BookingModal {
    static final String REQUEST = "booking-request";
    static final String DECLINE = "booking-decline-reason";
    static final String CANCEL = "booking-cancel-reason";

    private BookingModal() {}

    /** The booking form for a specialist with hours left, with {@code preferredWeek} chosen if it has hours. */
    static View form(BookingService.Offer offer, LocalDate preferredWeek) {
        List<WeekCapacity> weeks = offer.weeksWithHours();
        List<OptionObject> options = new ArrayList<>();
        OptionObject chosen = null;
        for (WeekCapacity week : weeks) {
            String label = (week.weekStart().equals(offer.thisWeek().weekStart()) ? "This week" : "Next week")
                    + " (w/c " + Weeks.dayMonth(week.weekStart()) + "): " + Hours.format(week.leftMinutes()) + " left";
            OptionObject option = option(plainText(label), week.weekStart().toString());
            options.add(option);
            if (week.weekStart().equals(preferredWeek) || weeks.size() == 1) {
                chosen = option;
            }
        }
        OptionObject initial = chosen;
        String who = "Book *" + SlackText.mention(offer.specialistId()) + "* — " + SlackText.escape(offer.jobTitle())
                + ", " + SlackText.escape(offer.councilName())
                + (offer.skills().isEmpty() ? "" : "\nSkills: " + SlackText.escape(String.join(", ", offer.skills())));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(who))));
        blocks.add(input(i -> i.blockId(BookingForm.WEEK).label(plainText("Week"))
                .element(radioButtons(r -> {
                    r.actionId(BookingForm.WEEK).options(options);
                    if (initial != null) {
                        r.initialOption(initial);
                    }
                    return r;
                }))));
        blocks.add(input(i -> i.blockId(BookingForm.HOURS).label(plainText("Hours"))
                .hint(plainText("In half-hour steps, up to the hours left that week."))
                .element(plainTextInput(t -> t.actionId(BookingForm.HOURS).placeholder(plainText("e.g. 2 or 1.5"))))));
        blocks.add(input(i -> i.blockId(BookingForm.NEED).label(plainText("What you need"))
                .element(plainTextInput(t -> t.actionId(BookingForm.NEED).multiline(true)
                        .maxLength(BookingForm.MAX_NEED)
                        .placeholder(plainText("What you'd like help with, and when in the week suits you"))))));
        blocks.add(input(i -> i.blockId(BookingForm.COST_CODE).optional(true).label(plainText("Cost code or PO"))
                .element(plainTextInput(t -> t.actionId(BookingForm.COST_CODE).maxLength(BookingForm.MAX_COST_CODE)
                        .placeholder(plainText("For your finance team, if they need one"))))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Sending this holds the hours at once and asks them to"
                + " accept. Your council pays for the hours delivered.")))));
        return view(v -> v.type("modal").callbackId(REQUEST).privateMetadata(offer.specialistId())
                .title(viewTitle(t -> t.type("plain_text").text("Book a specialist")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Send request")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    /** A submission of the booking form read back; missing fields come back null, for the service to judge. */
    static BookingForm read(View view) {
        Map<String, Map<String, ViewState.Value>> values = values(view.getState());
        ViewState.Value week = value(values, BookingForm.WEEK);
        return new BookingForm(view.getPrivateMetadata(),
                week == null || week.getSelectedOption() == null ? null : week.getSelectedOption().getValue(),
                text(values, BookingForm.HOURS), text(values, BookingForm.NEED), text(values, BookingForm.COST_CODE));
    }

    /** The view that replaces a modal once it has done its work. */
    static View done(String title, String mrkdwn) {
        return view(v -> v.type("modal").callbackId(REQUEST + "-done")
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .close(viewClose(c -> c.type("plain_text").text("Done")))
                .blocks(List.of(section(s -> s.text(markdownText(mrkdwn))))));
    }

    /** Which booking a reason modal is about, and the message the button was on (to update it afterwards). */
    record Target(long bookingId, Optional<BookingNotifier.MessageRef> message) {
        String metadata() {
            return bookingId + message.map(ref -> "|" + ref.channel() + "|" + ref.ts()).orElse("");
        }

        static Optional<Target> parse(String metadata) {
            if (metadata == null) {
                return Optional.empty();
            }
            String[] parts = metadata.split("\\|");
            try {
                long id = Long.parseLong(parts[0]);
                return Optional.of(new Target(id, parts.length == 3
                        ? Optional.of(new BookingNotifier.MessageRef(parts[1], parts[2])) : Optional.empty()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** The decline modal: an optional reason for the requester. */
    static View declineForm(Booking booking, Target target) {
        return reasonForm(DECLINE, "Decline request", "Decline", "Reason (optional)", true,
                "Decline " + SlackText.mention(booking.requesterId()) + "'s request for "
                        + BookingBlocks.hoursAndWeek(booking) + "? The hours are released and they are told.",
                target);
    }

    /** The cancel modal: a reason for the other side, required. */
    static View cancelForm(Booking booking, String viewerId, Target target) {
        return reasonForm(CANCEL, "Cancel booking", "Cancel booking", "Reason", false,
                "Cancel the booking with " + SlackText.mention(booking.otherSide(viewerId)) + " for "
                        + BookingBlocks.hoursAndWeek(booking) + "? The hours are released and they are told.",
                target);
    }

    private static View reasonForm(String callbackId, String title, String submit, String label, boolean optional,
                                   String question, Target target) {
        return view(v -> v.type("modal").callbackId(callbackId).privateMetadata(target.metadata())
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .submit(viewSubmit(s -> s.type("plain_text").text(submit)))
                .close(viewClose(c -> c.type("plain_text").text("Back")))
                .blocks(List.of(
                        section(s -> s.text(markdownText(question))),
                        input(i -> i.blockId(BookingForm.REASON).optional(optional).label(plainText(label))
                                .element(plainTextInput(t -> t.actionId(BookingForm.REASON).multiline(true)
                                        .maxLength(BookingForm.MAX_REASON)
                                        .placeholder(plainText("The other side will see this"))))))));
    }

    /** The reason typed in a decline or cancel modal; null when left empty. */
    static String reason(ViewState state) {
        return text(values(state), BookingForm.REASON);
    }

    private static Map<String, Map<String, ViewState.Value>> values(ViewState state) {
        return state == null || state.getValues() == null ? Map.of() : state.getValues();
    }

    private static ViewState.Value value(Map<String, Map<String, ViewState.Value>> values, String block) {
        Map<String, ViewState.Value> actions = values.get(block);
        if (actions == null || actions.isEmpty()) {
            return null;
        }
        ViewState.Value byId = actions.get(block);
        return byId != null ? byId : actions.values().iterator().next();
    }

    private static String text(Map<String, Map<String, ViewState.Value>> values, String block) {
        ViewState.Value value = value(values, block);
        return value == null ? null : value.getValue();
    }
}
