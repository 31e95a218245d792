package org.talentpool.search;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The fixed search queries: the skill vocabulary, nearby skills' listings, and the unmet demand record. The ranked
 * queries over the listing index, the page's profiles and skills, and the parts that vary with the number of search
 * words, are built by {@link ExpertSearch} from numbers and parameter names only, never from typed text.
 */
@RegisterConstructorMapper(SkillMatcher.Skill.class)
@RegisterConstructorMapper(SearchDao.SkillListings.class)
@RegisterConstructorMapper(SearchDao.DemandRow.class)
public interface SearchDao {

    /** A specialist on a page of results, as listed now: hours left in minutes. */
    record Listed(String userId, String jobTitle, String bio, String councilName, int leftThisWeek,
                  int leftNextWeek) {}

    /** A skill of a specialist on a page of results. */
    record SkillOf(String userId, long skillId, String name, String displayName) {}

    record SkillListings(long skillId, int specialists) {}

    /** A search word nobody was available for: how many member-weeks searched it, by how many people, last when. */
    record DemandRow(String term, int searches, int people, OffsetDateTime lastSearchedAt) {}

    @SqlQuery("SELECT id, name, display_name FROM skill")
    List<SkillMatcher.Skill> allSkills();

    /** How many searchable specialists of other councils have each skill. */
    @SqlQuery("SELECT ss.skill_id, COUNT(*) AS specialists FROM specialist_skill ss"
            + " JOIN specialist_listing l ON l.user_id = ss.user_id"
            + " WHERE ss.skill_id IN (<skillIds>) AND l.permission_expires_on > :today AND l.council_id <> :councilId"
            + " GROUP BY ss.skill_id")
    List<SkillListings> listings(@BindList("skillIds") Collection<Long> skillIds, @Bind("today") LocalDate today,
                                 @Bind("councilId") long councilId);

    @SqlUpdate("INSERT INTO search_demand (term, week_start, requester_id, searched_at)"
            + " VALUES (:term, :weekStart, :requesterId, :now) ON CONFLICT DO NOTHING")
    int recordDemand(@Bind("term") String term, @Bind("weekStart") LocalDate weekStart,
                     @Bind("requesterId") String requesterId, @Bind("now") OffsetDateTime now);

    @SqlQuery("SELECT term, COUNT(*) AS searches, COUNT(DISTINCT requester_id) AS people,"
            + " MAX(searched_at) AS last_searched_at FROM search_demand WHERE searched_at >= :since"
            + " GROUP BY term ORDER BY COUNT(*) DESC, COUNT(DISTINCT requester_id) DESC, term LIMIT :limit")
    List<DemandRow> demand(@Bind("since") OffsetDateTime since, @Bind("limit") int limit);
}
