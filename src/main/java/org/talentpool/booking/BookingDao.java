package org.talentpool.booking;

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
 * Booking rows. A status changes only through {@link #changeStatus}, whose WHERE clause names the status the
 * booking must still be in, so a double click or two people racing change a booking once.
 */
@RegisterConstructorMapper(Booking.class)
@RegisterConstructorMapper(BookingDao.Listing.class)
@RegisterColumnMapper(BookingDao.StatusMapper.class)
public interface BookingDao {

    String SELECT = "SELECT b.id, b.request_key, b.specialist_id, b.requester_id, b.specialist_council_id,"
            + " sc.name AS specialist_council_name, b.requester_council_id, rc.name AS requester_council_name,"
            + " b.week_start, b.minutes, b.need, b.cost_code, b.status, b.created_at, b.updated_at, b.reminded_at,"
            + " b.changed_by, b.reason"
            + " FROM booking b JOIN council sc ON sc.id = b.specialist_council_id"
            + " JOIN council rc ON rc.id = b.requester_council_id";

    /** A specialist as search lists them: in {@code specialist_listing} with an unexpired permission. */
    record Listing(String userId, String jobTitle, long councilId, String councilName) {}

    /** Inserts a request unless one with the same key exists; 0 when it does. */
    @SqlUpdate("INSERT INTO booking (request_key, specialist_id, requester_id, specialist_council_id,"
            + " requester_council_id, week_start, minutes, need, cost_code, status, created_at, updated_at)"
            + " VALUES (:requestKey, :specialistId, :requesterId, :specialistCouncilId, :requesterCouncilId,"
            + " :weekStart, :minutes, :need, :costCode, 'requested', :now, :now) ON CONFLICT DO NOTHING")
    int insert(@Bind("requestKey") String requestKey, @Bind("specialistId") String specialistId,
               @Bind("requesterId") String requesterId, @Bind("specialistCouncilId") long specialistCouncilId,
               @Bind("requesterCouncilId") long requesterCouncilId, @Bind("weekStart") LocalDate weekStart,
               @Bind("minutes") int minutes, @Bind("need") String need, @Bind("costCode") String costCode,
               @Bind("now") OffsetDateTime now);

    @SqlQuery(SELECT + " WHERE b.id = :id")
    Optional<Booking> find(@Bind("id") long id);

    @SqlQuery(SELECT + " WHERE b.request_key = :requestKey")
    Optional<Booking> findByRequestKey(@Bind("requestKey") String requestKey);

    /** The one statement that changes a booking's status: only from {@code from}. */
    @SqlUpdate("UPDATE booking SET status = :to, changed_by = :actor, reason = :reason, updated_at = :now"
            + " WHERE id = :id AND status = :from")
    int changeStatus(@Bind("id") long id, @Bind("from") String from, @Bind("to") String to,
                     @Bind("actor") String actor, @Bind("reason") String reason, @Bind("now") OffsetDateTime now);

    /** Marks an unanswered request as reminded; 0 when it was answered or reminded already. */
    @SqlUpdate("UPDATE booking SET reminded_at = :now WHERE id = :id AND status = 'requested'"
            + " AND reminded_at IS NULL")
    int markReminded(@Bind("id") long id, @Bind("now") OffsetDateTime now);

    /** Requests made at or before {@code createdBy}, or for a week before {@code thisWeek}, still unanswered. */
    @SqlQuery("SELECT id FROM booking WHERE status = 'requested'"
            + " AND (created_at <= :createdBy OR week_start < :thisWeek) ORDER BY id")
    List<Long> dueForExpiry(@Bind("createdBy") OffsetDateTime createdBy, @Bind("thisWeek") LocalDate thisWeek);

    @SqlQuery("SELECT id FROM booking WHERE status = 'requested' AND reminded_at IS NULL"
            + " AND created_at <= :createdBy ORDER BY id")
    List<Long> dueForReminder(@Bind("createdBy") OffsetDateTime createdBy);

    /** Open bookings of weeks from {@code fromWeek} on where either side is of the council. */
    @SqlQuery(SELECT + " WHERE b.status IN ('requested', 'accepted') AND b.week_start >= :fromWeek"
            + " AND (b.specialist_council_id = :councilId OR b.requester_council_id = :councilId) ORDER BY b.id")
    List<Booking> openInvolvingCouncil(@Bind("councilId") long councilId, @Bind("fromWeek") LocalDate fromWeek);

    @SqlQuery(SELECT + " WHERE b.status IN ('requested', 'accepted') AND b.week_start >= :fromWeek"
            + " AND b.specialist_id = :specialistId ORDER BY b.id")
    List<Booking> openOfSpecialist(@Bind("specialistId") String specialistId, @Bind("fromWeek") LocalDate fromWeek);

    /** Requested and accepted bookings of one week, for the Monday digest. */
    @SqlQuery(SELECT + " WHERE b.status IN ('requested', 'accepted') AND b.week_start = :weekStart"
            + " ORDER BY b.created_at, b.id")
    List<Booking> openInWeek(@Bind("weekStart") LocalDate weekStart);

    @SqlQuery(SELECT + " WHERE b.status = 'accepted' AND b.week_start = :weekStart ORDER BY b.id")
    List<Booking> acceptedInWeek(@Bind("weekStart") LocalDate weekStart);

    /** A member's open bookings of weeks from {@code fromWeek} on, made by them or of their time. */
    @SqlQuery(SELECT + " WHERE b.status IN ('requested', 'accepted') AND b.week_start >= :fromWeek"
            + " AND (b.specialist_id = :userId OR b.requester_id = :userId)"
            + " ORDER BY b.week_start, b.created_at, b.id LIMIT :limit")
    List<Booking> openOf(@Bind("userId") String userId, @Bind("fromWeek") LocalDate fromWeek,
                         @Bind("limit") int limit);

    /**
     * The specialist if search may list them today: the availability feature's definition, the
     * {@code specialist_listing} view with {@code permission_expires_on > today}.
     */
    @SqlQuery("SELECT user_id, job_title, council_id, council_name FROM specialist_listing"
            + " WHERE user_id = :userId AND permission_expires_on > :today")
    Optional<Listing> listing(@Bind("userId") String userId, @Bind("today") LocalDate today);

    /** Maps the lower-case status column. */
    final class StatusMapper implements org.jdbi.v3.core.mapper.ColumnMapper<BookingStatus> {
        @Override
        public BookingStatus map(java.sql.ResultSet rs, int columnNumber,
                                 org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
            return BookingStatus.fromDb(rs.getString(columnNumber));
        }
    }
}
