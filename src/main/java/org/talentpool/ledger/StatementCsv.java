package org.talentpool.ledger;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A statement as CSV (RFC 4180, Commons CSV): a header, then one row per pair of councils. Council names are quoted
 * when they hold commas, quotes or line breaks. Money is pounds with pence ({@code 1234.56}); hours are also given
 * exactly as minutes. A month with no confirmed hours gives the header alone.
 */
public final class StatementCsv {
    public static final List<String> HEADER = List.of("month", "provider_council", "requester_council", "bookings",
            "minutes", "hours", "rates_gbp_per_hour", "amount_gbp", "unpriced_bookings");
    /** What {@code rates_gbp_per_hour} says for entries whose provider council had no rate for their week. */
    public static final String NO_RATE = "none";

    private StatementCsv() {}

    public static String csv(Statement statement) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (Statement.Row row : statement.rows()) {
                printer.printRecord(statement.month().toString(), row.providerCouncil(), row.requesterCouncil(),
                        row.bookings(), row.minutes(), Money.hours(row.minutes()), rates(row),
                        Money.pounds(row.amountPence()), row.unpricedBookings());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static byte[] bytes(Statement statement) {
        return csv(statement).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code talent-pool-statement-2026-11.csv}. */
    public static String fileName(Statement statement) {
        return "talent-pool-statement-" + statement.month() + ".csv";
    }

    /** {@code 40.00; 45.00}, with {@value #NO_RATE} last when some entries had no rate. */
    static String rates(Statement.Row row) {
        String rates = row.ratesPence().stream().map(Money::pounds).collect(Collectors.joining("; "));
        if (row.unpricedBookings() > 0) {
            rates = rates.isEmpty() ? NO_RATE : rates + "; " + NO_RATE;
        }
        return rates;
    }
}
