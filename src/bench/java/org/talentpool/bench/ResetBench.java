package org.talentpool.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.availability.CapacityDao;
import org.talentpool.availability.WeeklyCapacity;
import org.talentpool.config.PoolConfig;
import org.talentpool.testing.TestDatabase;

/**
 * (3) The weekly reset at 100,000 specialists: {@link WeeklyCapacity#resetWeek} (two set-based statements) for a
 * week nobody has a row for yet (Monday's "next week") and for a week everybody has one (Monday's "this week"),
 * beside the per-row loop it replaced: one statement per specialist, in one transaction, through the same
 * {@link CapacityDao} statements narrowed to one specialist. Both must leave the same rows.
 */
final class ResetBench {
    static final String NAME = "reset";
    static final double TARGET_SECONDS = 2;
    private static final int REPEATS = 3;
    /** Before each reset of an existing week, the default of one specialist in so many changes. */
    static final int CHANGED_ONE_IN = 10;

    private final BenchOptions options;
    private final Report report;
    private final LargePools pools;

    ResetBench(BenchOptions options, Report report, LargePools pools) {
        this.options = options;
        this.report = report;
        this.pools = pools;
    }

    void run(TestDatabase.Kind kind) throws Exception {
        String db = Databases.label(kind);
        ZoneId zone = PoolConfig.DEFAULT_TIMEZONE;
        Clock clock = Clock.systemUTC();
        // the reset alone is measured: the listing index the weekly job rebuilds after it is timed by search
        LargePools.Large large = pools.get(kind);
        Jdbi jdbi = large.jdbi();
        PoolData.Seeded pool = large.seeded();
        report.line("[%s] %s; %s", db, Databases.version(jdbi, kind), pool.describe());
        report.line("[%s] %s", db, new PoolData(jdbi, clock, zone).skillSpread(pool.specialistIds().size()));
        SplittableRandom random = new SplittableRandom(5);
        report.line("[%s] search queries drawn the same way: %s; %s; %s", db,
                pool.skills().query(1, random), pool.skills().query(2, random), pool.skills().query(3, random));

        WeeklyCapacity capacity = new WeeklyCapacity(jdbi, clock, zone);
        LocalDate setBasedWeek = pool.thisWeek().plusWeeks(2);
        LocalDate perRowWeek = pool.thisWeek().plusWeeks(3);

        List<Timed<WeeklyCapacity.WeekReset>> resets = Profiler.profile(options, report,
                "reset-" + AckPathBench.slug(db), () -> {
                    List<Timed<WeeklyCapacity.WeekReset>> runs = new ArrayList<>();
                    for (int i = 0; i <= REPEATS; i++) {
                        if (i > 0) {
                            changeDefaults(jdbi, i);
                        }
                        runs.add(Timed.of(() -> capacity.resetWeek(setBasedWeek)));
                    }
                    return runs;
                });
        // The first run creates the week's rows; the others find them there.
        Timed<WeeklyCapacity.WeekReset> newWeek = resets.get(0);
        List<Double> existing = resets.subList(1, resets.size()).stream().map(Timed::seconds).toList();
        WeeklyCapacity.WeekReset again = resets.get(resets.size() - 1).value();
        String setBasedRows = checksum(jdbi, setBasedWeek);
        double existingSeconds = median(existing);

        Timed<Integer> perRowExisting = Timed.of(() -> perRow(jdbi, setBasedWeek, false));
        Timed<Integer> perRowNew = Timed.of(() -> perRow(jdbi, perRowWeek, true));
        String perRowRows = checksum(jdbi, perRowWeek);
        boolean same = setBasedRows.equals(perRowRows);

        report.line("[%s] new week (%d rows created): set-based %.2f s; per-row loop (one INSERT and"
                        + " one UPDATE per specialist) %.2f s = %.1f × slower; target ≤ %.0f s on PostgreSQL: %s",
                db, newWeek.value().created(), newWeek.seconds(),
                perRowNew.seconds(), perRowNew.seconds() / newWeek.seconds(), TARGET_SECONDS,
                verdict(kind, newWeek.seconds()));
        report.line("[%s] existing week (%,d rows, %,d changed: the defaults of 1 specialist in %d changed behind"
                        + " the model's back before each run; median of %d): set-based %.2f s; per-row loop (one"
                        + " UPDATE per specialist) %.2f s = %.1f × slower; target ≤ %.0f s on PostgreSQL: %s",
                db, pool.specialistIds().size(), again.changed(), CHANGED_ONE_IN, REPEATS, existingSeconds,
                perRowExisting.seconds(),
                perRowExisting.seconds() / existingSeconds, TARGET_SECONDS, verdict(kind, existingSeconds));
        report.line("[%s] same rows from both: %s (%s); load average %s", db, same ? "yes" : "NO", setBasedRows,
                Machine.loadAverage());
        report.figure(NAME, db, "resetWeek, new week, " + newWeek.value().created() + " specialists",
                newWeek.seconds(), "s", "per-row loop (INSERT + UPDATE each)", perRowNew.seconds(), "≤ 2 s (PostgreSQL)",
                verdict(kind, newWeek.seconds()));
        report.figure(NAME, db, "resetWeek, existing week, " + pool.specialistIds().size() + " specialists, "
                        + again.changed() + " changed", existingSeconds,
                "s", "per-row loop (UPDATE each)", perRowExisting.seconds(), "≤ 2 s (PostgreSQL)",
                verdict(kind, existingSeconds));
        report.figure(NAME, db, "same rows as the per-row loop", same ? 1 : 0, "bool", "", Double.NaN, "1",
                same ? "met" : "MISSED");
        if (kind == TestDatabase.Kind.POSTGRESQL) {
            Path plans = options.output().resolve("reset-explain-postgresql.txt");
            Files.writeString(plans, explain(jdbi, setBasedWeek, perRowWeek.plusWeeks(1)), StandardCharsets.UTF_8);
            report.line("[%s] query plans of the reset (EXPLAIN ANALYZE, rolled back): %s", db, plans);
        }
    }

    /**
     * The plans PostgreSQL ran the reset's statements with, as {@link WeeklyCapacity#resetWeek} runs them (refresh,
     * then insert, without the JIT compiler), for a week every specialist has a row for and for a new one; executed
     * and rolled back.
     */
    private static String explain(Jdbi jdbi, LocalDate existingWeek, LocalDate newWeek) {
        String refresh = CapacityDao.REFRESH_CHANGED_OFFERS;
        String insert = CapacityDao.INSERT_OFFERED_WEEK + " ON CONFLICT DO NOTHING";
        StringBuilder text = new StringBuilder();
        jdbi.useHandle(handle -> {
            handle.begin();
            WeeklyCapacity.withoutJit(handle);
            try {
                for (LocalDate week : List.of(existingWeek, newWeek)) {
                    for (String statement : List.of(refresh, insert)) {
                        text.append("-- week ").append(week).append(": ").append(statement).append("\n");
                        handle.createQuery("EXPLAIN (ANALYZE, BUFFERS) " + statement).bind("weekStart", week)
                                .mapTo(String.class).forEach(line -> text.append(line).append("\n"));
                        text.append("\n");
                    }
                }
            } finally {
                handle.rollback();
            }
        });
        return text.toString();
    }

    /**
     * Before each reset of a week every specialist has a row for: the defaults of one specialist in
     * {@link #CHANGED_ONE_IN} changed straight in the database (as no command does: every change refreshes the
     * weeks it touches), so that the reset has rows to bring up to date; a different one each run.
     */
    private static void changeDefaults(Jdbi jdbi, int run) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE specialist SET default_minutes = CASE"
                        + " WHEN default_minutes >= 2100 THEN 60 ELSE default_minutes + 60 END"
                        + " WHERE MOD(CAST(SUBSTRING(user_id, 2) AS INTEGER), :every) = :run")
                .bind("every", CHANGED_ONE_IN).bind("run", run).execute());
    }

    private static String verdict(TestDatabase.Kind kind, double seconds) {
        return kind == TestDatabase.Kind.POSTGRESQL ? Report.verdict(seconds, TARGET_SECONDS, false) : "no target";
    }

    /** The per-row baseline: every specialist's week one statement at a time (plus an INSERT for a new week). */
    private static int perRow(Jdbi jdbi, LocalDate week, boolean insert) {
        return jdbi.inTransaction(handle -> {
            CapacityDao weeks = handle.attach(CapacityDao.class);
            List<String> specialists = handle.createQuery("SELECT user_id FROM specialist ORDER BY user_id")
                    .mapTo(String.class).list();
            int changed = 0;
            for (String specialist : specialists) {
                if (insert) {
                    weeks.insertWeek(specialist, week);
                }
                changed += weeks.refreshOffers(specialist, week);
            }
            return changed;
        });
    }

    /** Rows, and the sums of requested, offered, held and booked minutes and overrides, of one week. */
    private static String checksum(Jdbi jdbi, LocalDate week) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) AS week_rows,"
                        + " SUM(requested_minutes) AS requested, SUM(offered_minutes) AS offered,"
                        + " SUM(held_minutes + booked_minutes) AS committed,"
                        + " SUM(CASE WHEN overridden THEN 1 ELSE 0 END) AS overrides"
                        + " FROM specialist_week WHERE week_start = :week")
                .bind("week", week)
                .map((rs, ctx) -> rs.getLong("week_rows") + " rows, " + rs.getLong("requested") + " min requested, "
                        + rs.getLong("offered") + " offered, " + rs.getLong("committed") + " committed, "
                        + rs.getLong("overrides") + " overridden")
                .one());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** A value and how long computing it took, in seconds. */
    record Timed<T>(T value, double seconds) {
        static <T> Timed<T> of(Supplier<T> work) {
            long started = System.nanoTime();
            T value = work.get();
            return new Timed<>(value, (System.nanoTime() - started) / 1e9);
        }
    }
}
