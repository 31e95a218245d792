package org.talentpool.ledger;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.talentpool.availability.Hours;
import org.talentpool.availability.Weeks;
import org.talentpool.slack.SlackText;

/**
 * Block Kit of the ledger: the Report hours, Confirm and Dispute buttons (their action IDs are what
 * {@link LedgerFeature} listens for), the wording messages share, the App Home section, the {@code /pool bookings}
 * addition and the admins' list of disputes. User text (notes, reasons) and council names are escaped here.
 */
public final class LedgerBlocks {
    public static final String REPORT = "ledger-report";
    public static final String CONFIRM = "ledger-confirm";
    public static final String DISPUTE = "ledger-dispute";
    public static final String FORGET_ME = "ledger-forget-me";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK);
    /** Slack refuses a section text over 3,000 characters; notes are at most 500, escaping can grow them. */
    private static final int MAX_QUOTE = 1200;

    private LedgerBlocks() {}

    /** A member as Slack shows them, or "a former member" for a tombstone. */
    static String who(String userId) {
        return Tombstones.isTombstone(userId) ? MemberErasure.FORMER_MEMBER : SlackText.mention(userId);
    }

    /** "the week of 2 Nov". */
    static String week(LocalDate weekStart) {
        return "the week of " + Weeks.dayMonth(weekStart);
    }

    static String council(String name) {
        return SlackText.escape(name);
    }

    /** "Thu 19 Nov". */
    static String day(Instant instant, ZoneId zone) {
        return DAY.format(instant.atZone(zone));
    }

    /** User text as a mrkdwn quote, escaped and kept short enough for a section. */
    static String quote(String text) {
        String escaped = SlackText.escape(text.strip());
        if (escaped.length() > MAX_QUOTE) {
            String cut = escaped.substring(0, MAX_QUOTE - 1);
            int entity = cut.lastIndexOf('&');
            if (entity >= 0 && cut.indexOf(';', entity) < 0) {
                cut = cut.substring(0, entity);
            }
            escaped = cut + "…";
        }
        return "> " + escaped.replace("\n", "\n> ");
    }

    /** £80.00 at £40.00/h, or why there is no amount. */
    static String money(LedgerEntry entry) {
        if (entry.ratePence() == null) {
            return "not priced yet: " + council(entry.providerCouncilName()) + " had no hourly rate for that week";
        }
        return Money.format(entry.amountPence()) + " at " + Money.format(entry.ratePence()) + "/h";
    }

    static ButtonElement reportButton(long bookingId) {
        return button(b -> b.actionId(REPORT).value(String.valueOf(bookingId)).style("primary")
                .text(plainText("Report hours")));
    }

    static ButtonElement confirmButton(LedgerEntry entry) {
        return button(b -> b.actionId(CONFIRM).value(String.valueOf(entry.bookingId())).style("primary")
                .text(plainText("Confirm " + Hours.format(entry.reportedMinutes()))));
    }

    static ButtonElement disputeButton(LedgerEntry entry) {
        return button(b -> b.actionId(DISPUTE).value(String.valueOf(entry.bookingId())).text(plainText("Dispute")));
    }

    static LayoutBlock buttons(long bookingId, List<com.slack.api.model.block.element.BlockElement> elements) {
        return actions(a -> a.blockId("ledger-" + bookingId).elements(elements));
    }

    /** The question the specialist is asked, in the DM and the App Home. */
    static String askText(LedgerEntry entry) {
        return "How many hours did you deliver for " + who(entry.requesterId()) + " (" + council(
                entry.requesterCouncilName()) + ") in " + week(entry.weekStart()) + "? They booked "
                + Hours.format(entry.bookedMinutes()) + ".";
    }

    /** What the requester is asked to confirm, in the DM and the App Home. */
    static String reportedText(LedgerEntry entry) {
        return who(entry.specialistId()) + " (" + council(entry.providerCouncilName()) + ") reports "
                + Hours.format(entry.reportedMinutes()) + " delivered for your booking in " + week(entry.weekStart())
                + " (booked " + Hours.format(entry.bookedMinutes()) + ").";
    }

    /** The confirm/dispute blocks the requester gets. */
    static List<LayoutBlock> reportedBlocks(LedgerEntry entry, ZoneId zone) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(reportedText(entry)))));
        if (entry.note() != null) {
            blocks.add(section(s -> s.text(markdownText("*Their note*\n" + quote(entry.note())))));
        }
        blocks.add(buttons(entry.bookingId(), List.of(confirmButton(entry), disputeButton(entry))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Your council pays for the hours confirmed. If you"
                + " neither confirm nor dispute them by " + day(LedgerService.autoConfirmsAt(entry), zone)
                + ", they are confirmed automatically.")))));
        return blocks;
    }

    /** The App Home section: hours the viewer should report, and hours they should confirm. */
    static List<LayoutBlock> home(List<LedgerDao.AcceptedBooking> toReport, List<LedgerEntry> toConfirm,
                                  ZoneId zone) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (!toReport.isEmpty()) {
            blocks.addAll(toReport(toReport));
        }
        if (!toConfirm.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("*Hours to confirm*"))));
            for (LedgerEntry entry : toConfirm) {
                String text = reportedText(entry) + (entry.note() == null ? ""
                        : "\n" + quote(entry.note())) + "\nConfirmed automatically on "
                        + day(LedgerService.autoConfirmsAt(entry), zone) + " unless you answer.";
                blocks.add(section(s -> s.text(markdownText(text))));
                blocks.add(buttons(entry.bookingId(), List.of(confirmButton(entry), disputeButton(entry))));
            }
        }
        return blocks;
    }

    /** Past accepted bookings whose hours are not in, with Report hours (App Home and {@code /pool bookings}). */
    static List<LayoutBlock> toReport(List<LedgerDao.AcceptedBooking> bookings) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (bookings.isEmpty()) {
            return blocks;
        }
        blocks.add(section(s -> s.text(markdownText("*Hours delivered to report*"))));
        for (LedgerDao.AcceptedBooking booking : bookings) {
            String text = who(booking.requesterId()) + " (" + council(booking.requesterCouncilName()) + ") · "
                    + Hours.format(booking.minutes()) + " booked in " + week(booking.weekStart());
            blocks.add(section(s -> s.blockId("ledger-" + booking.id()).text(markdownText(text))
                    .accessory(reportButton(booking.id()))));
        }
        return blocks;
    }

    /** {@code /pool-admin disputes}. */
    static List<LayoutBlock> disputes(List<LedgerEntry> disputes) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (disputes.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("No hours are in dispute."))));
            return blocks;
        }
        blocks.add(section(s -> s.text(markdownText("*Hours in dispute* (oldest first)"))));
        for (LedgerEntry entry : disputes) {
            StringBuilder text = new StringBuilder("*#").append(entry.bookingId()).append("* · ")
                    .append(who(entry.requesterId())).append(" (").append(council(entry.requesterCouncilName()))
                    .append(") disputes the ").append(Hours.format(entry.reportedMinutes())).append(" ")
                    .append(who(entry.specialistId())).append(" (").append(council(entry.providerCouncilName()))
                    .append(") reported for ").append(week(entry.weekStart())).append(" (booked ")
                    .append(Hours.format(entry.bookedMinutes())).append(").");
            if (entry.note() != null) {
                text.append("\n*Specialist's note*\n").append(quote(entry.note()));
            }
            text.append("\n*Reason*\n").append(quote(entry.disputeReason()));
            blocks.add(section(s -> s.blockId("ledger-dispute-" + entry.bookingId())
                    .text(markdownText(text.toString()))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("Settle one with `" + LedgerFeature.RESOLVE_EXAMPLE
                + "` (the hours reported) or `/pool-admin resolve 42 1.5 <note>` (the hours you decide)."
                + " Both sides are told.")))));
        return blocks;
    }

    /** {@code /pool forget-me}: what will happen, and the button that does it (with Slack's own confirmation). */
    static List<LayoutBlock> forgetMe() {
        return List.of(
                section(s -> s.text(markdownText("*Erase your data from Talent Pool?*\nThis deletes your profile,"
                        + " bio, skills and weekly hours, your line manager's permission, your lead or admin roles"
                        + " and the text you wrote (what you needed, reasons, notes). Your open bookings are"
                        + " cancelled and the other side is told. Hours already delivered stay in the ledger under"
                        + " an anonymous name, so councils' statements still add up. This cannot be undone."))),
                actions(a -> a.blockId("ledger-forget-me").elements(List.of(button(b -> b.actionId(FORGET_ME)
                        .value("erase").style("danger").text(plainText("Erase my data"))
                        .confirm(confirmationDialog(d -> d.title(plainText("Erase your data?"))
                                .text(plainText("Your profile and personal data are erased for good."))
                                .confirm(plainText("Erase")).deny(plainText("Keep it"))
                                .style("danger"))))))),
                context(c -> c.elements(List.of(markdownText("`/pool export` first if you want a copy.")))));
    }
}
