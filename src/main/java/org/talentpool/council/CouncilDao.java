package org.talentpool.council;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Councils, their email domains, members and appointed admins. */
@RegisterRowMapper(CouncilRowMapper.class)
public interface CouncilDao {

    String COUNCIL_COLUMNS = "c.id, c.code, c.name, c.short_name, c.nation, c.council_type, c.status, c.status_reason";

    @SqlUpdate("INSERT INTO council (code, name, short_name, nation, council_type, status, created_at, updated_at)"
            + " VALUES (:code, :name, :shortName, :nation, :councilType, :status, :now, :now)")
    @GetGeneratedKeys("id")
    long insertCouncil(@Bind("code") String code, @Bind("name") String name, @Bind("shortName") String shortName,
                       @Bind("nation") String nation, @Bind("councilType") String councilType,
                       @Bind("status") String status, @Bind("now") OffsetDateTime now);

    @SqlUpdate("INSERT INTO council_domain (domain, council_id) VALUES (:domain, :councilId)")
    void insertDomain(@Bind("domain") String domain, @Bind("councilId") long councilId);

    @SqlQuery("SELECT " + COUNCIL_COLUMNS + " FROM council c WHERE c.id = :id")
    Optional<Council> findById(@Bind("id") long id);

    @SqlQuery("SELECT " + COUNCIL_COLUMNS + " FROM council c WHERE c.code = :code")
    Optional<Council> findByCode(@Bind("code") String code);

    @SqlQuery("SELECT " + COUNCIL_COLUMNS + " FROM council c JOIN council_domain d ON d.council_id = c.id"
            + " WHERE d.domain = :domain")
    Optional<Council> findByDomain(@Bind("domain") String domain);

    /** The council owning the longest of the given domains (a domain and its parent domains). */
    @SqlQuery("SELECT " + COUNCIL_COLUMNS + " FROM council c JOIN council_domain d ON d.council_id = c.id"
            + " WHERE d.domain IN (<domains>) ORDER BY LENGTH(d.domain) DESC LIMIT 1")
    Optional<Council> findByAnyDomain(@BindList("domains") Collection<String> domains);

    @SqlQuery("SELECT domain FROM council_domain WHERE council_id = :councilId ORDER BY domain")
    List<String> domains(@Bind("councilId") long councilId);

    @SqlUpdate("UPDATE council SET status = :status, status_reason = :reason, updated_at = :now WHERE id = :id")
    int updateStatus(@Bind("id") long id, @Bind("status") String status, @Bind("reason") String reason,
                     @Bind("now") OffsetDateTime now);

    @SqlQuery("SELECT user_id, display_name, email_domain, council_id, refreshed_at FROM member WHERE user_id = :userId")
    @RegisterRowMapper(MemberRowMapper.class)
    Optional<MemberRow> findMember(@Bind("userId") String userId);

    @SqlUpdate("MERGE INTO member m USING (VALUES (CAST(:userId AS VARCHAR(32)))) AS s (user_id) ON m.user_id = s.user_id"
            + " WHEN MATCHED THEN UPDATE SET display_name = :displayName, email_domain = :emailDomain,"
            + "   council_id = :councilId, refreshed_at = :now"
            + " WHEN NOT MATCHED THEN INSERT (user_id, display_name, email_domain, council_id, refreshed_at)"
            + "   VALUES (:userId, :displayName, :emailDomain, :councilId, :now)")
    void upsertMember(@Bind("userId") String userId, @Bind("displayName") String displayName,
                      @Bind("emailDomain") String emailDomain, @Bind("councilId") Long councilId,
                      @Bind("now") OffsetDateTime now);

    @SqlQuery("SELECT COUNT(*) > 0 FROM pool_admin WHERE user_id = :userId")
    boolean isAppointedAdmin(@Bind("userId") String userId);

    /** The member row as stored: the cache of users.info. */
    record MemberRow(String userId, String displayName, String emailDomain, Long councilId,
                     OffsetDateTime refreshedAt) {}
}
