package org.talentpool.council;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import org.talentpool.slack.SlackText;

/** What a member who may not use the pool is told, and how to get in. */
public final class GateReplies {
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
                        + " admin will decide soon and I'll tell you.";
                default -> "Your council (" + council.name() + ", " + notApproved.member().emailDomain()
                        + ") isn't in the pool yet.";
            };
        }
        if (access instanceof Access.UnknownDomain unknown) {
            return "Your council (" + unknown.emailDomain() + ") isn't in the pool yet.";
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

    public static List<LayoutBlock> blocks(Access access) {
        return List.of(section(s -> s.text(markdownText(SlackText.escape(text(access))))));
    }
}
