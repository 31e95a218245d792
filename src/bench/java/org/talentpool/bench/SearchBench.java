package org.talentpool.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.availability.Weeks;
import org.talentpool.config.PoolConfig;
import org.talentpool.search.ExpertSearch;
import org.talentpool.search.SearchPlans;
import org.talentpool.search.SearchQuery;
import org.talentpool.testing.TestDatabase;

/**
 * (2) Search at 100,000 profiles: {@link ExpertSearch#search} (what {@code /find-expert} runs, first page) for 1-,
 * 2- and 3-skill queries of common and of rare skills, each query timed beside a naive baseline run with the same
 * words in the same run: a {@code LIKE '%word%'} scan of a denormalised skills column (one row a specialist with
 * all their skill names, built for the baseline), ranked by words matched. The baseline does less than the search
 * (no listing, hours or fairness), so the ratio flatters the baseline. On PostgreSQL the plan of the ranked query.
 */
final class SearchBench {
    static final String NAME = "search";
    static final double TARGET_P99_MS = 20;
    static final double TARGET_SPEED_UP = 10;
    /** The skills a "common" query draws from: the head of the long tail. */
    static final int COMMON_RANKS = 30;
    /** A "rare" query draws from skills ranked from here on (each held by well under 0.5 % of profiles). */
    static final int RARE_FROM_RANK = 300;
    /**
     * Queries run, search and baseline, before measuring: enough for the JIT to compile both (with 10, a run of
     * search alone measured 1-skill searches 30–80 % slower than the full run, where (1) has warmed the JVM first).
     */
    private static final int WARM_UP = 60;
    private static final int SAMPLES = 30;

    private final BenchOptions options;
    private final Report report;
    private final LargePools pools;

    SearchBench(BenchOptions options, Report report, LargePools pools) {
        this.options = options;
        this.report = report;
        this.pools = pools;
    }

    /** One kind of query: how many skills, drawn from the common head or the rare tail. */
    record Shape(int skills, boolean common) {
        String label() {
            return skills + "-skill " + (common ? "common" : "rare");
        }
    }

    void run(TestDatabase.Kind kind) throws Exception {
        String db = Databases.label(kind);
        ZoneId zone = PoolConfig.DEFAULT_TIMEZONE;
        Clock clock = Clock.systemUTC();
        LargePools.Large large = pools.get(kind);
        Jdbi jdbi = large.jdbi();
        PoolData.Seeded pool = large.seeded();
        buildBaselineColumn(jdbi);
        report.line("[%s] %s; %s", db, Databases.version(jdbi, kind), pool.describe());
        report.line("[%s] %s", db, new PoolData(jdbi, clock, zone).skillSpread(pool.specialistIds().size()));

        ExpertSearch search = new ExpertSearch(jdbi, clock, zone);
        // A member of council 1 searches, as /find-expert does after the membership gate.
        ExpertSearch.Searcher searcher = new ExpertSearch.Searcher(PoolData.specialistId(1), councilOf(jdbi,
                PoolData.specialistId(1)));
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < WARM_UP; i++) {
            SearchQuery query = query(pool.skills(), new Shape(1 + i % 3, i % 2 == 0), random);
            search.search(searcher, query);
            baseline(jdbi, query);
        }
        List<Shape> shapes = List.of(new Shape(1, true), new Shape(1, false), new Shape(2, true),
                new Shape(2, false), new Shape(3, true), new Shape(3, false));
        StringBuilder raw = new StringBuilder("shape,query,search_ns,baseline_ns,result\n");
        Profiler.profile(options, report, "search-" + AckPathBench.slug(db), () -> {
            for (Shape shape : shapes) {
                long[] searchNanos = new long[SAMPLES];
                long[] baselineNanos = new long[SAMPLES];
                int found = 0;
                for (int i = 0; i < SAMPLES; i++) {
                    SearchQuery query = query(pool.skills(), shape, random);
                    long started = System.nanoTime();
                    ExpertSearch.Result result = search.search(searcher, query);
                    searchNanos[i] = System.nanoTime() - started;
                    started = System.nanoTime();
                    baseline(jdbi, query);
                    baselineNanos[i] = System.nanoTime() - started;
                    String outcome = result instanceof ExpertSearch.Result.Page page
                            ? page.experts().size() + " shown" : "nobody";
                    found += result instanceof ExpertSearch.Result.Page ? 1 : 0;
                    raw.append(String.join(",", shape.label(), "\"" + query.words() + "\"",
                            String.valueOf(searchNanos[i]), String.valueOf(baselineNanos[i]), outcome)).append('\n');
                }
                print(db, shape, new Latencies(searchNanos), new Latencies(baselineNanos), found);
            }
            return null;
        });
        Files.writeString(options.output().resolve("search-" + AckPathBench.slug(db) + ".csv"), raw,
                StandardCharsets.UTF_8);
        report.line("[%s] load average %s", db, Machine.loadAverage());
        if (kind == TestDatabase.Kind.POSTGRESQL) {
            Path plans = options.output().resolve("search-explain-postgresql.txt");
            LocalDate thisWeek = Weeks.thisWeek(clock, zone);
            LocalDate today = Weeks.today(clock, zone);
            StringBuilder text = new StringBuilder();
            SplittableRandom planned = new SplittableRandom(11);
            for (Shape shape : List.of(new Shape(2, true), new Shape(2, false))) {
                text.append("-- ").append(shape.label()).append('\n').append(SearchPlans.explain(jdbi,
                        query(pool.skills(), shape, planned), searcher, thisWeek, today)).append('\n');
            }
            Files.writeString(plans, text, StandardCharsets.UTF_8);
            report.line("[%s] plans of the ranked query (EXPLAIN (ANALYZE, BUFFERS), rolled back): %s", db, plans);
            text.toString().lines().filter(line -> line.startsWith("--") || line.contains("Execution Time")
                    || line.contains("Planning Time")).forEach(line -> report.line("[%s]   %s", db, line.strip()));
        }
    }

    private void print(String db, Shape shape, Latencies search, Latencies baseline, int found) {
        double p99 = search.p99();
        double speedUp = baseline.p50() / search.p50();
        String p99Verdict = Report.verdict(p99, TARGET_P99_MS, false);
        String speedVerdict = Report.verdict(speedUp, TARGET_SPEED_UP, true);
        report.line("[%s] %-16s ExpertSearch p50 %.1f ms, p99 %.1f ms; LIKE scan p50 %.1f ms, p99 %.1f ms;"
                        + " search/baseline p50 %.2f (%.1f × faster), p99 %.2f; %d of %d found someone;"
                        + " target p99 ≤ %.0f ms: %s, ≥ %.0f× faster: %s", db, shape.label() + ":", search.p50(), p99,
                baseline.p50(), baseline.p99(), search.p50() / baseline.p50(), speedUp, p99 / baseline.p99(), found,
                search.count(), TARGET_P99_MS, p99Verdict, TARGET_SPEED_UP, speedVerdict);
        String base = "LIKE '%word%' scan of a skills column";
        report.figure(NAME, db, shape.label() + " p50", search.p50(), "ms", base, baseline.p50(), "", "");
        report.figure(NAME, db, shape.label() + " p99", p99, "ms", base, baseline.p99(), "≤ 20 ms", p99Verdict);
        report.figure(NAME, db, shape.label() + " speed-up at p50", speedUp, "×", "", Double.NaN, "≥ 10×",
                speedVerdict);
    }

    /**
     * A query of {@code shape.skills()} different skills, as typed: display names separated by commas; drawn again
     * when the names have more words than a search allows ({@link SearchQuery#MAX_TERMS}).
     */
    static SearchQuery query(SkillCatalogue skills, Shape shape, SplittableRandom random) {
        while (true) {
            Set<String> names = new LinkedHashSet<>();
            while (names.size() < shape.skills()) {
                int rank = shape.common() ? random.nextInt(COMMON_RANKS)
                        : RARE_FROM_RANK + random.nextInt(skills.size() - RARE_FROM_RANK);
                names.add(skills.displayNames().get(rank));
            }
            if (SearchQuery.parse(String.join(", ", names)) instanceof SearchQuery.Parsed.Query parsed) {
                return parsed.query();
            }
        }
    }

    /** The baseline's denormalised column: every specialist's skill names in one lower-case string. */
    private static void buildBaselineColumn(Jdbi jdbi) {
        jdbi.useHandle(handle -> handle.execute("CREATE TABLE bench_skill_text AS SELECT ss.user_id,"
                + " ' ' || LOWER(STRING_AGG(k.name, ' | ')) || ' ' AS skills FROM specialist_skill ss"
                + " JOIN skill k ON k.id = ss.skill_id GROUP BY ss.user_id"));
    }

    /** The naive search: every row's skills column scanned with LIKE for each word, best overlap first. */
    private static List<String> baseline(Jdbi jdbi, SearchQuery query) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < query.terms().size(); i++) {
            conditions.add("b.skills LIKE :w" + i);
        }
        String overlap = String.join(" + ", conditions.stream().map(c -> "CASE WHEN " + c + " THEN 1 ELSE 0 END")
                .toList());
        return jdbi.withHandle(handle -> {
            var statement = handle.createQuery("SELECT b.user_id FROM bench_skill_text b WHERE "
                    + String.join(" OR ", conditions) + " ORDER BY " + overlap + " DESC, b.user_id LIMIT :limit");
            for (int i = 0; i < query.terms().size(); i++) {
                statement.bind("w" + i, "%" + query.terms().get(i) + "%");
            }
            return statement.bind("limit", ExpertSearch.PAGE_SIZE + 1).mapTo(String.class).list();
        });
    }

    private static long councilOf(Jdbi jdbi, String userId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT council_id FROM member WHERE user_id = :user")
                .bind("user", userId).mapTo(Long.class).one());
    }
}
