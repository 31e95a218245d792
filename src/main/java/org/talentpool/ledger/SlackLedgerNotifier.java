package org.talentpool.ledger;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.talentpool.availability.Hours;
import org.talentpool.slack.Outbox;
import org.talentpool.slack.SlackMessages;

/**
 * Hours-delivered messages as Slack DMs (and, for disputes, a post to the admin channel or a DM to every admin),
 * queued in the outbox in the caller's transaction. Dedup keys name the entry, the event and the recipient
 * ({@code ledger-42-reported-U123}), so a retried change queues nothing twice. Nobody is messaged under a tombstone.
 */
final class SlackLedgerNotifier implements LedgerNotifier {
    private final Outbox outbox;
    private final Optional<String> adminChannel;
    private final Supplier<List<String>> admins;
    private final ZoneId zone;

    SlackLedgerNotifier(Outbox outbox, Optional<String> adminChannel, Supplier<List<String>> admins, ZoneId zone) {
        this.outbox = outbox;
        this.adminChannel = adminChannel;
        this.admins = admins;
        this.zone = zone;
    }

    @Override
    public void asked(Handle handle, LedgerEntry entry) {
        String text = LedgerBlocks.askText(entry);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("🕒 " + text))));
        blocks.add(LedgerBlocks.buttons(entry.bookingId(), List.of(LedgerBlocks.reportButton(entry.bookingId()))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Give the hours you actually delivered (whole minutes"
                + " are fine). " + LedgerBlocks.who(entry.requesterId()) + " is then asked to confirm them, and their"
                + " council pays " + LedgerBlocks.council(entry.providerCouncilName()) + " for the hours confirmed.")))));
        post(handle, entry, "ask", entry.specialistId(), text, blocks);
    }

    @Override
    public void reported(Handle handle, LedgerEntry entry) {
        post(handle, entry, "reported", entry.requesterId(), LedgerBlocks.reportedText(entry),
                LedgerBlocks.reportedBlocks(entry, zone));
    }

    @Override
    public void confirmed(Handle handle, LedgerEntry entry) {
        post(handle, entry, "confirmed", entry.specialistId(), "✅ " + LedgerBlocks.who(entry.requesterId())
                + " confirmed the " + Hours.format(entry.confirmedMinutes()) + " you delivered in "
                + LedgerBlocks.week(entry.weekStart()) + ": " + LedgerBlocks.money(entry) + ". Thank you!");
    }

    @Override
    public void disputed(Handle handle, LedgerEntry entry) {
        String reason = "\n" + LedgerBlocks.quote(entry.disputeReason());
        post(handle, entry, "disputed", entry.specialistId(), "⚠️ " + LedgerBlocks.who(entry.requesterId())
                + " disputed the " + Hours.format(entry.reportedMinutes()) + " you reported for "
                + LedgerBlocks.week(entry.weekStart()) + ". A community admin will settle it and tell you both."
                + reason);
        String toAdmins = "⚠️ Hours disputed (#" + entry.bookingId() + "): " + LedgerBlocks.who(entry.requesterId())
                + " (" + LedgerBlocks.council(entry.requesterCouncilName()) + ") disputes the "
                + Hours.format(entry.reportedMinutes()) + " " + LedgerBlocks.who(entry.specialistId()) + " ("
                + LedgerBlocks.council(entry.providerCouncilName()) + ") reported for "
                + LedgerBlocks.week(entry.weekStart()) + " (booked " + Hours.format(entry.bookedMinutes()) + ")."
                + reason + "\n`/pool-admin disputes` lists the disputes; `/pool-admin resolve " + entry.bookingId()
                + " confirm` settles it with the hours reported.";
        List<String> recipients = adminChannel.map(List::of).orElseGet(admins);
        for (String recipient : recipients) {
            post(handle, entry, "disputed", recipient, toAdmins);
        }
    }

    @Override
    public void autoConfirmed(Handle handle, LedgerEntry entry) {
        String what = "the " + Hours.format(entry.confirmedMinutes()) + " " + LedgerBlocks.who(entry.specialistId())
                + " reported for " + LedgerBlocks.week(entry.weekStart());
        post(handle, entry, "auto-confirmed", entry.requesterId(), "⌛ You neither confirmed nor disputed " + what
                + " within " + LedgerService.CONFIRM_WITHIN.toDays() + " days, so they are now confirmed: "
                + LedgerBlocks.money(entry) + ".");
        post(handle, entry, "auto-confirmed", entry.specialistId(), "⌛ The " + Hours.format(entry.confirmedMinutes())
                + " you reported for " + LedgerBlocks.week(entry.weekStart()) + " were not answered within "
                + LedgerService.CONFIRM_WITHIN.toDays() + " days, so they are now confirmed: "
                + LedgerBlocks.money(entry) + ".");
    }

    @Override
    public void resolved(Handle handle, LedgerEntry entry) {
        String text = "⚖️ A community admin settled the disputed hours for " + LedgerBlocks.week(entry.weekStart())
                + " (" + LedgerBlocks.who(entry.specialistId()) + " for " + LedgerBlocks.who(entry.requesterId())
                + "): " + Hours.format(entry.confirmedMinutes()) + " confirmed (" + Hours.format(
                entry.reportedMinutes()) + " reported), " + LedgerBlocks.money(entry) + "."
                + (entry.resolutionNote() == null ? "" : "\n" + LedgerBlocks.quote(entry.resolutionNote()));
        post(handle, entry, "resolved", entry.specialistId(), text);
        post(handle, entry, "resolved", entry.requesterId(), text);
    }

    private void post(Handle handle, LedgerEntry entry, String event, String recipient, String text) {
        post(handle, entry, event, recipient, text, List.of(section(s -> s.text(markdownText(text)))));
    }

    private void post(Handle handle, LedgerEntry entry, String event, String recipient, String text,
                      List<LayoutBlock> blocks) {
        if (Tombstones.isTombstone(recipient)) {
            return;
        }
        outbox.enqueue(handle, SlackMessages.post("ledger-" + entry.bookingId() + "-" + event + "-" + recipient,
                recipient, text, blocks));
    }
}
