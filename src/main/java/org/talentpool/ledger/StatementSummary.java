package org.talentpool.ledger;

import java.util.stream.Collectors;
import org.talentpool.availability.Hours;
import org.talentpool.slack.SlackText;

/** The Slack summary that goes with a statement file: totals, the pairs of councils, and what is not priced. */
final class StatementSummary {
    static final int PAIRS_SHOWN = 15;

    private StatementSummary() {}

    /** mrkdwn; {@code scope} names the councils of a lead's statement, or is empty for the whole pool. */
    static String text(Statement statement, String scope) {
        String month = Statements.monthName(statement.month());
        StringBuilder text = new StringBuilder("*Statement for ").append(month).append("*")
                .append(scope.isEmpty() ? "" : " — " + SlackText.escape(scope))
                .append(" (confirmed hours of the weeks starting in ").append(month).append(")\n");
        if (statement.isEmpty()) {
            return text.append("No confirmed hours: the file has the header only.").toString();
        }
        long pairs = statement.rows().size();
        text.append(statement.bookings()).append(statement.bookings() == 1 ? " booking" : " bookings")
                .append(" between ").append(pairs).append(pairs == 1 ? " pair" : " pairs").append(" of councils: ")
                .append(Hours.format((int) Math.min(Integer.MAX_VALUE, statement.minutes()))).append(", *")
                .append(Money.format(statement.amountPence())).append("* in total.\n");
        statement.rows().stream().limit(PAIRS_SHOWN).forEach(row -> text.append("• ")
                .append(SlackText.escape(row.requesterCouncil())).append(" owes ")
                .append(SlackText.escape(row.providerCouncil())).append(" ").append(Money.format(row.amountPence()))
                .append(" for ").append(Hours.format((int) Math.min(Integer.MAX_VALUE, row.minutes())))
                .append(" (").append(row.bookings()).append(row.bookings() == 1 ? " booking" : " bookings")
                .append(row.ratesPence().isEmpty() ? "" : ", " + row.ratesPence().stream()
                        .map(rate -> Money.format(rate) + "/h").collect(Collectors.joining(" and ")))
                .append(row.unpricedBookings() == 0 ? "" : ", " + row.unpricedBookings() + " not priced")
                .append(")\n"));
        if (pairs > PAIRS_SHOWN) {
            text.append("…and ").append(pairs - PAIRS_SHOWN).append(" more pairs in the file.\n");
        }
        if (statement.unpricedBookings() > 0) {
            text.append("⚠️ ").append(statement.unpricedBookings()).append(statement.unpricedBookings() == 1
                            ? " booking (" : " bookings (")
                    .append(Hours.format((int) Math.min(Integer.MAX_VALUE, statement.unpricedMinutes())))
                    .append(") not priced: the provider council had no hourly rate for the week. Once a rate is set"
                            + " from that week (`/pool-admin rate <domain> £45 from <date>`), `/pool-admin reprice ")
                    .append(statement.month()).append("` prices them.");
        }
        return text.toString().stripTrailing();
    }
}
