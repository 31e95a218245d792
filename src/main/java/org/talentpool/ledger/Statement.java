package org.talentpool.ledger;

import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What councils owe each other for one month: the confirmed entries of the bookings whose week starts (its Monday) in
 * that month, one row per pair of councils. Money is whole pence; each entry was rounded once ({@link Money}), rows
 * and totals are plain sums of entries, so the statement reconciles to the penny with the ledger.
 */
public record Statement(YearMonth month, List<Row> rows) {

    /**
     * One pair: the provider council (whose specialist did the work and who is owed) and the requester council (who
     * pays). {@code ratesPence} are the distinct hourly rates charged, lowest first; entries whose provider had no rate
     * for their week are counted in {@code unpricedBookings}/{@code unpricedMinutes} and add nothing to the amount.
     */
    public record Row(long providerCouncilId, String providerCouncil, long requesterCouncilId,
                      String requesterCouncil, long bookings, long minutes, List<Integer> ratesPence,
                      long amountPence, long unpricedBookings, long unpricedMinutes) {
        public boolean involves(Collection<Long> councilIds) {
            return councilIds.contains(providerCouncilId) || councilIds.contains(requesterCouncilId);
        }
    }

    public Statement {
        rows = List.copyOf(rows);
    }

    /** The rows in which one of these councils provides or pays (a council lead's view). */
    public Statement limitedTo(Set<Long> councilIds) {
        return new Statement(month, rows.stream().filter(row -> row.involves(councilIds)).toList());
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public long bookings() {
        return rows.stream().mapToLong(Row::bookings).sum();
    }

    public long minutes() {
        return rows.stream().mapToLong(Row::minutes).sum();
    }

    public long amountPence() {
        return rows.stream().mapToLong(Row::amountPence).sum();
    }

    public long unpricedBookings() {
        return rows.stream().mapToLong(Row::unpricedBookings).sum();
    }

    public long unpricedMinutes() {
        return rows.stream().mapToLong(Row::unpricedMinutes).sum();
    }
}
