package org.talentpool.council;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.talentpool.slack.OutboxMessage;
import org.talentpool.slack.SlackMessages;
import org.talentpool.slack.SlackText;

/**
 * The Slack messages council changes cause, built for the outbox: join requests posted to the admins
 * (with Approve / Reject buttons) and updated once decided, and the DMs telling people the outcome.
 * Dedup keys name the event and the recipient, so a retried change queues nothing twice.
 */
public final class CouncilNotices {
    public static final String APPROVE_ACTION = "join_request_approve";
    public static final String REJECT_ACTION = "join_request_reject";

    private CouncilNotices() {}

    /** The dedup-key prefix of every copy of a request's post to the admins. */
    static String postKeyPrefix(JoinRequest request) {
        return "join-request-" + request.id() + "-posted-";
    }

    /** The join request as the admins first see it: who asked, for which council, and the two buttons. */
    static OutboxMessage requestPosted(JoinRequest request, Council council, String recipient) {
        String summary = summary(request, council);
        List<LayoutBlock> blocks = List.of(
                section(s -> s.blockId("join_request_" + request.id()).text(markdownText(summary))),
                actions(a -> a.blockId("join_request_actions_" + request.id()).elements(List.of(
                        button(b -> b.actionId(APPROVE_ACTION).value(String.valueOf(request.id())).style("primary")
                                .text(plainText("Approve"))),
                        button(b -> b.actionId(REJECT_ACTION).value(String.valueOf(request.id())).style("danger")
                                .text(plainText("Reject")))))));
        return SlackMessages.post(postKeyPrefix(request) + recipient, recipient, plain(summary), blocks);
    }

    /** The same post once decided: the outcome and who decided, without buttons. */
    static OutboxMessage requestDecided(JoinRequest decided, Council council, String channel, String ts) {
        String outcome = decided.status() == JoinRequest.Status.APPROVED
                ? ":white_check_mark: *Approved* by " + SlackText.mention(decided.decidedBy())
                        + (council == null ? "" : ": *" + SlackText.escape(council.name()) + "* is in the pool.")
                : ":x: *Rejected* by " + SlackText.mention(decided.decidedBy()) + ": "
                        + SlackText.escape(decided.reason());
        String text = summary(decided, council) + "\n" + outcome;
        return SlackMessages.update("join-request-" + decided.id() + "-decided-" + channel + "-" + ts, channel, ts,
                plain(text), List.of(section(s -> s.text(markdownText(text)))));
    }

    /** The DM telling someone who asked what the admins decided. */
    static OutboxMessage requesterTold(JoinRequest decided, Council council, String userId) {
        String text;
        if (decided.status() == JoinRequest.Status.APPROVED) {
            text = "Good news: *" + SlackText.escape(council == null ? decided.emailDomain() : council.name())
                    + "* is now in the Talent Pool, so you can offer, find and book specialist hours."
                    + " Type `/pool` to see how.";
        } else {
            text = "Your council's request to join the Talent Pool (" + decided.emailDomain() + ") was not approved: "
                    + SlackText.escape(decided.reason()) + ". A community admin can tell you more.";
        }
        return SlackMessages.post("join-request-" + decided.id() + "-" + decided.status().dbValue() + "-dm-" + userId,
                userId, plain(text), List.of(section(s -> s.text(markdownText(text)))));
    }

    static OutboxMessage leadAppointed(Council council, String userId, String actor, long eventMillis) {
        String text = SlackText.mention(actor) + " made you a lead of *" + SlackText.escape(council.name())
                + "* in the Talent Pool: you speak for your council on its hourly rate and statements.";
        return SlackMessages.post("council-" + council.id() + "-lead-" + userId + "-" + eventMillis, userId,
                plain(text), List.of(section(s -> s.text(markdownText(text)))));
    }

    static OutboxMessage adminAppointed(String userId, String actor, long eventMillis) {
        String text = SlackText.mention(actor) + " made you a community admin of the Talent Pool."
                + " Type `/pool-admin` to see the admin commands.";
        return SlackMessages.post("admin-" + userId + "-appointed-" + eventMillis, userId, plain(text),
                List.of(section(s -> s.text(markdownText(text)))));
    }

    private static String summary(JoinRequest request, Council council) {
        String who = ":wave: *Join request* from " + SlackText.mention(request.requestedBy()) + " (`"
                + request.emailDomain() + "`): ";
        if (council == null) {
            return who + "this domain is not in the register yet. Approving asks you to name the council.";
        }
        StringBuilder known = new StringBuilder(who).append('*').append(SlackText.escape(council.name())).append('*');
        if (council.councilType() != null || council.nation() != null) {
            known.append(" (").append(SlackText.escape(String.join(", ", Stream.of(council.councilType(),
                    council.nation()).filter(Objects::nonNull).toList()))).append(')');
        }
        return known.append(", in the register.").toString();
    }

    /** The notification text: Slack shows it in alerts, where mrkdwn stars look odd. */
    private static String plain(String mrkdwn) {
        return mrkdwn.replace("*", "");
    }
}
