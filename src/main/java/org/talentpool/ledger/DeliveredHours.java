package org.talentpool.ledger;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.talentpool.availability.Hours;

/**
 * Hours delivered as people type them and as the ledger keeps them: whole minutes, from 0 (nothing was delivered) up
 * to a week's most, 37.5 hours. Accepts {@code 2}, {@code 2.5}, {@code 2.25 h}, {@code 1:20}, {@code 1h 20m},
 * {@code 80 min}; decimals must come to whole minutes.
 */
public final class DeliveredHours {
    public static final String EXAMPLE = "e.g. 2, 1.5 or 1:20";
    private static final Pattern DECIMAL = Pattern.compile("(\\d{1,4}(?:\\.\\d{1,6})?|\\.\\d{1,6})\\s*(?:h|hr|hrs|hour|hours)?");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):([0-5]\\d)");
    private static final Pattern HOURS_AND_MINUTES = Pattern.compile(
            "(\\d{1,2})\\s*(?:h|hr|hrs|hour|hours)\\s*(\\d{1,2})\\s*(?:m|min|mins|minutes)?");
    private static final Pattern MINUTES = Pattern.compile("(\\d{1,4})\\s*(?:m|min|mins|minutes)");

    private DeliveredHours() {}

    /** Reads hours delivered: whole minutes, or why the text is not acceptable. */
    public static Hours.Parsed parse(String text) {
        String cleaned = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Integer minutes = minutes(cleaned);
        if (minutes == null) {
            return new Hours.Parsed.Invalid("Give the hours delivered as a number, " + EXAMPLE + ".");
        }
        if (minutes < 0) {
            return new Hours.Parsed.Invalid("Give the hours in whole minutes, " + EXAMPLE + ".");
        }
        if (minutes > Hours.MAX_MINUTES) {
            return new Hours.Parsed.Invalid("That is more than a week's most (37.5 h). Give the hours delivered, "
                    + EXAMPLE + ".");
        }
        return new Hours.Parsed.Minutes(minutes);
    }

    /** Minutes, -1 for a decimal that is not whole minutes, or null when the text is not hours at all. */
    private static Integer minutes(String text) {
        Matcher matcher = DECIMAL.matcher(text);
        if (matcher.matches()) {
            BigDecimal minutes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(60));
            if (minutes.compareTo(BigDecimal.valueOf(100_000)) > 0) {
                return Integer.MAX_VALUE;
            }
            return minutes.stripTrailingZeros().scale() > 0 ? -1 : minutes.intValueExact();
        }
        matcher = CLOCK.matcher(text);
        if (matcher.matches()) {
            return Integer.parseInt(matcher.group(1)) * 60 + Integer.parseInt(matcher.group(2));
        }
        matcher = HOURS_AND_MINUTES.matcher(text);
        if (matcher.matches() && Integer.parseInt(matcher.group(2)) < 60) {
            return Integer.parseInt(matcher.group(1)) * 60 + Integer.parseInt(matcher.group(2));
        }
        matcher = MINUTES.matcher(text);
        if (matcher.matches()) {
            return Integer.parseInt(matcher.group(1));
        }
        return null;
    }

    /** Minutes as a modal's starting value, in the form {@link #parse} reads back: {@code 2}, {@code 2.5}, {@code 1:20}. */
    public static String input(int minutes) {
        if (minutes % 60 == 0) {
            return String.valueOf(minutes / 60);
        }
        if (minutes % 30 == 0) {
            return minutes / 60 + ".5";
        }
        return minutes / 60 + ":" + String.format(Locale.ROOT, "%02d", minutes % 60);
    }
}
