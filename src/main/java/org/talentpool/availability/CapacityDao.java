package org.talentpool.availability;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code specialist_week} rows. Every change is one conditional statement: the WHERE clause carries the
 * rule ("enough left", "enough held") and the CHECK constraint backs it up, so no Java check precedes a write.
 */
@RegisterConstructorMapper(WeekCapacity.class)
public interface CapacityDao {

    String COLUMNS = "user_id AS specialist_id, week_start, requested_minutes, offered_minutes, held_minutes,"
            + " booked_minutes, overridden";

    /** A new week row for each specialist without one: asking their default, offering 0 until refreshed. */
    String INSERT_WEEK = "INSERT INTO specialist_week (user_id, week_start, requested_minutes, offered_minutes,"
            + " held_minutes, booked_minutes, overridden)"
            + " SELECT s.user_id, :weekStart, s.default_minutes, 0, 0, 0, FALSE FROM specialist s"
            + " WHERE NOT EXISTS (SELECT 1 FROM specialist_week w WHERE w.user_id = s.user_id"
            + "   AND w.week_start = :weekStart)";

    /**
     * The one formula for what specialist {@code s} may offer of the minutes requested in a week: 0 when paused,
     * else the request capped by the permission approved, not revoked and unexpired at the week's start (0 without
     * one). Written {@code OFFER_OF + requested + OFFER_IN_WEEK + weekStart + OFFER_END}.
     */
    String OFFER_OF = "CASE WHEN s.paused THEN 0 ELSE LEAST(";
    String OFFER_IN_WEEK = ", COALESCE((SELECT MAX(p.cap_minutes) FROM permission p WHERE p.specialist_id = s.user_id"
            + " AND p.status = 'approved' AND p.revoked_at IS NULL AND p.expires_on > ";
    String OFFER_END = "), 0)) END";

    /** What a week's row {@code w} requests: the specialist's default unless the week is overridden. */
    String REQUESTED = "CASE WHEN w.overridden THEN w.requested_minutes"
            + " ELSE (SELECT s.default_minutes FROM specialist s WHERE s.user_id = w.user_id) END";
    /**
     * What a week's row {@code w} offers: {@link #OFFER_OF the offer} of what it requests, never below what is held
     * and booked.
     */
    String OFFERED = "GREATEST(w.held_minutes + w.booked_minutes, ("
            + " SELECT " + OFFER_OF + "CASE WHEN w.overridden THEN w.requested_minutes ELSE s.default_minutes END"
            + OFFER_IN_WEEK + "w.week_start" + OFFER_END
            + " FROM specialist s WHERE s.user_id = w.user_id))";

    /** The one place a week's offer is recomputed: {@link #REQUESTED} and {@link #OFFERED}. */
    String REFRESH_OFFERS = "UPDATE specialist_week w SET requested_minutes = " + REQUESTED + ", offered_minutes = "
            + OFFERED;

    /**
     * For the weekly reset: {@link #REFRESH_OFFERS} for the rows of a week it changes. Most rows of a week are up to
     * date already (every change refreshes the weeks it touches); writing them again, unchanged, was half the time
     * of the reset on PostgreSQL (a new version of each row and of its index entries) and left as many dead rows.
     */
    String REFRESH_CHANGED_OFFERS = REFRESH_OFFERS + " WHERE w.week_start = :weekStart AND (w.requested_minutes <> "
            + REQUESTED + " OR w.offered_minutes <> " + OFFERED + ")";

    /**
     * For the weekly reset: a week's row for each specialist without one, its offer computed as
     * {@link #REFRESH_OFFERS} would (a new row is not overridden and has nothing held or booked). Inserting the
     * rows ready, rather than inserting zeros and refreshing them in the same transaction, halves the work:
     * PostgreSQL checks the foreign key and writes each row again when a row inserted in the same transaction is
     * updated (measured by scripts/bench: 2.5 s for 100,000 new rows before, 1.5 s after). The caps in force read by
     * a join to them grouped by specialist instead: 0.37 s less on PostgreSQL, but 2.18 s on H2 against 1.50 s.
     */
    String INSERT_OFFERED_WEEK = "INSERT INTO specialist_week (user_id, week_start, requested_minutes,"
            + " offered_minutes, held_minutes, booked_minutes, overridden)"
            + " SELECT s.user_id, :weekStart, s.default_minutes, "
            + OFFER_OF + "s.default_minutes" + OFFER_IN_WEEK + ":weekStart" + OFFER_END + ", 0, 0, FALSE"
            + " FROM specialist s WHERE NOT EXISTS (SELECT 1 FROM specialist_week w WHERE w.user_id = s.user_id"
            + "   AND w.week_start = :weekStart)";

    @SqlUpdate(INSERT_WEEK + " AND s.user_id = :userId ON CONFLICT DO NOTHING")
    int insertWeek(@Bind("userId") String userId, @Bind("weekStart") LocalDate weekStart);

    @SqlUpdate(INSERT_OFFERED_WEEK + " ON CONFLICT DO NOTHING")
    int insertWeekForAll(@Bind("weekStart") LocalDate weekStart);

    @SqlUpdate(REFRESH_OFFERS + " WHERE w.user_id = :userId AND w.week_start >= :fromWeek")
    int refreshOffersFrom(@Bind("userId") String userId, @Bind("fromWeek") LocalDate fromWeek);

    @SqlUpdate(REFRESH_OFFERS + " WHERE w.user_id = :userId AND w.week_start = :weekStart")
    int refreshOffers(@Bind("userId") String userId, @Bind("weekStart") LocalDate weekStart);

    @SqlUpdate(REFRESH_CHANGED_OFFERS)
    int refreshChangedOffers(@Bind("weekStart") LocalDate weekStart);

    @SqlQuery("SELECT " + COLUMNS + " FROM specialist_week WHERE user_id = :userId AND week_start = :weekStart")
    Optional<WeekCapacity> find(@Bind("userId") String userId, @Bind("weekStart") LocalDate weekStart);

    @SqlQuery("SELECT " + COLUMNS + " FROM specialist_week WHERE user_id IN (<userIds>) AND week_start = :weekStart")
    List<WeekCapacity> findAll(@BindList("userIds") Collection<String> userIds, @Bind("weekStart") LocalDate weekStart);

    @SqlQuery("SELECT " + COLUMNS + " FROM specialist_week WHERE week_start = :weekStart ORDER BY user_id")
    List<WeekCapacity> findWeek(@Bind("weekStart") LocalDate weekStart);

    @SqlQuery("SELECT week_start FROM specialist_week WHERE user_id = :userId AND week_start >= :fromWeek"
            + " ORDER BY week_start")
    List<LocalDate> weeksFrom(@Bind("userId") String userId, @Bind("fromWeek") LocalDate fromWeek);

    @SqlUpdate("UPDATE specialist_week SET held_minutes = held_minutes + :minutes"
            + " WHERE user_id = :userId AND week_start = :weekStart"
            + " AND held_minutes + booked_minutes + :minutes <= offered_minutes")
    int hold(@Bind("userId") String userId, @Bind("weekStart") LocalDate weekStart, @Bind("minutes") int minutes);

    @SqlUpdate("UPDATE specialist_week SET held_minutes = held_minutes - :minutes"
            + " WHERE user_id = :userId AND week_start = :weekStart AND held_minutes >= :minutes")
    int release(@Bind("userId") String userId, @Bind("weekStart") LocalDate weekStart, @Bind("minutes") int minutes);

    @SqlUpdate("UPDATE specialist_week SET held_minutes = held_minutes - :minutes,"
            + " booked_minutes = booked_minutes + :minutes"
            + " WHERE user_id = :userId AND week_start = :weekStart AND held_minutes >= :minutes")
    int confirm(@Bind("userId") String userId, @Bind("weekStart") LocalDate weekStart, @Bind("minutes") int minutes);

    @SqlUpdate("UPDATE specialist_week SET booked_minutes = booked_minutes - :minutes"
            + " WHERE user_id = :userId AND week_start = :weekStart AND booked_minutes >= :minutes")
    int releaseBooked(@Bind("userId") String userId, @Bind("weekStart") LocalDate weekStart,
                      @Bind("minutes") int minutes);

    /**
     * Sets what the specialist asks to offer for a week, unless that is below what is held and booked.
     * The offer itself follows from {@link #refreshOffers}.
     */
    @SqlUpdate("UPDATE specialist_week SET requested_minutes = :minutes, overridden = :overridden"
            + " WHERE user_id = :userId AND week_start = :weekStart"
            + " AND held_minutes + booked_minutes <= :minutes")
    int setRequested(@Bind("userId") String userId, @Bind("weekStart") LocalDate weekStart,
                     @Bind("minutes") int minutes, @Bind("overridden") boolean overridden);
}
