package org.talentpool.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A word to whoever clicked a button, sent after the acknowledgement: through the response URL of the message they
 * clicked (ephemeral), or, for a click on the App Home or in a modal, which have no response URL, as a message in
 * their DM with the bot. It answers the clicker only, so it is not a state change's message and skips the outbox.
 */
public final class ClickReplies {
    private static final Logger log = LoggerFactory.getLogger(ClickReplies.class);

    private ClickReplies() {}

    /** Tells the clicker, without touching the message they clicked. */
    public static void tell(ActionContext ctx, Executor work, String mrkdwn) {
        tell(ctx, work, mrkdwn, false);
    }

    /**
     * Tells the clicker; with {@code replaceMessage}, a click on a message replaces that message (e.g. a reminder
     * whose buttons have done their job) instead of adding a reply under it.
     */
    public static void tell(ActionContext ctx, Executor work, String mrkdwn, boolean replaceMessage) {
        String userId = ctx.getRequestUserId();
        String responseUrl = ctx.getResponseUrl();
        work.execute(() -> {
            try {
                if (responseUrl != null && !responseUrl.isBlank()) {
                    ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(replaceMessage).text(mrkdwn));
                } else {
                    var posted = ctx.client().chatPostMessage(r -> r.channel(userId).text(mrkdwn));
                    if (!posted.isOk()) {
                        log.warn("Could not answer a click by {}: Slack said {}", userId, posted.getError());
                    }
                }
            } catch (Exception e) {
                log.warn("Could not answer a click by {}: {}", userId, e.getMessage());
            }
        });
    }
}
