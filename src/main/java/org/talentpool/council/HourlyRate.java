package org.talentpool.council;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.talentpool.slack.SlackText;

/** Hourly rates in whole pence: reading what admins type ({@code 45}, {@code 45.50}, {@code £45.50}) and showing it. */
public final class HourlyRate {
    /** £1,000 an hour: anything above is taken for a typo. */
    public static final int MAX_PENCE = 100_000;
    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,7})(?:\\.(\\d+))?");

    private HourlyRate() {}

    /**
     * Pence per hour from text such as {@code 45}, {@code 45.5}, {@code £45.50} or {@code £45.50/h}.
     *
     * @throws InvalidInput for anything else, zero, negative amounts, more than two decimals or more than £1,000
     */
    public static int parsePence(String text, String example) {
        String amount = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (String suffix : new String[] {"/hour", "/hr", "/h", "ph"}) {
            if (amount.endsWith(suffix)) {
                amount = amount.substring(0, amount.length() - suffix.length()).trim();
                break;
            }
        }
        boolean negative = amount.startsWith("-");
        if (negative) {
            amount = amount.substring(1).trim();
        }
        if (amount.startsWith("£")) {
            amount = amount.substring(1).trim();
        }
        if (amount.startsWith("-")) {
            negative = true;
            amount = amount.substring(1).trim();
        }
        Matcher matcher = AMOUNT.matcher(amount);
        if (!matcher.matches()) {
            throw new InvalidInput("`" + SlackText.escape(text == null ? "" : text.trim()) + "` isn't an amount in"
                    + " pounds. Example: " + example);
        }
        if (negative) {
            throw new InvalidInput("A rate can't be negative. Example: " + example);
        }
        String decimals = matcher.group(2) == null ? "" : matcher.group(2);
        if (decimals.length() > 2) {
            throw new InvalidInput("A rate has at most two decimal places (whole pence). Example: " + example);
        }
        long pence = Long.parseLong(matcher.group(1)) * 100 + Long.parseLong((decimals + "00").substring(0, 2));
        if (pence == 0) {
            throw new InvalidInput("A rate must be more than £0 an hour. Example: " + example);
        }
        if (pence > MAX_PENCE) {
            throw new InvalidInput("More than " + format(MAX_PENCE) + " an hour looks like a typo; the most is "
                    + format(MAX_PENCE) + ". Example: " + example);
        }
        return (int) pence;
    }

    /** {@code 4550 → £45.50}. */
    public static String format(long pence) {
        return String.format(Locale.ROOT, "£%,d.%02d", pence / 100, pence % 100);
    }
}
