package org.talentpool.ledger;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Monthly statements from the ledger. An entry counts in the month in which its booking's week starts (the Monday),
 * the same day its rate is taken on; so a week running from 27 October to 2 November counts in October.
 */
public final class Statements {
    public static final String MONTH_EXAMPLE = "2026-11";
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

    private final Jdbi jdbi;

    public Statements(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** {@code 2026-11} as a month; empty for anything else (including months 00 and 13, and years before 2000). */
    public static Optional<YearMonth> parseMonth(String text) {
        Matcher matcher = MONTH.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(matcher.group(1));
            return year < 2000 ? Optional.empty()
                    : Optional.of(YearMonth.of(year, Integer.parseInt(matcher.group(2))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** "November 2026". */
    public static String monthName(YearMonth month) {
        return month.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.UK) + " " + month.getYear();
    }

    /** Every pair of councils with confirmed hours in weeks starting in {@code month}, by provider then requester name. */
    public Statement forMonth(YearMonth month) {
        List<LedgerDao.PairTotal> totals = jdbi.withExtension(LedgerDao.class,
                dao -> dao.pairTotals(month.atDay(1), month.plusMonths(1).atDay(1)));
        Map<List<Long>, List<LedgerDao.PairTotal>> byPair = new LinkedHashMap<>();
        for (LedgerDao.PairTotal total : totals) {
            byPair.computeIfAbsent(List.of(total.providerCouncilId(), total.requesterCouncilId()),
                    key -> new ArrayList<>()).add(total);
        }
        List<Statement.Row> rows = new ArrayList<>();
        for (List<LedgerDao.PairTotal> pair : byPair.values()) {
            LedgerDao.PairTotal first = pair.get(0);
            long bookings = 0;
            long minutes = 0;
            long amount = 0;
            long unpricedBookings = 0;
            long unpricedMinutes = 0;
            TreeSet<Integer> rates = new TreeSet<>();
            for (LedgerDao.PairTotal total : pair) {
                bookings += total.bookings();
                minutes += total.minutes();
                if (total.ratePence() == null) {
                    unpricedBookings += total.bookings();
                    unpricedMinutes += total.minutes();
                } else {
                    rates.add(total.ratePence());
                    amount += total.amountPence();
                }
            }
            rows.add(new Statement.Row(first.providerCouncilId(), first.providerCouncilName(),
                    first.requesterCouncilId(), first.requesterCouncilName(), bookings, minutes, List.copyOf(rates),
                    amount, unpricedBookings, unpricedMinutes));
        }
        rows.sort(Comparator.comparing((Statement.Row row) -> row.providerCouncil().toLowerCase(Locale.UK))
                .thenComparing(row -> row.requesterCouncil().toLowerCase(Locale.UK))
                .thenComparingLong(Statement.Row::providerCouncilId)
                .thenComparingLong(Statement.Row::requesterCouncilId));
        return new Statement(month, rows);
    }
}
