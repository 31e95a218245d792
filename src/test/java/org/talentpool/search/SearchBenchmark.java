package org.talentpool.search;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.talentpool.persistence.Database;
import org.talentpool.testing.MutableClock;
import org.talentpool.testing.TestDatabase;

/**
 * Times {@code /find-expert} searches over many searchable profiles. Not a test (it prints figures and asserts
 * nothing); run it with the test classpath:
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.talentpool.search.SearchBenchmark postgresql 100000
 * </pre>
 *
 * It seeds 400 councils, {@code profiles} specialists with five skills each from a vocabulary of 3,000, an
 * approved permission each and this week's rows for half of them, then runs each search 20 times.
 */
public final class SearchBenchmark {
    private static final int COUNCILS = 400;
    private static final int VOCABULARY = 3000;
    private static final int SKILLS_EACH = 5;
    private static final String[] WORDS = {"gis", "python", "planning", "data", "housing", "highways", "user research",
        "enforcement", "drainage", "ecology", "procurement", "accessibility", "finance", "legal", "sql", "mapping"};

    private SearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        TestDatabase.Kind kind = TestDatabase.Kind.valueOf(args.length > 0 ? args[0].toUpperCase(Locale.ROOT) : "H2");
        int profiles = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        TestDatabase testDatabase = TestDatabase.create(kind);
        try (Database database = Database.open(testDatabase.url(), "", "", 4)) {
            long started = System.nanoTime();
            seed(database, profiles);
            System.out.printf("%s: seeded %,d profiles in %.1f s%n", kind, profiles,
                    (System.nanoTime() - started) / 1e9);
            ExpertSearch search = new ExpertSearch(database.jdbi(), clock, ExpertFixture.LONDON);
            ExpertSearch.Searcher searcher = new ExpertSearch.Searcher("USEARCHER", 1);
            for (String words : List.of("gis", "gis python", "user research", "planing", "skill2999", "data --next-week",
                    "zzyzx", "ecology mapping sql")) {
                SearchQuery query = ((SearchQuery.Parsed.Query) SearchQuery.parse(words)).query();
                List<Long> times = new ArrayList<>();
                ExpertSearch.Result result = null;
                for (int run = 0; run < 20; run++) {
                    long start = System.nanoTime();
                    result = search.search(searcher, query);
                    times.add((System.nanoTime() - start) / 1000);
                }
                long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
                String shown = result instanceof ExpertSearch.Result.Page page
                        ? page.experts().size() + " shown" + (page.more() ? ", more" : "") : "nobody";
                System.out.printf("%-24s median %6.1f ms  p95 %6.1f ms  (%s)%n", "\"" + words + "\"",
                        sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.95)] / 1000.0, shown);
            }
        } finally {
            if (Boolean.getBoolean("benchmark.keep")) {
                System.out.println("Kept the database at " + testDatabase.url());
            } else {
                testDatabase.close();
            }
        }
    }

    private static void seed(Database database, int profiles) throws Exception {
        Random random = new Random(42);
        Timestamp now = Timestamp.from(Instant.parse("2026-12-01T09:00:00Z"));
        LocalDate thisWeek = LocalDate.parse("2026-11-30");
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement council = connection.prepareStatement("INSERT INTO council (id, code, name, status,"
                    + " created_at, updated_at) VALUES (?, ?, ?, 'approved', ?, ?)")) {
                for (int id = 1; id <= COUNCILS; id++) {
                    council.setLong(1, id);
                    council.setString(2, "C" + id);
                    council.setString(3, "Council " + id);
                    council.setTimestamp(4, now);
                    council.setTimestamp(5, now);
                    council.addBatch();
                }
                council.executeBatch();
            }
            try (PreparedStatement skill = connection.prepareStatement("INSERT INTO skill (id, name, display_name,"
                    + " created_at) VALUES (?, ?, ?, ?)")) {
                for (int id = 0; id < VOCABULARY; id++) {
                    String name = id < WORDS.length ? WORDS[id] : "skill" + id;
                    skill.setLong(1, id + 1);
                    skill.setString(2, name);
                    skill.setString(3, name);
                    skill.setTimestamp(4, now);
                    skill.addBatch();
                }
                skill.executeBatch();
            }
            try (PreparedStatement member = connection.prepareStatement("INSERT INTO member (user_id, display_name,"
                    + " email_domain, council_id, refreshed_at) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement specialist = connection.prepareStatement("INSERT INTO specialist (user_id, job_title,"
                         + " bio, default_minutes, manager_id, paused, created_at, updated_at)"
                         + " VALUES (?, ?, ?, ?, 'UMANAGER', FALSE, ?, ?)");
                 PreparedStatement skills = connection.prepareStatement("INSERT INTO specialist_skill (user_id,"
                         + " skill_id) VALUES (?, ?)");
                 PreparedStatement permission = connection.prepareStatement("INSERT INTO permission (specialist_id,"
                         + " manager_id, cap_minutes, status, requested_at, decided_at, expires_on)"
                         + " VALUES (?, 'UMANAGER', ?, 'approved', ?, ?, ?)");
                 PreparedStatement week = connection.prepareStatement("INSERT INTO specialist_week (user_id,"
                         + " week_start, requested_minutes, offered_minutes, held_minutes, booked_minutes, overridden)"
                         + " VALUES (?, ?, ?, ?, ?, 0, FALSE)")) {
                for (int i = 0; i < profiles; i++) {
                    String user = "U" + i;
                    int minutes = 30 * (1 + random.nextInt(16));
                    member.setString(1, user);
                    member.setString(2, "Person " + i);
                    member.setString(3, "c" + i + ".gov.uk");
                    member.setLong(4, 1 + random.nextInt(COUNCILS));
                    member.setTimestamp(5, now);
                    member.addBatch();
                    specialist.setString(1, user);
                    specialist.setString(2, "Officer " + i);
                    specialist.setString(3, "I help councils with " + WORDS[random.nextInt(WORDS.length)]
                            + " and more; ten years in local government.");
                    specialist.setInt(4, minutes);
                    specialist.setTimestamp(5, now);
                    specialist.setTimestamp(6, now);
                    specialist.addBatch();
                    int[] chosen = random.ints(0, VOCABULARY).distinct().limit(SKILLS_EACH).toArray();
                    // Common skills are common: the first few words of the vocabulary appear often.
                    chosen[0] = random.nextInt(WORDS.length);
                    for (int skillId : Arrays.stream(chosen).distinct().toArray()) {
                        skills.setString(1, user);
                        skills.setLong(2, skillId + 1);
                        skills.addBatch();
                    }
                    permission.setString(1, user);
                    permission.setInt(2, minutes);
                    permission.setTimestamp(3, now);
                    permission.setTimestamp(4, now);
                    permission.setDate(5, Date.valueOf("2027-10-01"));
                    permission.addBatch();
                    if (i % 2 == 0) {
                        week.setString(1, user);
                        week.setDate(2, Date.valueOf(thisWeek));
                        week.setInt(3, minutes);
                        week.setInt(4, minutes);
                        week.setInt(5, random.nextBoolean() ? minutes : 0);
                        week.addBatch();
                    }
                    if (i % 2000 == 1999) {
                        for (PreparedStatement batch : List.of(member, specialist, skills, permission, week)) {
                            batch.executeBatch();
                        }
                        connection.commit();
                    }
                }
                for (PreparedStatement batch : List.of(member, specialist, skills, permission, week)) {
                    batch.executeBatch();
                }
                connection.commit();
            }
            if (database.kind() == Database.Kind.POSTGRESQL) {
                connection.setAutoCommit(true);
                try (var statement = connection.createStatement()) {
                    statement.execute("ANALYZE");
                }
            }
        }
    }
}
