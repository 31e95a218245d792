package org.talentpool.council;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Councils, their email domains, members, leads, hourly rates and appointed admins. */
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
    String FIND_BY_ANY_DOMAIN = "SELECT " + COUNCIL_COLUMNS + " FROM council c"
            + " JOIN council_domain d ON d.council_id = c.id WHERE d.domain IN (<domains>)"
            + " ORDER BY LENGTH(d.domain) DESC LIMIT 1";

    @SqlQuery(FIND_BY_ANY_DOMAIN)
    Optional<Council> findByAnyDomain(@BindList("domains") Collection<String> domains);

    @SqlQuery("SELECT domain FROM council_domain WHERE council_id = :councilId ORDER BY domain")
    List<String> domains(@Bind("councilId") long councilId);

    @SqlUpdate("UPDATE council SET status = :status, status_reason = :reason, updated_at = :now WHERE id = :id")
    int updateStatus(@Bind("id") long id, @Bind("status") String status, @Bind("reason") String reason,
                     @Bind("now") OffsetDateTime now);

    String FIND_MEMBER = "SELECT user_id, display_name, email_domain, council_id, refreshed_at FROM member"
            + " WHERE user_id = :userId";

    @SqlQuery(FIND_MEMBER)
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

    String IS_APPOINTED_ADMIN = "SELECT COUNT(*) > 0 FROM pool_admin WHERE user_id = :userId";

    @SqlQuery(IS_APPOINTED_ADMIN)
    boolean isAppointedAdmin(@Bind("userId") String userId);

    // --- the register: lookups, status changes, listing ---

    /** The council, locked until the transaction ends, so status changes to it happen one after another. */
    @SqlQuery("SELECT " + COUNCIL_COLUMNS + " FROM council c WHERE c.id = :id FOR UPDATE")
    Optional<Council> lockById(@Bind("id") long id);

    @SqlQuery("SELECT " + COUNCIL_COLUMNS + " FROM council c WHERE LOWER(c.name) = LOWER(:name) ORDER BY c.id")
    List<Council> findByName(@Bind("name") String name);

    /** Changes the status only if it is still one of {@code from}: 1 when changed, 0 when someone else acted first. */
    @SqlUpdate("UPDATE council SET status = :to, status_reason = :reason, updated_at = :now"
            + " WHERE id = :id AND status IN (<from>)")
    int changeStatus(@Bind("id") long id, @BindList("from") Collection<String> from, @Bind("to") String to,
                     @Bind("reason") String reason, @Bind("now") OffsetDateTime now);

    /** Adds a domain unless some council has it already: 1 when added. */
    @SqlUpdate("INSERT INTO council_domain (domain, council_id) VALUES (:domain, :councilId) ON CONFLICT DO NOTHING")
    int addDomainIfFree(@Bind("domain") String domain, @Bind("councilId") long councilId);

    record StatusCount(String status, long count) {}

    @SqlQuery("SELECT status, COUNT(*) AS count FROM council GROUP BY status")
    @RegisterConstructorMapper(StatusCount.class)
    List<StatusCount> countByStatus();

    /**
     * Councils with the given status (null: any) whose name, short name or a domain contains {@code pattern}
     * (a LIKE pattern, null: any), pending first, then by name.
     */
    @SqlQuery
    @UseClasspathSqlLocator
    List<Council> search(@Bind("status") String status, @Bind("pattern") String pattern, @Bind("limit") int limit);

    @SqlQuery
    @UseClasspathSqlLocator
    long countMatching(@Bind("status") String status, @Bind("pattern") String pattern);

    /** A value belonging to one council, for loading domains, leads or rates of many councils at once. */
    record CouncilValue(long councilId, String item) {}

    @SqlQuery("SELECT council_id, domain AS item FROM council_domain WHERE council_id IN (<ids>) ORDER BY domain")
    @RegisterConstructorMapper(CouncilValue.class)
    List<CouncilValue> domainsOf(@BindList("ids") Collection<Long> councilIds);

    // --- leads ---

    @SqlUpdate("INSERT INTO council_lead (council_id, user_id, appointed_by, appointed_at)"
            + " VALUES (:councilId, :userId, :by, :now) ON CONFLICT DO NOTHING")
    int addLead(@Bind("councilId") long councilId, @Bind("userId") String userId, @Bind("by") String appointedBy,
                @Bind("now") OffsetDateTime now);

    @SqlUpdate("DELETE FROM council_lead WHERE council_id = :councilId AND user_id = :userId")
    int removeLead(@Bind("councilId") long councilId, @Bind("userId") String userId);

    @SqlQuery("SELECT user_id FROM council_lead WHERE council_id = :councilId ORDER BY appointed_at, user_id")
    List<String> leads(@Bind("councilId") long councilId);

    @SqlQuery("SELECT council_id, user_id AS item FROM council_lead WHERE council_id IN (<ids>)"
            + " ORDER BY appointed_at, user_id")
    @RegisterConstructorMapper(CouncilValue.class)
    List<CouncilValue> leadsOf(@BindList("ids") Collection<Long> councilIds);

    @SqlQuery("SELECT " + COUNCIL_COLUMNS + " FROM council c JOIN council_lead l ON l.council_id = c.id"
            + " WHERE l.user_id = :userId ORDER BY c.name")
    List<Council> ledBy(@Bind("userId") String userId);

    // --- hourly rates ---

    /** One rate of a council's history. */
    record Rate(long councilId, LocalDate effectiveFrom, int pencePerHour, String setBy, OffsetDateTime setAt) {}

    @SqlUpdate("MERGE INTO council_rate r USING (VALUES (CAST(:councilId AS BIGINT), CAST(:from AS DATE)))"
            + " AS s (council_id, effective_from)"
            + " ON r.council_id = s.council_id AND r.effective_from = s.effective_from"
            + " WHEN MATCHED THEN UPDATE SET pence_per_hour = :pence, set_by = :by, set_at = :now"
            + " WHEN NOT MATCHED THEN INSERT (council_id, effective_from, pence_per_hour, set_by, set_at)"
            + "   VALUES (:councilId, :from, :pence, :by, :now)")
    void setRate(@Bind("councilId") long councilId, @Bind("from") LocalDate effectiveFrom, @Bind("pence") int pence,
                 @Bind("by") String setBy, @Bind("now") OffsetDateTime now);

    /** The rate in force on a day: the one with the latest start on or before it. */
    @SqlQuery("SELECT council_id, effective_from, pence_per_hour, set_by, set_at FROM council_rate"
            + " WHERE council_id = :councilId AND effective_from <= :day ORDER BY effective_from DESC LIMIT 1")
    @RegisterConstructorMapper(Rate.class)
    Optional<Rate> rateOn(@Bind("councilId") long councilId, @Bind("day") LocalDate day);

    @SqlQuery("SELECT council_id, effective_from, pence_per_hour, set_by, set_at FROM council_rate"
            + " WHERE council_id = :councilId ORDER BY effective_from DESC LIMIT :limit")
    @RegisterConstructorMapper(Rate.class)
    List<Rate> rateHistory(@Bind("councilId") long councilId, @Bind("limit") int limit);

    @SqlQuery("SELECT r.council_id, r.effective_from, r.pence_per_hour, r.set_by, r.set_at FROM council_rate r"
            + " WHERE r.council_id IN (<ids>) AND r.effective_from = (SELECT MAX(l.effective_from) FROM council_rate l"
            + "   WHERE l.council_id = r.council_id AND l.effective_from <= :day)")
    @RegisterConstructorMapper(Rate.class)
    List<Rate> ratesOn(@BindList("ids") Collection<Long> councilIds, @Bind("day") LocalDate day);

    // --- appointed admins ---

    @SqlUpdate("INSERT INTO pool_admin (user_id, added_by, added_at) VALUES (:userId, :by, :now)"
            + " ON CONFLICT DO NOTHING")
    int addAdmin(@Bind("userId") String userId, @Bind("by") String addedBy, @Bind("now") OffsetDateTime now);

    @SqlUpdate("DELETE FROM pool_admin WHERE user_id = :userId")
    int removeAdmin(@Bind("userId") String userId);

    @SqlQuery("SELECT user_id FROM pool_admin ORDER BY added_at, user_id")
    List<String> appointedAdmins();

    /** The appointed admins, locked until the transaction ends, so two removals cannot both leave none. */
    @SqlQuery("SELECT user_id FROM pool_admin ORDER BY user_id FOR UPDATE")
    List<String> lockAppointedAdmins();

    /** The member row as stored: the cache of users.info. */
    record MemberRow(String userId, String displayName, String emailDomain, Long councilId,
                     OffsetDateTime refreshedAt) {}
}
