package org.talentpool.council;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.talentpool.slack.SlackText;

/**
 * Reads the pieces of admin commands: email domains, user mentions and quoted council names. Slash command
 * text arrives escaped by Slack ({@code should_escape}), so a mention looks like {@code <@U123|sam>} and
 * an ampersand like {@code &amp;}. Every failure is an {@link InvalidInput} with an example.
 */
public final class CommandInput {
    private static final Pattern USER_MENTION = Pattern.compile("<@([UW][A-Z0-9]{2,})(?:\\|[^>]*)?>");
    private static final Pattern QUOTED = Pattern.compile("^[\"“”]([^\"“”]*)[\"“”]\\s*(.*)$", Pattern.DOTALL);

    private CommandInput() {}

    /** A lower-case email domain that can belong to a council. */
    public static String domain(String text, String example) {
        String typed = text == null ? "" : SlackText.unescape(text).trim();
        if (typed.isEmpty()) {
            throw new InvalidInput("Which council? Give its email domain. Example: " + example);
        }
        if (typed.startsWith("<") && typed.endsWith(">")) {
            // Slack may turn a typed domain into a link: <http://york.gov.uk|york.gov.uk>
            int bar = typed.indexOf('|');
            typed = bar > 0 ? typed.substring(bar + 1, typed.length() - 1) : typed.substring(1, typed.length() - 1);
            typed = typed.replaceFirst("^(?i)(https?://|mailto:)", "");
        }
        String domain = EmailDomains.normalise(typed).orElseThrow(() -> new InvalidInput("`" + SlackText.escape(
                SlackText.unescape(text).trim()) + "` isn't an email domain. Example: " + example));
        if (EmailDomains.isShared(domain)) {
            throw new InvalidInput("`" + domain + "` is shared by many organisations, so it can't be a council's"
                    + " domain. Example: " + example);
        }
        return domain;
    }

    /** The user ID of a mention such as {@code <@U123|sam>} or {@code <@U123>}. */
    public static String userId(String text, String example) {
        String typed = text == null ? "" : text.trim();
        Matcher matcher = USER_MENTION.matcher(typed);
        if (matcher.matches()) {
            return matcher.group(1);
        }
        if (typed.isEmpty()) {
            throw new InvalidInput("Who? Mention the person with @. Example: " + example);
        }
        return failNotAUser(typed, example);
    }

    private static String failNotAUser(String typed, String example) {
        String shown = SlackText.escape(SlackText.unescape(typed));
        if (typed.startsWith("<#")) {
            throw new InvalidInput("That's a channel, not a person: mention someone with @. Example: " + example);
        }
        if (typed.startsWith("<!")) {
            throw new InvalidInput("That's a group or special mention, not one person: mention someone with @."
                    + " Example: " + example);
        }
        throw new InvalidInput("`" + shown + "` isn't a mention of a person: pick them from the list Slack shows"
                + " when you type @. Example: " + example);
    }

    /**
     * A council's name and what follows it: {@code "City of York Council" york.gov.uk}, or the name unquoted
     * before a last word.
     */
    public record NameAndRest(String name, String rest) {}

    public static NameAndRest quotedName(String text, String example) {
        String typed = text == null ? "" : SlackText.unescape(text).trim();
        Matcher quoted = QUOTED.matcher(typed);
        String name;
        String rest;
        if (quoted.matches()) {
            name = quoted.group(1).trim();
            rest = quoted.group(2).trim();
        } else {
            int lastSpace = typed.lastIndexOf(' ');
            if (typed.startsWith("\"") || typed.startsWith("“") || lastSpace < 0) {
                throw new InvalidInput("Give the council's name in quotes, then its email domain. Example: "
                        + example);
            }
            name = typed.substring(0, lastSpace).trim();
            rest = typed.substring(lastSpace + 1).trim();
        }
        name = name.replaceAll("\\s+", " ");
        if (name.isEmpty()) {
            throw new InvalidInput("The council's name is missing. Example: " + example);
        }
        if (name.length() > 200) {
            throw new InvalidInput("That name is longer than 200 characters. Example: " + example);
        }
        return new NameAndRest(name, rest);
    }

    /** Free text such as a reason: unescaped, whitespace tidied, empty when blank. */
    public static Optional<String> text(String text, int maxLength, String what, String example) {
        String typed = text == null ? "" : SlackText.unescape(text).trim().replaceAll("\\s+", " ");
        if (typed.length() > maxLength) {
            throw new InvalidInput("The " + what + " is longer than " + maxLength + " characters. Example: "
                    + example);
        }
        return typed.isEmpty() ? Optional.empty() : Optional.of(typed);
    }
}
