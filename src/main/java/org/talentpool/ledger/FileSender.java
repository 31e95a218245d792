package org.talentpool.ledger;

/**
 * The port through which statements and exports reach a member: a file in their direct messages with the bot, with
 * a comment. Called after the acknowledgement, on the app's executor; the Slack implementation is
 * {@link SlackFileSender}.
 */
public interface FileSender {

    /** Why a file could not be delivered, in words the member can be shown (e.g. Slack's error code). */
    final class NotSent extends Exception {
        public NotSent(String reason) {
            super(reason);
        }
    }

    void sendToUser(String userId, String fileName, String title, byte[] content, String comment) throws NotSent;
}
