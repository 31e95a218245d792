package org.talentpool.council;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Join requests and who asked. A request is decided once: every decision is conditional on it being pending. */
@RegisterConstructorMapper(JoinRequest.class)
public interface JoinRequestDao {
    String COLUMNS = "id, email_domain, council_id, status, requested_by, requested_at, decided_by, decided_at, reason";

    /** Opens a request unless one is open under the same key already: 1 when opened. */
    @SqlUpdate("INSERT INTO join_request (email_domain, council_id, open_key, status, requested_by, requested_at)"
            + " VALUES (:domain, :councilId, :openKey, 'pending', :userId, :now) ON CONFLICT DO NOTHING")
    int open(@Bind("domain") String emailDomain, @Bind("councilId") Long councilId, @Bind("openKey") String openKey,
             @Bind("userId") String userId, @Bind("now") OffsetDateTime now);

    @SqlQuery("SELECT " + COLUMNS + " FROM join_request WHERE open_key = :openKey")
    Optional<JoinRequest> findOpen(@Bind("openKey") String openKey);

    @SqlQuery("SELECT " + COLUMNS + " FROM join_request WHERE id = :id")
    Optional<JoinRequest> findById(@Bind("id") long id);

    /** The latest request for a domain that had no council, to tell a member why they were turned down. */
    @SqlQuery("SELECT " + COLUMNS + " FROM join_request WHERE council_id IS NULL AND email_domain = :domain"
            + " ORDER BY id DESC LIMIT 1")
    Optional<JoinRequest> latestForDomainWithoutCouncil(@Bind("domain") String emailDomain);

    /**
     * Open requests a council answers: those naming it, and those for one of its domains (or their
     * subdomains) made before the domain was registered.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM join_request r WHERE r.status = 'pending' AND (r.council_id = :councilId"
            + " OR (r.council_id IS NULL AND EXISTS (SELECT 1 FROM council_domain d WHERE d.council_id = :councilId"
            + "   AND (r.email_domain = d.domain OR r.email_domain LIKE CONCAT('%.', d.domain))))) ORDER BY r.id")
    List<JoinRequest> openFor(@Bind("councilId") long councilId);

    /** Adds someone to those told the outcome: 1 when they had not asked before. */
    @SqlUpdate("INSERT INTO join_request_member (request_id, user_id, asked_at) VALUES (:id, :userId, :now)"
            + " ON CONFLICT DO NOTHING")
    int addMember(@Bind("id") long requestId, @Bind("userId") String userId, @Bind("now") OffsetDateTime now);

    @SqlQuery("SELECT user_id FROM join_request_member WHERE request_id = :id ORDER BY asked_at, user_id")
    List<String> members(@Bind("id") long requestId);

    @SqlQuery("SELECT asked_at FROM join_request_member WHERE request_id = :id AND user_id = :userId")
    Optional<OffsetDateTime> askedAt(@Bind("id") long requestId, @Bind("userId") String userId);

    /**
     * Decides a pending request: 1 when this call decided it, 0 when it was decided already (the first
     * admin to act wins). {@code councilId} records the council an approval named (null keeps the current one).
     */
    @SqlUpdate("UPDATE join_request SET status = :status, open_key = NULL, decided_by = :by, decided_at = :now,"
            + " reason = :reason, council_id = COALESCE(CAST(:councilId AS BIGINT), council_id)"
            + " WHERE id = :id AND status = 'pending'")
    int decide(@Bind("id") long id, @Bind("status") String status, @Bind("by") String decidedBy,
               @Bind("now") OffsetDateTime now, @Bind("reason") String reason, @Bind("councilId") Long councilId);
}
