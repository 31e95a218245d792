package org.talentpool.availability;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The reads every {@code /available} reply and the "Your hours" App Home section make, each one statement through
 * Jdbi's fluent API with mappers built once. They are here rather than in the SQL object DAOs because a SQL object
 * method call copies the Jdbi configuration and looks up its mappers and argument binders again on every call (and
 * {@code ConstructorMapper} matches columns to parameters again on every result set): measured by
 * {@code scripts/bench ack} with JFR, that cost more CPU than the database did.
 */
final class AvailabilityReads {
    private AvailabilityReads() {}

    /** A profile with its capacity rows for this week and next; a missing row is null (not materialised yet). */
    record ProfileWeeks(Specialist profile, WeekCapacity thisWeek, WeekCapacity nextWeek) {}

    /** A specialist's approved permission record and open request, each empty when there is none. */
    record ApprovedAndPending(Optional<Permission> approved, Optional<Permission> pending) {}

    private static final String PROFILE_WEEKS = "SELECT s.user_id, s.job_title, s.bio, s.default_minutes,"
            + " s.manager_id, s.paused, s.created_at, s.updated_at, w.week_start, w.requested_minutes,"
            + " w.offered_minutes, w.held_minutes, w.booked_minutes, w.overridden"
            + " FROM specialist s LEFT JOIN specialist_week w ON w.user_id = s.user_id"
            + " AND w.week_start IN (:thisWeek, :nextWeek) WHERE s.user_id = :userId";

    /**
     * The approved and the open permission records, newest first: {@link PermissionDao#approved} and
     * {@link PermissionDao#pending} in one statement (a specialist has at most one of each that is not superseded).
     */
    private static final String APPROVED_AND_PENDING = "SELECT " + PermissionDao.COLUMNS + " FROM permission"
            + " WHERE specialist_id = :specialistId AND status IN ('approved', 'requested') ORDER BY id DESC";

    private static final RowMapper<Specialist> SPECIALIST = (rs, ctx) -> new Specialist(rs.getString("user_id"),
            rs.getString("job_title"), rs.getString("bio"), rs.getInt("default_minutes"), rs.getString("manager_id"),
            rs.getBoolean("paused"), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class));

    private static final PermissionDao.StatusMapper STATUS = new PermissionDao.StatusMapper();

    private static final RowMapper<Permission> PERMISSION = (rs, ctx) -> new Permission(rs.getLong("id"),
            rs.getString("specialist_id"), rs.getString("manager_id"), rs.getInt("cap_minutes"),
            STATUS.map(rs, rs.findColumn("status"), ctx),
            rs.getObject("requested_at", OffsetDateTime.class), rs.getObject("decided_at", OffsetDateTime.class),
            rs.getObject("expires_on", LocalDate.class), rs.getObject("revoked_at", OffsetDateTime.class),
            rs.getString("revoked_by"));

    /** The profile and its rows for {@code thisWeek} and {@code nextWeek}; empty without a profile. */
    static Optional<ProfileWeeks> profileWeeks(Handle handle, String userId, LocalDate thisWeek,
                                               LocalDate nextWeek) {
        return handle.createQuery(PROFILE_WEEKS)
                .bind("userId", userId)
                .bind("thisWeek", thisWeek)
                .bind("nextWeek", nextWeek)
                .scanResultSet((supplier, ctx) -> {
                    ResultSet rs = supplier.get();
                    Specialist profile = null;
                    WeekCapacity first = null;
                    WeekCapacity second = null;
                    while (rs.next()) {
                        profile = SPECIALIST.map(rs, ctx);
                        WeekCapacity week = week(rs);
                        if (week != null && week.weekStart().equals(thisWeek)) {
                            first = week;
                        } else if (week != null) {
                            second = week;
                        }
                    }
                    return profile == null ? Optional.<ProfileWeeks>empty()
                            : Optional.of(new ProfileWeeks(profile, first, second));
                });
    }

    /** The newest approved record and the newest open request, as {@link PermissionDao} would find them. */
    static ApprovedAndPending approvedAndPending(Handle handle, String specialistId) {
        Optional<Permission> approved = Optional.empty();
        Optional<Permission> pending = Optional.empty();
        for (Permission permission : handle.createQuery(APPROVED_AND_PENDING).bind("specialistId", specialistId)
                .map(PERMISSION).list()) {
            if (permission.status() == Permission.Status.APPROVED && approved.isEmpty()) {
                approved = Optional.of(permission);
            } else if (permission.status() == Permission.Status.REQUESTED && pending.isEmpty()) {
                pending = Optional.of(permission);
            }
        }
        return new ApprovedAndPending(approved, pending);
    }

    private static WeekCapacity week(ResultSet rs) throws SQLException {
        LocalDate weekStart = rs.getObject("week_start", LocalDate.class);
        if (weekStart == null) {
            return null;
        }
        return new WeekCapacity(rs.getString("user_id"), weekStart, rs.getInt("requested_minutes"),
                rs.getInt("offered_minutes"), rs.getInt("held_minutes"), rs.getInt("booked_minutes"),
                rs.getBoolean("overridden"));
    }
}
