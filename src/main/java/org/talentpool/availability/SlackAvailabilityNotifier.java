package org.talentpool.availability;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.talentpool.slack.Outbox;
import org.talentpool.slack.SlackMessages;
import org.talentpool.slack.SlackText;

/**
 * Permission messages as Slack DMs, queued in the outbox in the caller's transaction. Dedup keys name the
 * permission, the event and the recipient, so a retried change queues nothing twice.
 */
final class SlackAvailabilityNotifier implements AvailabilityNotifier {
    static final String APPROVE = "permission-approve";
    static final String DECLINE = "permission-decline";
    static final String REVOKE = "permission-revoke";

    private final Outbox outbox;

    SlackAvailabilityNotifier(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void askManager(Handle handle, PermissionAsk ask) {
        Permission request = ask.request();
        Specialist specialist = ask.specialist();
        String who = SlackText.mention(specialist.userId());
        String text = who + " would like to offer up to " + Hours.format(request.capMinutes())
                + " a week to other councils.";
        String headline = ask.current()
                .map(current -> text + " (You agreed to " + Hours.format(current.capMinutes()) + " a week until "
                        + AvailabilityReplies.date(current.expiresOn()) + ".)")
                .orElse(text);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(headline))));
        blocks.add(section(s -> s.fields(List.of(
                markdownText("*Role*\n" + SlackText.escape(specialist.jobTitle())),
                markdownText("*Skills*\n" + SlackText.escape(String.join(", ", ask.skills())))))));
        blocks.add(section(s -> s.text(markdownText("> " + SlackText.escape(specialist.bio()).replace("\n", "\n> ")))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Talent Pool lets council staff lend each other a few"
                + " hours of specialist time; the borrowing council pays for the hours delivered. If you agree,"
                + " your permission lasts 12 months and you can withdraw it at any time.")))));
        blocks.add(actions(a -> a.blockId("permission-" + request.id()).elements(List.of(
                button(b -> b.actionId(APPROVE).value(String.valueOf(request.id())).style("primary")
                        .text(plainText("Approve"))),
                button(b -> b.actionId(DECLINE).value(String.valueOf(request.id())).style("danger")
                        .text(plainText("Decline")))))));
        outbox.enqueue(handle, SlackMessages.post("permission-" + request.id() + "-requested-" + request.managerId(),
                request.managerId(), text, blocks));
    }

    @Override
    public void approved(Handle handle, Permission permission, Optional<MessageRef> managerMessage) {
        String until = AvailabilityReplies.date(permission.expiresOn());
        String hours = Hours.format(permission.capMinutes());
        dm(handle, permission, "approved", "✅ " + SlackText.mention(permission.managerId())
                + " agreed you may offer up to " + hours + " a week to other councils, until " + until
                + ". Staff at other councils can now find you with `/find-expert`; `/available status` shows your"
                + " hours.");
        String confirmation = "✅ You agreed that " + SlackText.mention(permission.specialistId()) + " may offer up to "
                + hours + " a week to other councils, until " + until + ".";
        managerMessage.ifPresent(message -> outbox.enqueue(handle, SlackMessages.update(
                "permission-" + permission.id() + "-approved-update", message.channel(), message.ts(), confirmation,
                List.of(section(s -> s.text(markdownText(confirmation))), revokeButton(permission)))));
    }

    private static LayoutBlock revokeButton(Permission permission) {
        return actions(a -> a.blockId("permission-" + permission.id()).elements(List.of(
                button(b -> b.actionId(REVOKE).value(String.valueOf(permission.id())).style("danger")
                        .text(plainText("Revoke"))
                        .confirm(confirmationDialog(d -> d.title(plainText("Withdraw permission?"))
                                .text(plainText("They will no longer be listed for other councils. Hours already"
                                        + " booked are not cancelled."))
                                .confirm(plainText("Revoke"))
                                .deny(plainText("Keep"))))))));
    }

    @Override
    public void declined(Handle handle, Permission permission, Optional<MessageRef> managerMessage) {
        dm(handle, permission, "declined", "✋ " + SlackText.mention(permission.managerId())
                + " declined your request to offer up to " + Hours.format(permission.capMinutes())
                + " a week to other councils. `/available status` shows where you stand.");
        update(handle, permission, "declined", managerMessage, "You declined " + SlackText.mention(
                permission.specialistId()) + "'s request to offer up to " + Hours.format(permission.capMinutes())
                + " a week to other councils.");
    }

    @Override
    public void revoked(Handle handle, Permission permission, Optional<MessageRef> managerMessage) {
        dm(handle, permission, "revoked", "✋ " + SlackText.mention(permission.managerId())
                + " withdrew their permission for you to offer time to other councils, so you are no longer"
                + " listed. Hours already booked are not cancelled.");
        update(handle, permission, "revoked", managerMessage, "You withdrew " + SlackText.mention(
                permission.specialistId()) + "'s permission to offer time to other councils.");
    }

    @Override
    public boolean nudge(Handle handle, String specialistId, LocalDate weekStart) {
        String text = "👋 You're offering no hours to other councils this week (w/c " + Weeks.dayMonth(weekStart)
                + "). If you can spare a little time, choose how much and staff at other councils can book it.";
        List<BlockElement> buttons = new ArrayList<>();
        for (int minutes : AvailabilityBlocks.NUDGE_MINUTES) {
            buttons.add(AvailabilityBlocks.setHoursButton(weekStart, minutes, Hours.format(minutes) + " this week"));
        }
        buttons.add(AvailabilityBlocks.nudgesButton(false, "Stop these reminders"));
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText(text))),
                actions(a -> a.blockId("nudge-" + weekStart).elements(buttons)),
                context(c -> c.elements(List.of(markdownText("`/available 2` offers 2 h every week;"
                        + " `/available nudges off` stops these Monday reminders.")))));
        return outbox.enqueue(handle, SlackMessages.post("nudge-" + weekStart + "-" + specialistId, specialistId,
                text, blocks));
    }

    private void dm(Handle handle, Permission permission, String event, String text) {
        outbox.enqueue(handle, SlackMessages.post("permission-" + permission.id() + "-" + event + "-"
                + permission.specialistId(), permission.specialistId(), text,
                List.of(section(s -> s.text(markdownText(text))))));
    }

    private void update(Handle handle, Permission permission, String event, Optional<MessageRef> managerMessage,
                        String text) {
        managerMessage.ifPresent(message -> outbox.enqueue(handle, SlackMessages.update(
                "permission-" + permission.id() + "-" + event + "-update", message.channel(), message.ts(), text,
                List.of(section(s -> s.text(markdownText(text)))))));
    }
}
