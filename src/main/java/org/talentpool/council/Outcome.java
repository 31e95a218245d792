package org.talentpool.council;

/** What a council command or click did: whether anything changed, and what to tell the person (Slack mrkdwn). */
public record Outcome(boolean changed, String text) {
    public static Outcome changed(String text) {
        return new Outcome(true, text);
    }

    public static Outcome unchanged(String text) {
        return new Outcome(false, text);
    }
}
