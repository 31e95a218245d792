package org.talentpool.ledger;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Ledger entries. A status changes only through the updates below, each of whose WHERE clause names the status the
 * entry must still be in, so a retry, a double click or two instances racing change an entry once.
 */
@RegisterConstructorMapper(LedgerEntry.class)
@RegisterConstructorMapper(LedgerDao.AcceptedBooking.class)
@RegisterConstructorMapper(LedgerDao.PairTotal.class)
@RegisterColumnMapper(LedgerDao.StatusMapper.class)
public interface LedgerDao {

    String SELECT = "SELECT e.booking_id, e.specialist_id, e.requester_id, e.provider_council_id,"
            + " pc.name AS provider_council_name, e.requester_council_id, rc.name AS requester_council_name,"
            + " e.week_start, e.booked_minutes, e.reported_minutes, e.confirmed_minutes, e.status, e.note,"
            + " e.dispute_reason, e.resolution_note, e.asked_at, e.reported_at, e.disputed_at, e.confirmed_at,"
            + " e.confirmed_by, e.confirmed_how, e.rate_pence, e.amount_pence"
            + " FROM ledger_entry e JOIN council pc ON pc.id = e.provider_council_id"
            + " JOIN council rc ON rc.id = e.requester_council_id";

    /** An accepted booking whose hours may be reported, as {@code /pool bookings} lists it. */
    record AcceptedBooking(long id, String requesterId, String requesterCouncilName, LocalDate weekStart,
                           int minutes) {}

    /** The booking as the ledger needs it while asking for or reporting its hours. */
    record BookingRow(long id, String specialistId, String requesterId, LocalDate weekStart, int minutes,
                         String status) {
        boolean accepted() {
            return "accepted".equals(status);
        }
    }

    /**
     * The booking, locked until the transaction ends, so that asking for and reporting its hours happen one after the
     * other (the booking feature changes it only by conditional updates, which wait for the lock).
     */
    @SqlQuery("SELECT id, specialist_id, requester_id, week_start, minutes, status FROM booking WHERE id = :id"
            + " FOR UPDATE")
    @RegisterConstructorMapper(BookingRow.class)
    Optional<BookingRow> lockBooking(@Bind("id") long bookingId);

    @SqlQuery("SELECT id, specialist_id, requester_id, week_start, minutes, status FROM booking WHERE id = :id")
    @RegisterConstructorMapper(BookingRow.class)
    Optional<BookingRow> booking(@Bind("id") long bookingId);

    /** The entry for a booking, asked about now; the booking must be locked ({@link #lockBooking}) and have none. */
    @SqlUpdate("INSERT INTO ledger_entry (booking_id, specialist_id, requester_id, provider_council_id,"
            + " requester_council_id, week_start, booked_minutes, status, asked_at)"
            + " SELECT b.id, b.specialist_id, b.requester_id, b.specialist_council_id, b.requester_council_id,"
            + " b.week_start, b.minutes, 'asked', :now FROM booking b"
            + " WHERE b.id = :id AND b.status = 'accepted'"
            + " AND NOT EXISTS (SELECT 1 FROM ledger_entry e WHERE e.booking_id = b.id)")
    int insertAsked(@Bind("id") long bookingId, @Bind("now") OffsetDateTime now);

    @SqlQuery(SELECT + " WHERE e.booking_id = :id")
    Optional<LedgerEntry> find(@Bind("id") long bookingId);

    /** Accepted bookings of the weeks from {@code fromWeek} to {@code toWeek} whose specialist has not been asked yet. */
    @SqlQuery("SELECT b.id FROM booking b WHERE b.status = 'accepted' AND b.week_start BETWEEN :fromWeek AND :toWeek"
            + " AND NOT EXISTS (SELECT 1 FROM ledger_entry e WHERE e.booking_id = b.id) ORDER BY b.week_start, b.id")
    List<Long> notAsked(@Bind("fromWeek") LocalDate fromWeek, @Bind("toWeek") LocalDate toWeek);

    /**
     * A specialist's accepted bookings of those weeks whose hours they have not reported yet (asked or not), for
     * {@code /pool bookings}.
     */
    @SqlQuery("SELECT b.id, b.requester_id, c.name AS requester_council_name, b.week_start, b.minutes"
            + " FROM booking b JOIN council c ON c.id = b.requester_council_id"
            + " WHERE b.specialist_id = :specialistId AND b.status = 'accepted'"
            + " AND b.week_start BETWEEN :fromWeek AND :toWeek"
            + " AND NOT EXISTS (SELECT 1 FROM ledger_entry e WHERE e.booking_id = b.id AND e.status <> 'asked')"
            + " ORDER BY b.week_start, b.id LIMIT :limit")
    List<AcceptedBooking> unreported(@Bind("specialistId") String specialistId, @Bind("fromWeek") LocalDate fromWeek,
                                     @Bind("toWeek") LocalDate toWeek, @Bind("limit") int limit);

    @SqlUpdate("UPDATE ledger_entry SET status = 'reported', reported_minutes = :minutes, note = :note,"
            + " reported_at = :now WHERE booking_id = :id AND status = 'asked' AND specialist_id = :specialistId")
    int report(@Bind("id") long bookingId, @Bind("specialistId") String specialistId, @Bind("minutes") int minutes,
               @Bind("note") String note, @Bind("now") OffsetDateTime now);

    /** Confirms the reported hours (by the requester, or automatically), priced; only from 'reported'. */
    @SqlUpdate("UPDATE ledger_entry SET status = 'confirmed', confirmed_minutes = reported_minutes,"
            + " confirmed_at = :now, confirmed_by = :actor, confirmed_how = :how, rate_pence = :rate,"
            + " amount_pence = :amount WHERE booking_id = :id AND status = 'reported' AND reported_minutes = :minutes")
    int confirm(@Bind("id") long bookingId, @Bind("minutes") int minutes, @Bind("actor") String actor,
                @Bind("how") String how, @Bind("rate") Integer ratePence, @Bind("amount") Long amountPence,
                @Bind("now") OffsetDateTime now);

    @SqlUpdate("UPDATE ledger_entry SET status = 'disputed', dispute_reason = :reason, disputed_at = :now"
            + " WHERE booking_id = :id AND status = 'reported' AND requester_id = :requesterId")
    int dispute(@Bind("id") long bookingId, @Bind("requesterId") String requesterId, @Bind("reason") String reason,
                @Bind("now") OffsetDateTime now);

    /** An admin settles a dispute with the hours they decided, priced; only from 'disputed'. */
    @SqlUpdate("UPDATE ledger_entry SET status = 'confirmed', confirmed_minutes = :minutes, resolution_note = :note,"
            + " confirmed_at = :now, confirmed_by = :admin, confirmed_how = 'admin', rate_pence = :rate,"
            + " amount_pence = :amount WHERE booking_id = :id AND status = 'disputed'")
    int resolve(@Bind("id") long bookingId, @Bind("minutes") int minutes, @Bind("admin") String admin,
                @Bind("note") String note, @Bind("rate") Integer ratePence, @Bind("amount") Long amountPence,
                @Bind("now") OffsetDateTime now);

    /** Prices a confirmed entry that had no rate; only while it still has none. */
    @SqlUpdate("UPDATE ledger_entry SET rate_pence = :rate, amount_pence = :amount WHERE booking_id = :id"
            + " AND status = 'confirmed' AND rate_pence IS NULL AND confirmed_minutes = :minutes")
    int price(@Bind("id") long bookingId, @Bind("minutes") int minutes, @Bind("rate") int ratePence,
              @Bind("amount") long amountPence);

    /** Entries reported at or before {@code reportedBy} and neither confirmed nor disputed since. */
    @SqlQuery("SELECT booking_id FROM ledger_entry WHERE status = 'reported' AND reported_at <= :reportedBy"
            + " ORDER BY reported_at, booking_id")
    List<Long> dueForAutoConfirmation(@Bind("reportedBy") OffsetDateTime reportedBy);

    @SqlQuery(SELECT + " WHERE e.status = 'disputed' ORDER BY e.disputed_at, e.booking_id LIMIT :limit")
    List<LedgerEntry> disputed(@Bind("limit") int limit);

    /** Entries waiting for the specialist's hours, of bookings that still stand. */
    @SqlQuery(SELECT + " WHERE e.specialist_id = :userId AND e.status = 'asked'"
            + " AND EXISTS (SELECT 1 FROM booking b WHERE b.id = e.booking_id AND b.status = 'accepted')"
            + " ORDER BY e.week_start, e.booking_id LIMIT :limit")
    List<LedgerEntry> awaitingReport(@Bind("userId") String userId, @Bind("limit") int limit);

    /** Entries waiting for the requester to confirm or dispute. */
    @SqlQuery(SELECT + " WHERE e.requester_id = :userId AND e.status = 'reported'"
            + " ORDER BY e.reported_at, e.booking_id LIMIT :limit")
    List<LedgerEntry> awaitingConfirmation(@Bind("userId") String userId, @Bind("limit") int limit);

    /** Confirmed entries of the weeks starting from {@code from} (inclusive) to {@code to} (exclusive) without a rate. */
    @SqlQuery(SELECT + " WHERE e.status = 'confirmed' AND e.rate_pence IS NULL"
            + " AND e.week_start >= :from AND e.week_start < :to ORDER BY e.booking_id")
    List<LedgerEntry> unpriced(@Bind("from") LocalDate from, @Bind("to") LocalDate to);

    /** Confirmed hours and money of one pair of councils at one rate (null: no rate). */
    record PairTotal(long providerCouncilId, String providerCouncilName, long requesterCouncilId,
                     String requesterCouncilName, Integer ratePence, long bookings, long minutes, Long amountPence) {}

    /**
     * Confirmed entries of the weeks starting from {@code from} (inclusive) to {@code to} (exclusive), added up per
     * pair of councils and rate. The statement is built from these.
     */
    @SqlQuery("SELECT e.provider_council_id, pc.name AS provider_council_name, e.requester_council_id,"
            + " rc.name AS requester_council_name, e.rate_pence, COUNT(*) AS bookings,"
            + " SUM(e.confirmed_minutes) AS minutes, SUM(e.amount_pence) AS amount_pence"
            + " FROM ledger_entry e JOIN council pc ON pc.id = e.provider_council_id"
            + " JOIN council rc ON rc.id = e.requester_council_id"
            + " WHERE e.status = 'confirmed' AND e.week_start >= :from AND e.week_start < :to"
            + " GROUP BY e.provider_council_id, pc.name, e.requester_council_id, rc.name, e.rate_pence")
    List<PairTotal> pairTotals(@Bind("from") LocalDate from, @Bind("to") LocalDate to);

    /** Maps the lower-case status column. */
    final class StatusMapper implements org.jdbi.v3.core.mapper.ColumnMapper<EntryStatus> {
        @Override
        public EntryStatus map(java.sql.ResultSet rs, int columnNumber,
                               org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
            return EntryStatus.fromDb(rs.getString(columnNumber));
        }
    }
}
