package org.talentpool.availability;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Specialist profiles, their skills, the skill list and who is searchable. */
@RegisterConstructorMapper(Specialist.class)
@RegisterConstructorMapper(SpecialistDao.SkillRow.class)
public interface SpecialistDao {

    String COLUMNS = "user_id, job_title, bio, default_minutes, manager_id, paused, created_at, updated_at";

    /** A skill in the list, with how many specialists have it. */
    record SkillRow(long id, String name, String displayName, int specialists) {}

    @SqlUpdate("INSERT INTO specialist (user_id, job_title, bio, default_minutes, manager_id, paused, created_at,"
            + " updated_at) VALUES (:userId, :jobTitle, :bio, :defaultMinutes, :managerId, FALSE, :now, :now)"
            + " ON CONFLICT DO NOTHING")
    int insert(@Bind("userId") String userId, @Bind("jobTitle") String jobTitle, @Bind("bio") String bio,
               @Bind("defaultMinutes") int defaultMinutes, @Bind("managerId") String managerId,
               @Bind("now") OffsetDateTime now);

    /** The profile, locked until the end of the transaction: every change to a specialist starts here. */
    @SqlQuery("SELECT " + COLUMNS + " FROM specialist WHERE user_id = :userId FOR UPDATE")
    Optional<Specialist> lock(@Bind("userId") String userId);

    @SqlQuery("SELECT " + COLUMNS + " FROM specialist WHERE user_id = :userId")
    Optional<Specialist> find(@Bind("userId") String userId);

    @SqlUpdate("UPDATE specialist SET job_title = :jobTitle, bio = :bio, default_minutes = :defaultMinutes,"
            + " manager_id = :managerId, updated_at = :now WHERE user_id = :userId")
    int update(@Bind("userId") String userId, @Bind("jobTitle") String jobTitle, @Bind("bio") String bio,
               @Bind("defaultMinutes") int defaultMinutes, @Bind("managerId") String managerId,
               @Bind("now") OffsetDateTime now);

    @SqlUpdate("UPDATE specialist SET default_minutes = :defaultMinutes, updated_at = :now WHERE user_id = :userId")
    int updateDefault(@Bind("userId") String userId, @Bind("defaultMinutes") int defaultMinutes,
                      @Bind("now") OffsetDateTime now);

    /** Pauses or resumes; 0 when it already was. */
    @SqlUpdate("UPDATE specialist SET paused = :paused, updated_at = :now WHERE user_id = :userId"
            + " AND paused <> :paused")
    int setPaused(@Bind("userId") String userId, @Bind("paused") boolean paused, @Bind("now") OffsetDateTime now);

    // Skills

    /** Adds a skill to the vocabulary with its words (for search, {@link ListingIndex}); 0 when it was there. */
    default int insertSkill(String name, String displayName, OffsetDateTime now) {
        int added = insertSkillRow(name, displayName, now);
        if (added == 1) {
            List<String> words = ListingIndex.words(name);
            insertSkillWords(name, words, words.stream().map(ListingIndex::bit).toList());
        }
        return added;
    }

    @SqlUpdate("INSERT INTO skill (name, display_name, created_at) VALUES (:name, :displayName, :now)"
            + " ON CONFLICT DO NOTHING")
    int insertSkillRow(@Bind("name") String name, @Bind("displayName") String displayName,
                       @Bind("now") OffsetDateTime now);

    @SqlBatch("INSERT INTO skill_word (skill_id, word, bit) SELECT id, :word, :bit FROM skill WHERE name = :name"
            + " ON CONFLICT DO NOTHING")
    void insertSkillWords(@Bind("name") String name, @Bind("word") List<String> words, @Bind("bit") List<Long> bits);

    @SqlQuery("SELECT k.id, k.name, k.display_name, 0 AS specialists FROM skill k WHERE k.name IN (<names>)")
    List<SkillRow> skillsNamed(@BindList("names") Collection<String> names);

    @SqlQuery("SELECT k.id, k.name, k.display_name, 0 AS specialists FROM skill k"
            + " JOIN specialist_skill ss ON ss.skill_id = k.id WHERE ss.user_id = :userId ORDER BY k.display_name")
    List<SkillRow> skillsOf(@Bind("userId") String userId);

    @SqlUpdate("DELETE FROM specialist_skill WHERE user_id = :userId")
    void clearSkills(@Bind("userId") String userId);

    @SqlUpdate("INSERT INTO specialist_skill (user_id, skill_id) VALUES (:userId, :skillId) ON CONFLICT DO NOTHING")
    void addSkill(@Bind("userId") String userId, @Bind("skillId") long skillId);

    /**
     * Type-ahead: skills whose name starts with the query or has a word starting with it, most used first.
     * {@code query} is already normalised.
     */
    @SqlQuery("SELECT k.id, k.name, k.display_name, COUNT(ss.user_id) AS specialists FROM skill k"
            + " LEFT JOIN specialist_skill ss ON ss.skill_id = k.id"
            + " WHERE k.name LIKE :query || '%' OR k.name LIKE '% ' || :query || '%'"
            + " GROUP BY k.id, k.name, k.display_name"
            + " ORDER BY CASE WHEN k.name LIKE :query || '%' THEN 0 ELSE 1 END, COUNT(ss.user_id) DESC, k.name"
            + " LIMIT :limit")
    List<SkillRow> suggest(@Bind("query") String query, @Bind("limit") int limit);

    // The Monday nudge

    /** Turns the Monday nudge on or off; 0 when it already was so (or there is no profile). */
    @SqlUpdate("UPDATE specialist SET nudges = :nudges, updated_at = :now WHERE user_id = :userId"
            + " AND nudges <> :nudges")
    int setNudges(@Bind("userId") String userId, @Bind("nudges") boolean nudges, @Bind("now") OffsetDateTime now);

    /** Whether the specialist gets the Monday nudge; empty without a profile. */
    @SqlQuery("SELECT nudges FROM specialist WHERE user_id = :userId")
    Optional<Boolean> nudges(@Bind("userId") String userId);

    /**
     * Specialists to nudge on the Monday of {@code weekStart}: listed today (see {@link #isSearchable}), nudges
     * on, and offering nothing that week from their usual hours (a week they set to 0 on purpose, with
     * {@code /available 0 this week}, is left alone). A week without a row yet counts as what it would offer.
     */
    @SqlQuery("SELECT l.user_id FROM specialist_listing l JOIN specialist s ON s.user_id = l.user_id"
            + " LEFT JOIN specialist_week w ON w.user_id = l.user_id AND w.week_start = :weekStart"
            + " WHERE l.permission_expires_on > :today AND s.nudges AND NOT COALESCE(w.overridden, FALSE)"
            + " AND COALESCE(w.offered_minutes, LEAST(s.default_minutes, l.permission_cap_minutes)) = 0"
            + " ORDER BY l.user_id")
    List<String> toNudge(@Bind("weekStart") LocalDate weekStart, @Bind("today") LocalDate today);

    // Searchability

    /**
     * Searchable: listed in {@code specialist_listing} (profile complete, permission approved and not revoked,
     * not paused, council approved) with the permission unexpired on {@code today}.
     */
    @SqlQuery("SELECT COUNT(*) > 0 FROM specialist_listing WHERE user_id = :userId"
            + " AND permission_expires_on > :today")
    boolean isSearchable(@Bind("userId") String userId, @Bind("today") LocalDate today);
}
