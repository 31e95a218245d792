package org.talentpool.availability;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the text after {@code /available} asks for. Pure parsing: no Slack, no database. */
public sealed interface AvailabilityCommand {
    String EXAMPLES = "`/available 4`, `/available 2 next week`, `/available 0 this week`,"
            + " `/available pause`, `/available resume`, `/available status`, or `/available` for your profile";

    /** No text: open the profile modal. */
    record OpenProfile() implements AvailabilityCommand {}

    record Status() implements AvailabilityCommand {}

    record Pause() implements AvailabilityCommand {}

    record Resume() implements AvailabilityCommand {}

    record Help() implements AvailabilityCommand {}

    /** {@code /available 4}: hours a week from this week on. */
    record SetDefault(int minutes) implements AvailabilityCommand {}

    /** {@code /available 2 next week}: hours for one week only. */
    record SetWeek(int minutes, AvailabilityService.WeekChoice week) implements AvailabilityCommand {}

    /** {@code /available nudges off|on}: the Monday reminder when offering no hours. */
    record Nudges(boolean on) implements AvailabilityCommand {}

    /** {@code /available revoke @person}: a manager withdraws permission. */
    record Revoke(String specialistId) implements AvailabilityCommand {}

    /** Text that means nothing: a one-line explanation with an example of correct use. */
    record Invalid(String explanation) implements AvailabilityCommand {}

    /** A Slack user mention as an escaped command carries it ({@code <@U123|name>}), or a bare user ID. */
    Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]{2,})(?:\\|[^>]*)?>|([UW][A-Z0-9]{6,})");
    Pattern WEEK_SUFFIX = Pattern.compile("^(.*?)\\s+(this|next)\\s+week$");

    static AvailabilityCommand parse(String text) {
        String trimmed = text == null ? "" : text.trim().replaceAll("\\s+", " ");
        String lower = trimmed.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "":
                return new OpenProfile();
            case "status":
                return new Status();
            case "pause":
                return new Pause();
            case "resume":
                return new Resume();
            case "help":
                return new Help();
            default:
                break;
        }
        if (lower.equals("nudges") || lower.startsWith("nudges ")) {
            return switch (lower) {
                case "nudges off" -> new Nudges(false);
                case "nudges on" -> new Nudges(true);
                default -> new Invalid("Say whether you want the Monday reminder when you offer no hours:"
                        + " `/available nudges off` or `/available nudges on`.");
            };
        }
        if (lower.equals("revoke") || lower.startsWith("revoke ")) {
            return revoke(trimmed.substring("revoke".length()).trim());
        }
        Matcher week = WEEK_SUFFIX.matcher(lower);
        String amount = week.matches() ? week.group(1) : lower;
        if (!amount.matches("[-+]?[0-9.,].*")) {
            return new Invalid("I don't understand `/available " + trimmed + "`. Try " + EXAMPLES + ".");
        }
        Hours.Parsed hours = Hours.parse(amount);
        if (hours instanceof Hours.Parsed.Invalid invalid) {
            return new Invalid(invalid.reason() + " For example: `/available 4` or `/available 2.5 next week`.");
        }
        int minutes = ((Hours.Parsed.Minutes) hours).minutes();
        if (!week.matches()) {
            return new SetDefault(minutes);
        }
        return new SetWeek(minutes, week.group(2).equals("this")
                ? AvailabilityService.WeekChoice.THIS_WEEK : AvailabilityService.WeekChoice.NEXT_WEEK);
    }

    private static AvailabilityCommand revoke(String who) {
        Matcher mention = MENTION.matcher(who);
        if (who.isEmpty() || !mention.matches()) {
            return new Invalid("Name the person whose permission you are withdrawing, picking them from Slack's"
                    + " list as you type, e.g. `/available revoke @Sam Jones`.");
        }
        return new Revoke(mention.group(1) != null ? mention.group(1) : mention.group(2));
    }
}
