package org.talentpool.council;

/**
 * Input a person typed or submitted that cannot be used. The message is one line saying what is wrong,
 * with an example of correct use, ready to show them (Slack mrkdwn, user text already escaped).
 */
public final class InvalidInput extends RuntimeException {
    public InvalidInput(String message) {
        super(message, null, false, false);
    }
}
