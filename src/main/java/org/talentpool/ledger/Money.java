package org.talentpool.ledger;

import org.talentpool.council.HourlyRate;

/**
 * Money in whole pence, never floating point. The one rounding rule of the ledger: an entry costs
 * {@code minutes × pence per hour ÷ 60}, rounded half-up to the penny, once per entry; statements add up entries.
 */
public final class Money {
    private Money() {}

    /** What {@code minutes} cost at {@code pencePerHour}: half a penny or more rounds up. */
    public static long amountPence(int minutes, int pencePerHour) {
        if (minutes < 0 || pencePerHour < 0) {
            throw new IllegalArgumentException("Minutes and rates are never negative: " + minutes + ", "
                    + pencePerHour);
        }
        return ((long) minutes * pencePerHour + 30) / 60;
    }

    /** {@code 123456 → 1234.56}: pounds with pence for a CSV column, no currency sign or separators. */
    public static String pounds(long pence) {
        String sign = pence < 0 ? "-" : "";
        long absolute = Math.abs(pence);
        return sign + absolute / 100 + "." + String.format(java.util.Locale.ROOT, "%02d", absolute % 100);
    }

    /** {@code 123456 → £1,234.56}, for Slack. */
    public static String format(long pence) {
        return HourlyRate.format(pence);
    }

    /** Hours to two decimals, rounded half-up, from whole minutes: {@code 20 → 0.33}, {@code 90 → 1.50}. */
    public static String hours(long minutes) {
        long hundredths = (minutes * 100 + 30) / 60;
        return hundredths / 100 + "." + String.format(java.util.Locale.ROOT, "%02d", hundredths % 100);
    }
}
