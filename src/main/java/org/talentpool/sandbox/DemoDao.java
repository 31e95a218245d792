package org.talentpool.sandbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The sandbox's demo people, the mark that demo data was loaded, and the test for an empty database. */
@RegisterRowMapper(DemoDao.PersonMapper.class)
public interface DemoDao {

    String PERSON_COLUMNS = "user_id, display_name, title, email, kind, council_code, line_manager_id, skills,"
            + " weekly_minutes, position";

    @SqlQuery("SELECT COUNT(*) > 0 FROM demo_seed")
    boolean loaded();

    /** Empty: nothing but the register of known councils, no member and no appointed admin. */
    @SqlQuery("SELECT (SELECT COUNT(*) FROM council WHERE status <> 'known') + (SELECT COUNT(*) FROM member)"
            + " + (SELECT COUNT(*) FROM pool_admin) = 0")
    boolean empty();

    @SqlUpdate("INSERT INTO demo_seed (id, seeded_at) VALUES (1, :now) ON CONFLICT DO NOTHING")
    int markLoaded(@Bind("now") OffsetDateTime now);

    @SqlUpdate("INSERT INTO demo_person (" + PERSON_COLUMNS + ") VALUES (:userId, :displayName, :title, :email,"
            + " :kind, :councilCode, :lineManagerId, :skills, :weeklyMinutes, :position)")
    void insertPerson(@Bind("userId") String userId, @Bind("displayName") String displayName,
                      @Bind("title") String title, @Bind("email") String email, @Bind("kind") String kind,
                      @Bind("councilCode") String councilCode, @Bind("lineManagerId") String lineManagerId,
                      @Bind("skills") String skills, @Bind("weeklyMinutes") int weeklyMinutes,
                      @Bind("position") int position);

    @SqlQuery("SELECT " + PERSON_COLUMNS + " FROM demo_person ORDER BY position")
    List<DemoPerson> people();

    @SqlQuery("SELECT " + PERSON_COLUMNS + " FROM demo_person WHERE user_id = :userId")
    Optional<DemoPerson> person(@Bind("userId") String userId);

    @SqlQuery("SELECT " + PERSON_COLUMNS + " FROM demo_person WHERE LOWER(email) = LOWER(:email)")
    Optional<DemoPerson> personByEmail(@Bind("email") String email);

    @SqlUpdate("INSERT INTO pool_admin (user_id, added_by, added_at) VALUES (:userId, :addedBy, :now)"
            + " ON CONFLICT DO NOTHING")
    void appointAdmin(@Bind("userId") String userId, @Bind("addedBy") String addedBy, @Bind("now") OffsetDateTime now);

    /** Skills are stored separated by semicolons. */
    String SKILL_SEPARATOR = ";";

    final class PersonMapper implements RowMapper<DemoPerson> {
        @Override
        public DemoPerson map(ResultSet rs, StatementContext ctx) throws SQLException {
            String skills = rs.getString("skills");
            return new DemoPerson(rs.getString("user_id"), rs.getString("display_name"), rs.getString("title"),
                    rs.getString("email"), DemoPerson.Kind.fromDb(rs.getString("kind")),
                    Optional.ofNullable(rs.getString("council_code")),
                    Optional.ofNullable(rs.getString("line_manager_id")),
                    skills == null || skills.isBlank() ? List.of()
                            : Arrays.stream(skills.split(SKILL_SEPARATOR)).map(String::trim).toList(),
                    rs.getInt("weekly_minutes"), rs.getInt("position"));
        }
    }
}
