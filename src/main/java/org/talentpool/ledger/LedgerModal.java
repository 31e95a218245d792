package org.talentpool.ledger;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.talentpool.availability.Hours;

/**
 * The hours-delivered form (prefilled with the booked hours, with a note) and the dispute form (a reason), and reading
 * them back. Block and action IDs are the service's field names, so errors land next to their field. The private
 * metadata is the booking's ID.
 */
final class LedgerModal {
    static final String REPORT = "ledger-report-hours";
    static final String DISPUTE = "ledger-dispute-reason";

    private LedgerModal() {}

    static View reportForm(LedgerService.Answer.MayReport report) {
        String question = "Your booking with " + LedgerBlocks.who(report.requesterId()) + " in "
                + LedgerBlocks.week(report.weekStart()) + ": " + Hours.format(report.bookedMinutes())
                + " booked. How many hours did you actually deliver?";
        return view(v -> v.type("modal").callbackId(REPORT).privateMetadata(String.valueOf(report.bookingId()))
                .title(viewTitle(t -> t.type("plain_text").text("Hours delivered")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Send")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        section(s -> s.text(markdownText(question))),
                        input(i -> i.blockId(LedgerService.HOURS).label(plainText("Hours delivered"))
                                .hint(plainText("Whole minutes are fine, " + DeliveredHours.EXAMPLE
                                        + "; 0 if nothing was delivered."))
                                .element(plainTextInput(t -> t.actionId(LedgerService.HOURS)
                                        .initialValue(DeliveredHours.input(report.bookedMinutes()))))),
                        input(i -> i.blockId(LedgerService.NOTE).optional(true)
                                .label(plainText("Note (needed if the hours differ)"))
                                .element(plainTextInput(t -> t.actionId(LedgerService.NOTE).multiline(true)
                                        .maxLength(LedgerService.MAX_TEXT)
                                        .placeholder(plainText("What was delivered; the requester sees this"))))))));
    }

    static View disputeForm(LedgerEntry entry) {
        String question = "Dispute the " + Hours.format(entry.reportedMinutes()) + " "
                + LedgerBlocks.who(entry.specialistId()) + " reported for " + LedgerBlocks.week(entry.weekStart())
                + " (booked " + Hours.format(entry.bookedMinutes()) + ")? A community admin settles it; the"
                + " specialist and the admins see your reason.";
        return view(v -> v.type("modal").callbackId(DISPUTE).privateMetadata(String.valueOf(entry.bookingId()))
                .title(viewTitle(t -> t.type("plain_text").text("Dispute hours")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Dispute")))
                .close(viewClose(c -> c.type("plain_text").text("Back")))
                .blocks(List.of(
                        section(s -> s.text(markdownText(question))),
                        input(i -> i.blockId(LedgerService.REASON).label(plainText("What is wrong with the hours?"))
                                .element(plainTextInput(t -> t.actionId(LedgerService.REASON).multiline(true)
                                        .maxLength(LedgerService.MAX_TEXT)))))));
    }

    /** The view that replaces a form once it has done its work. */
    static View done(String title, String mrkdwn) {
        return view(v -> v.type("modal").callbackId(REPORT + "-done")
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .close(viewClose(c -> c.type("plain_text").text("Done")))
                .blocks(List.of(section(s -> s.text(markdownText(mrkdwn))))));
    }

    static OptionalLong bookingId(View view) {
        try {
            return OptionalLong.of(Long.parseLong(view.getPrivateMetadata()));
        } catch (NumberFormatException | NullPointerException e) {
            return OptionalLong.empty();
        }
    }

    /** The text typed into one field; null when left empty. */
    static String text(View view, String field) {
        ViewState state = view.getState();
        Map<String, Map<String, ViewState.Value>> values = state == null || state.getValues() == null ? Map.of()
                : state.getValues();
        Map<String, ViewState.Value> block = values.get(field);
        if (block == null || block.isEmpty()) {
            return null;
        }
        ViewState.Value value = block.getOrDefault(field, block.values().iterator().next());
        return value == null ? null : value.getValue();
    }
}
