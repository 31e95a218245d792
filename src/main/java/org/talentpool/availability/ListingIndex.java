package org.talentpool.availability;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;
import org.talentpool.council.CouncilStatusListener;
import org.talentpool.persistence.Database;

/**
 * What search ranks on, kept ready (migration V10): for every searchable specialist ({@code specialist_listing}) and
 * each of this week and next in which they have hours left, a {@code listing_week} row with the minutes left, when
 * they were last booked and all the words of their skills, and a {@code listing_word} row for every one of those
 * words, indexed in search order. A
 * search reads the first rows of each word's range instead of ranking every holder of a common skill.
 *
 * <p>Derived data only. {@link WeeklyCapacity} refreshes a specialist's rows in the transaction of every change to
 * their hours, bookings, permission, pause or profile (all of which go through it); a council's status change
 * refreshes its specialists ({@link #councilStatusListener}); a new week rebuilds everything ({@link #ensureCurrent},
 * also run by the weekly reset). Hours left are computed exactly as {@link CapacityDao} computes a fresh week's
 * offer, so a week nobody has asked about yet needs no row.
 *
 * <p>Two transactions refreshing one specialist at the same instant without a lock in common (booking holds have one:
 * the week row) can leave the later one's rows unwritten until the specialist's next change; search therefore checks
 * the specialists it shows against the live tables.
 */
public final class ListingIndex {
    /** How many specialists a transaction of {@link #rebuild()} rebuilds. */
    static final int CHUNK = 5_000;
    /** Rebuilds in this process are one at a time (another instance may rebuild at the same time: no harm). */
    private static final Object REBUILDING = new Object();

    /** "Never booked": sorts before every real booking time. */
    public static final OffsetDateTime NEVER_BOOKED = Instant.EPOCH.atOffset(ZoneOffset.UTC);

    /**
     * The week rows of the specialists {@code <which>} selects (a condition on {@code l}, a row of
     * {@code specialist_listing}), each with the words and bits of all their skills: one join of their skills' words,
     * grouped by specialist-week (a subquery per row for each had PostgreSQL scan every skill word each time).
     */
    private static final String WEEK_ROWS = "INSERT INTO listing_week (user_id, week_start, council_id, expires_on,"
            + " left_minutes, last_booked_at, words, word_bits)"
            + " SELECT r.user_id, r.week_start, r.council_id, r.expires_on, r.left_minutes, r.last_booked_at,"
            + "  ' ' || STRING_AGG(DISTINCT sw.word, ' ') || ' ', CAST(SUM(DISTINCT sw.bit) AS BIGINT) FROM ("
            + "  SELECT l.user_id, k.week_start, l.council_id, l.permission_expires_on AS expires_on,"
            + "   " + leftMinutes("l", "w", "k.week_start") + " AS left_minutes,"
            + "   COALESCE((SELECT MAX(b.created_at) FROM booking b WHERE b.specialist_id = l.user_id"
            + "     AND b.status IN ('requested', 'accepted')), :never) AS last_booked_at"
            + "  FROM specialist_listing l"
            + "  CROSS JOIN (SELECT CAST(:thisWeek AS DATE) AS week_start UNION ALL"
            + "              SELECT CAST(:nextWeek AS DATE) AS week_start) k"
            + "  LEFT JOIN specialist_week w ON w.user_id = l.user_id AND w.week_start = k.week_start"
            + "  WHERE <which>"
            + " ) r JOIN specialist_skill ss ON ss.user_id = r.user_id JOIN skill_word sw ON sw.skill_id = ss.skill_id"
            + " WHERE r.left_minutes > 0"
            + " GROUP BY r.user_id, r.week_start, r.council_id, r.expires_on, r.left_minutes, r.last_booked_at"
            + " ON CONFLICT DO NOTHING";

    /**
     * The word rows of the specialists {@code <which>} selects (a condition on {@code l}, a row of
     * {@code listing_week}, already written): a row per week and distinct word (two skills may share a word).
     */
    private static final String WORD_ROWS = "INSERT INTO listing_word (word, week_start, left_minutes, last_booked_at,"
            + " user_id, council_id, expires_on, words, word_bits)"
            + " SELECT DISTINCT sw.word, l.week_start, l.left_minutes, l.last_booked_at, l.user_id, l.council_id,"
            + "  l.expires_on, l.words, l.word_bits"
            + " FROM listing_week l JOIN specialist_skill ss ON ss.user_id = l.user_id"
            + " JOIN skill_word sw ON sw.skill_id = ss.skill_id"
            + " WHERE <which> ON CONFLICT DO NOTHING";

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final int chunk;

    public ListingIndex(Jdbi jdbi, Clock clock, ZoneId zone) {
        this(jdbi, clock, zone, CHUNK);
    }

    ListingIndex(Jdbi jdbi, Clock clock, ZoneId zone, int chunk) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.chunk = chunk;
    }

    /**
     * The minutes a searchable specialist has left in a week, as SQL: {@code listing} names a row of
     * {@code specialist_listing}, {@code weekRow} their {@code specialist_week} row for {@code week} (outer-joined:
     * a week without a row offers what {@link CapacityDao#REFRESH_OFFERS} would give a fresh row, the default capped
     * by the permission valid that week).
     */
    public static String leftMinutes(String listing, String weekRow, String week) {
        return "COALESCE(" + weekRow + ".offered_minutes - " + weekRow + ".held_minutes - " + weekRow
                + ".booked_minutes, CASE WHEN " + listing + ".permission_expires_on > " + week + " THEN LEAST("
                + listing + ".default_minutes, " + listing + ".permission_cap_minutes) ELSE 0 END)";
    }

    /** The words of a normalised skill name, as search matches them. */
    public static List<String> words(String skillName) {
        return Arrays.stream(skillName.split(" ")).filter(word -> !word.isEmpty()).distinct().toList();
    }

    /**
     * The bit a word sets in the {@code word_bits} of the rows of specialists with a skill having it: one of 63 (2^0
     * to 2^62), by the word's hash (String's, which the Java language fixes, mixed). Rows built with another choice
     * would be wrong: changing it needs a migration that empties the index, as V11 does.
     */
    public static long bit(String word) {
        int hash = word.hashCode();
        hash ^= hash >>> 16;
        hash *= 0x45d9f3b;
        hash ^= hash >>> 16;
        return 1L << Integer.remainderUnsigned(hash, 63);
    }

    /** The bits of these words, each once (what a row of words carries in {@code word_bits}). */
    public static List<Long> bits(Collection<String> words) {
        return words.stream().map(ListingIndex::bit).distinct().toList();
    }

    /** Records the words of skills just added to the vocabulary (idempotent), by ID and normalised name. */
    static void addWords(Handle handle, Map<Long, String> skills) {
        var batch = handle.prepareBatch("INSERT INTO skill_word (skill_id, word, bit) VALUES (:skillId, :word, :bit)"
                + " ON CONFLICT DO NOTHING");
        skills.forEach((skillId, name) -> words(name).forEach(word -> batch.bind("skillId", skillId)
                .bind("word", word).bind("bit", bit(word)).add()));
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    /** Brings these specialists' rows up to date, in the caller's transaction. */
    public void refresh(Handle handle, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(userIds));
        replace(handle, Weeks.thisWeek(clock, zone), "user_id IN (<ids>)", "l.user_id IN (<ids>)",
                update -> update.bindList("ids", ids));
    }

    public void refresh(Handle handle, String userId) {
        refresh(handle, List.of(userId));
    }

    /** Brings a council's specialists' rows up to date (its status changed), in the caller's transaction. */
    public void refreshCouncil(Handle handle, long councilId) {
        replace(handle, Weeks.thisWeek(clock, zone),
                "council_id = :councilId OR user_id IN (SELECT m.user_id FROM member m WHERE m.council_id = :councilId)",
                "l.council_id = :councilId", update -> update.bind("councilId", councilId));
    }

    /** Refreshes the specialists of a council whose status changed, in the change's transaction. */
    public CouncilStatusListener councilStatusListener() {
        return (handle, change) -> refreshCouncil(handle, change.council().id());
    }

    /** What {@link #rebuild} did: the week it was built for, searchable specialist-weeks and word rows. */
    public record Rebuilt(LocalDate thisWeek, int weeks, int words) {}

    /**
     * Rebuilds every row for the current week and the next, {@link #CHUNK} specialists a transaction (so that changes
     * made meanwhile wait for one chunk at most, and searches read each specialist's rows either as they were or as
     * rebuilt), then vacuums them ({@link #vacuum}); first gives words to skills that have none (skills added by an
     * older version, or loaded in bulk).
     */
    public Rebuilt rebuild() {
        synchronized (REBUILDING) {
            return rebuildInChunks();
        }
    }

    private Rebuilt rebuildInChunks() {
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        jdbi.useTransaction(ListingIndex::addMissingWords);
        List<String> bounds = jdbi.withHandle(handle -> handle.createQuery("SELECT user_id FROM specialist"
                + " ORDER BY user_id").mapTo(String.class).list());
        int weeks = 0;
        int words = 0;
        for (int start = 0; start == 0 || start < bounds.size(); start += chunk) {
            String from = start == 0 ? null : bounds.get(start);
            String to = start + chunk < bounds.size() ? bounds.get(start + chunk) : null;
            int[] rows = jdbi.inTransaction(handle -> rebuildRange(handle, thisWeek, from, to));
            weeks += rows[0];
            words += rows[1];
        }
        jdbi.useTransaction(handle -> finish(handle, thisWeek));
        jdbi.useHandle(ListingIndex::vacuum);
        return new Rebuilt(thisWeek, weeks, words);
    }

    /**
     * On PostgreSQL, vacuums the rows just rebuilt (outside any transaction): until then every row replaced is a dead
     * row search must step over, and no new row is known to be visible to all, so search cannot answer from the index
     * alone. Measured at 100,000 profiles: rare 3-skill searches took 72–236 ms straight after a rebuild and 8–15 ms
     * after this (6 s); autovacuum would get there only later.
     */
    private static void vacuum(Handle handle) {
        if (Database.kindOf(handle) == Database.Kind.POSTGRESQL) {
            handle.execute("VACUUM (ANALYZE) listing_word, listing_week");
        }
    }

    /** {@link #rebuild()} in the caller's transaction, all at once. */
    public Rebuilt rebuild(Handle handle) {
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        addMissingWords(handle);
        int[] rows = rebuildRange(handle, thisWeek, null, null);
        finish(handle, thisWeek);
        return new Rebuilt(thisWeek, rows[0], rows[1]);
    }

    /**
     * Rebuilds the rows when they were built for an earlier week (a new week has begun since), and otherwise does
     * nothing; true when it rebuilt. Search calls it before reading the rows; the weekly reset rebuilds anyway.
     */
    public boolean ensureCurrent() {
        synchronized (REBUILDING) {
            if (Weeks.thisWeek(clock, zone).equals(builtFor())) {
                return false;
            }
            rebuildInChunks();
            return true;
        }
    }

    /** The week the rows were last built for; null before the first build. */
    public LocalDate builtFor() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT this_week FROM listing_index WHERE id = 1")
                .mapTo(LocalDate.class).findOne().orElse(null));
    }

    /** The rows of specialists with IDs from {@code from} (null: the first) up to {@code to} (null: the last). */
    private static int[] rebuildRange(Handle handle, LocalDate thisWeek, String from, String to) {
        String range = (from == null ? "1 = 1" : "<id> >= :from") + (to == null ? "" : " AND <id> < :to");
        return replace(handle, thisWeek, range.replace("<id>", "user_id"), range.replace("<id>", "l.user_id"),
                update -> {
                    if (from != null) {
                        update.bind("from", from);
                    }
                    if (to != null) {
                        update.bind("to", to);
                    }
                });
    }

    /**
     * Replaces the rows of the specialists {@code rows} selects (a condition on the index's own columns) by those
     * computed now for the specialists {@code listed} selects (the same ones, as a condition on {@code l}, a row of
     * {@code specialist_listing}); {@code parameters} binds what both name. The rows written: week rows, word rows.
     */
    private static int[] replace(Handle handle, LocalDate thisWeek, String rows, String listed,
                                 Consumer<Update> parameters) {
        for (String table : List.of("listing_word", "listing_week")) {
            Update delete = handle.createUpdate("DELETE FROM " + table + " WHERE " + rows);
            parameters.accept(delete);
            delete.execute();
        }
        Update weeks = weekRows(handle, listed, thisWeek);
        parameters.accept(weeks);
        Update words = handle.createUpdate(which(WORD_ROWS, listed));
        parameters.accept(words);
        return new int[] {weeks.execute(), words.execute()};
    }

    /** After a rebuild: the words' and the weeks' counts, and the week it was built for. */
    private void finish(Handle handle, LocalDate thisWeek) {
        handle.execute("DELETE FROM listing_word_count");
        handle.execute("INSERT INTO listing_word_count (word, week_start, specialists)"
                + " SELECT word, week_start, COUNT(*) FROM listing_word GROUP BY word, week_start");
        handle.execute("DELETE FROM listing_week_count");
        handle.execute("INSERT INTO listing_week_count (week_start, specialists)"
                + " SELECT week_start, COUNT(*) FROM listing_week GROUP BY week_start");
        handle.execute("DELETE FROM listing_index");
        handle.createUpdate("INSERT INTO listing_index (id, this_week, rebuilt_at) VALUES (1, :thisWeek, :now)")
                .bind("thisWeek", thisWeek).bind("now", OffsetDateTime.now(clock)).execute();
    }

    private static void addMissingWords(Handle handle) {
        Map<Long, String> skills = new LinkedHashMap<>();
        handle.createQuery("SELECT k.id, k.name FROM skill k"
                        + " WHERE NOT EXISTS (SELECT 1 FROM skill_word w WHERE w.skill_id = k.id)")
                .map((rs, ctx) -> skills.put(rs.getLong("id"), rs.getString("name"))).list();
        addWords(handle, skills);
    }

    /** A statement with its {@code <which>} condition written in (a condition may name a list parameter). */
    private static String which(String statement, String which) {
        return statement.replace("<which>", which);
    }

    private static Update weekRows(Handle handle, String which, LocalDate thisWeek) {
        return handle.createUpdate(which(WEEK_ROWS, which)).bind("never", NEVER_BOOKED)
                .bind("thisWeek", thisWeek).bind("nextWeek", thisWeek.plusWeeks(1));
    }
}
