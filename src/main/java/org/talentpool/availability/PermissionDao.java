package org.talentpool.availability;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Permission records. Answers are conditional updates on the status, so a double click or two managers'
 * windows racing change a request once.
 */
@RegisterConstructorMapper(Permission.class)
@RegisterColumnMapper(PermissionDao.StatusMapper.class)
public interface PermissionDao {

    String COLUMNS = "id, specialist_id, manager_id, cap_minutes, status, requested_at, decided_at, expires_on,"
            + " revoked_at, revoked_by";

    @SqlUpdate("INSERT INTO permission (specialist_id, manager_id, cap_minutes, status, requested_at)"
            + " VALUES (:specialistId, :managerId, :capMinutes, 'requested', :now)")
    @GetGeneratedKeys("id")
    long request(@Bind("specialistId") String specialistId, @Bind("managerId") String managerId,
                 @Bind("capMinutes") int capMinutes, @Bind("now") OffsetDateTime now);

    @SqlQuery("SELECT " + COLUMNS + " FROM permission WHERE id = :id")
    Optional<Permission> find(@Bind("id") long id);

    /** The open request, if any. */
    @SqlQuery("SELECT " + COLUMNS + " FROM permission WHERE specialist_id = :specialistId AND status = 'requested'"
            + " ORDER BY id DESC LIMIT 1")
    Optional<Permission> pending(@Bind("specialistId") String specialistId);

    /** The approved, unrevoked permission, whether or not it has expired. */
    @SqlQuery("SELECT " + COLUMNS + " FROM permission WHERE specialist_id = :specialistId AND status = 'approved'"
            + " ORDER BY id DESC LIMIT 1")
    Optional<Permission> approved(@Bind("specialistId") String specialistId);

    /** The most recent answered or withdrawn record, for telling the specialist where they stand. */
    @SqlQuery("SELECT " + COLUMNS + " FROM permission WHERE specialist_id = :specialistId"
            + " AND status IN ('approved', 'declined', 'revoked') ORDER BY COALESCE(revoked_at, decided_at) DESC,"
            + " id DESC LIMIT 1")
    Optional<Permission> latestAnswer(@Bind("specialistId") String specialistId);

    @SqlUpdate("UPDATE permission SET status = 'approved', decided_at = :now, expires_on = :expiresOn"
            + " WHERE id = :id AND status = 'requested' AND manager_id = :managerId")
    int approve(@Bind("id") long id, @Bind("managerId") String managerId, @Bind("now") OffsetDateTime now,
                @Bind("expiresOn") LocalDate expiresOn);

    @SqlUpdate("UPDATE permission SET status = 'declined', decided_at = :now"
            + " WHERE id = :id AND status = 'requested' AND manager_id = :managerId")
    int decline(@Bind("id") long id, @Bind("managerId") String managerId, @Bind("now") OffsetDateTime now);

    @SqlUpdate("UPDATE permission SET status = 'revoked', revoked_at = :now, revoked_by = :revokedBy"
            + " WHERE id = :id AND status = 'approved'")
    int revoke(@Bind("id") long id, @Bind("revokedBy") String revokedBy, @Bind("now") OffsetDateTime now);

    /** Ends other approved permissions when a new one is approved. */
    @SqlUpdate("UPDATE permission SET status = 'superseded' WHERE specialist_id = :specialistId"
            + " AND status = 'approved' AND id <> :keepId")
    int supersedeApproved(@Bind("specialistId") String specialistId, @Bind("keepId") long keepId);

    /** Withdraws an open request when a newer one replaces it. */
    @SqlUpdate("UPDATE permission SET status = 'superseded', decided_at = :now WHERE id = :id AND status = 'requested'")
    int supersedeRequest(@Bind("id") long id, @Bind("now") OffsetDateTime now);

    /** Ends an approval given by a manager the specialist no longer names. */
    @SqlUpdate("UPDATE permission SET status = 'superseded' WHERE id = :id AND status = 'approved'")
    int supersedeApproval(@Bind("id") long id);

    /**
     * Approvals that ran out on a day from {@code from} to {@code to} (an approval is valid on days before its
     * {@code expires_on}) and were not replaced: the specialist is no longer listed because of it.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM permission WHERE status = 'approved' AND revoked_at IS NULL"
            + " AND expires_on BETWEEN :from AND :to ORDER BY id")
    List<Permission> expiredBetween(@Bind("from") LocalDate from, @Bind("to") LocalDate to);

    /** Maps the lower-case status column. */
    final class StatusMapper implements org.jdbi.v3.core.mapper.ColumnMapper<Permission.Status> {
        @Override
        public Permission.Status map(java.sql.ResultSet rs, int columnNumber,
                                     org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
            return Permission.Status.valueOf(rs.getString(columnNumber).toUpperCase(java.util.Locale.ROOT));
        }
    }
}
