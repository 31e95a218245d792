package org.talentpool.slack;

/** Text that users wrote, made safe to show in Slack mrkdwn or plain_text. */
public final class SlackText {
    private SlackText() {}

    /**
     * Escapes the three characters Slack treats as control characters, so user text such as
     * {@code <!channel>} or {@code <@U123>} renders literally instead of notifying anyone.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * Undoes Slack's escaping of {@code &}, {@code <} and {@code >} in text it sends us (slash command text
     * arrives escaped), so what is stored is what the user typed. Escape it again with {@link #escape} to show it.
     */
    public static String unescape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** A mention of a Slack user by ID, rendered by Slack as their name. */
    public static String mention(String userId) {
        return "<@" + userId + ">";
    }
}
