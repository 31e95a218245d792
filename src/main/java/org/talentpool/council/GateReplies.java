package org.talentpool.council;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.talentpool.slack.SlackText;

/** What a member who may not use the pool is told, and how to get in: the Ask to join button. */
public final class GateReplies {
    /** The action ID of the Ask to join button; the council feature handles the click. */
    public static final String ASK_TO_JOIN_ACTION = "council_ask_to_join";

    private GateReplies() {}

    public static String text(Access access) {
        if (access instanceof Access.CouncilNotApproved notApproved) {
            Council council = notApproved.member().council();
            return switch (council.status()) {
                case SUSPENDED -> "Your council (" + council.name() + ") is suspended from the pool, so you can't"
                        + " offer, search or book for now. A community admin can tell you more.";
                case REJECTED -> "Your council (" + council.name() + ") was not approved to join the pool"
                        + (council.statusReason() == null ? "." : ": " + council.statusReason() + ".");
                case PENDING -> "Your council (" + council.name() + ") has asked to join the pool; a community"
                        + " admin will decide soon. Click below to be told when they do.";
                default -> "Your council (" + council.name() + ", " + notApproved.member().emailDomain()
                        + ") isn't in the pool yet. Ask to join, and a community admin will decide.";
            };
        }
        if (access instanceof Access.UnknownDomain unknown) {
            if (EmailDomains.isShared(unknown.emailDomain())) {
                return "Your Slack email is at " + unknown.emailDomain() + ", which many organisations share, so I"
                        + " can't tell which council you work for. Use your council email address in your Slack"
                        + " profile.";
            }
            return "Your council (" + unknown.emailDomain() + ") isn't in the pool yet. Ask to join, and a community"
                    + " admin will decide.";
        }
        if (access instanceof Access.NoEmail) {
            return "I can't see a work email on your Slack profile, so I can't tell which council you work for."
                    + " Add your council email to your profile, or ask your workspace admin to check the app has"
                    + " the users:read.email scope.";
        }
        if (access instanceof Access.Unavailable) {
            return "I couldn't reach Slack to check your profile just now. Please try again in a minute.";
        }
        return "";
    }

    /** The refusal, with an Ask to join button when asking can help. */
    public static List<LayoutBlock> blocks(Access access) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackText.escape(text(access))))));
        askLabel(access).ifPresent(label -> blocks.add(actions(a -> a.blockId("council_gate").elements(List.of(
                button(b -> b.actionId(ASK_TO_JOIN_ACTION).value("ask").style("primary").text(plainText(label))))))));
        return blocks;
    }

    /** Unknown domains and councils not yet approved may ask; suspended and rejected ones talk to an admin. */
    static Optional<String> askLabel(Access access) {
        if (access instanceof Access.UnknownDomain unknown) {
            return EmailDomains.isShared(unknown.emailDomain()) ? Optional.empty() : Optional.of("Ask to join");
        }
        if (access instanceof Access.CouncilNotApproved notApproved) {
            return switch (notApproved.member().council().status()) {
                case KNOWN -> Optional.of("Ask to join");
                case PENDING -> Optional.of("Tell me when they decide");
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}
