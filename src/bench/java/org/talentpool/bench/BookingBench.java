package org.talentpool.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.availability.Weeks;
import org.talentpool.booking.BookingBlocks;
import org.talentpool.booking.BookingForm;
import org.talentpool.booking.BookingModalIds;
import org.talentpool.config.PoolConfig;
import org.talentpool.persistence.Database;
import org.talentpool.testing.SlackClient;
import org.talentpool.testing.TestDatabase;

/**
 * (4) Booking contention: 200 members of other councils each click Book on one specialist who has three hours left
 * this week, then all submit the booking modal for an hour at the same moment, over signed HTTP, against the whole
 * service in this process (as {@code BookingConcurrencyTest}, at twice its size). Exactly three must get the
 * hours and the week must not be overbooked (asserted: the run fails otherwise). Beside it, in the same run, the
 * same 200 members submit at the same moment for 200 different specialists (no contention): the baseline.
 */
final class BookingBench {
    static final String NAME = "booking";
    static final int REQUESTERS = 200;
    static final int ROUNDS = 3;
    static final int HOURS_LEFT = 3;

    private final BenchOptions options;
    private final Report report;

    BookingBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    /** One round: every submission's latency, how many got hours, and the round's wall time. */
    record Round(long[] nanos, int winners, int refused, double seconds) {}

    void run(TestDatabase.Kind kind) throws Exception {
        String db = Databases.label(kind);
        ZoneId zone = PoolConfig.DEFAULT_TIMEZONE;
        Clock clock = Clock.systemUTC();
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        try (TestDatabase database = TestDatabase.create(kind)) {
            PoolData.Seeded pool;
            List<String> targets;
            try (Database seeding = Databases.openForSeeding(database.url())) {
                pool = new PoolData(seeding.jdbi(), clock, zone).seed(PoolData.Scale.of(options.ackSpecialists()), 4);
                // Requesters: specialists 1-200, members of councils 1-10 (20 to a manager, a manager's council each).
                targets = bookable(seeding.jdbi(), thisWeek, Weeks.today(clock, zone), ROUNDS * (REQUESTERS + 1));
                for (String target : targets.subList(0, ROUNDS)) {
                    lastHours(seeding.jdbi(), target, thisWeek);
                }
                Databases.analyze(seeding.jdbi());
                report.line("[%s] %s; %s", db, Databases.version(seeding.jdbi(), kind), pool.describe());
            }
            List<String> requesters = pool.specialistIds().subList(0, REQUESTERS);
            StringBuilder raw = new StringBuilder("round,kind,latency_ns\n");
            try (InProcessService service = new InProcessService(database.url());
                 Database open = Database.open(database.url(), "", "", 2)) {
                SlackClient client = InProcessService.client(service.eventsUrl(), service.slack());
                List<Round> contended = new ArrayList<>();
                List<Round> spread = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    String target = targets.get(round);
                    Round hot = round(client, requesters, i -> target, thisWeek, "c" + round);
                    checkNotOverbooked(open.jdbi(), target, thisWeek, hot);
                    contended.add(hot);
                    int offset = ROUNDS + round * REQUESTERS;
                    Round cold = round(client, requesters, i -> targets.get(offset + i), thisWeek, "s" + round);
                    spread.add(cold);
                    for (long nanos : hot.nanos()) {
                        raw.append(round).append(",one specialist,").append(nanos).append('\n');
                    }
                    for (long nanos : cold.nanos()) {
                        raw.append(round).append(",200 specialists,").append(nanos).append('\n');
                    }
                    report.line("[%s] round %d: one specialist: %d got hours, %d told none are left, %.2f s;"
                                    + " 200 specialists: %d got hours, %.2f s; load average %s", db, round + 1,
                            hot.winners(), hot.refused(), hot.seconds(), cold.winners(), cold.seconds(),
                            Machine.loadAverage());
                }
                print(db, contended, spread);
            }
            Files.writeString(options.output().resolve("booking-" + AckPathBench.slug(db) + ".csv"), raw,
                    StandardCharsets.UTF_8);
        }
    }

    private void print(String db, List<Round> contended, List<Round> spread) {
        Latencies hot = new Latencies(all(contended));
        Latencies cold = new Latencies(all(spread));
        double hotRate = ROUNDS * REQUESTERS / contended.stream().mapToDouble(Round::seconds).sum();
        double coldRate = ROUNDS * REQUESTERS / spread.stream().mapToDouble(Round::seconds).sum();
        int winners = contended.stream().mapToInt(Round::winners).sum();
        report.line("[%s] one specialist's last %d hours, %d submissions at once × %d rounds: %,.0f submissions/s"
                        + " = %.2f × no contention (%,.0f/s); %s = p99 %.2f × no contention (%s)", db, HOURS_LEFT,
                REQUESTERS, ROUNDS, hotRate, hotRate / coldRate, coldRate, hot.summary(), hot.p99() / cold.p99(),
                cold.summary());
        report.line("[%s] overbooking: none (%d bookings for %d × %d hours, asserted per round: bookings, held"
                + " minutes and the week's row)", db, winners, ROUNDS, HOURS_LEFT);
        String base = "200 submissions for 200 specialists";
        report.figure(NAME, db, "throughput, 200 submissions for one specialist", hotRate, "req/s", base, coldRate,
                "", "");
        report.figure(NAME, db, "p50", hot.p50(), "ms", base, cold.p50(), "", "");
        report.figure(NAME, db, "p99", hot.p99(), "ms", base, cold.p99(), "", "");
        report.figure(NAME, db, "overbooked rounds", 0, "rounds", "", Double.NaN, "0", "met");
    }

    private static long[] all(List<Round> rounds) {
        return rounds.stream().flatMapToLong(round -> java.util.Arrays.stream(round.nanos())).toArray();
    }

    /** Everyone clicks Book (one at a time), then all submit at once; each submission timed from the start signal. */
    private static Round round(SlackClient client, List<String> requesters,
                               java.util.function.IntFunction<String> specialistOf, LocalDate week, String tag)
            throws Exception {
        for (int i = 0; i < requesters.size(); i++) {
            SlackClient.Reply click = client.blockAction(requesters.get(i), BookingBlocks.BOOK,
                    specialistOf.apply(i) + "|" + week, "expert-" + specialistOf.apply(i), "1700000001.000300",
                    "C0GENERAL");
            if (click.status() != 200) {
                throw new IllegalStateException("Book answered " + click.status() + ": " + click.body());
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(requesters.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < requesters.size(); i++) {
                String user = requesters.get(i);
                String specialist = specialistOf.apply(i);
                futures.add(threads.submit(() -> {
                    start.await();
                    long started = System.nanoTime();
                    SlackClient.Reply reply = client.viewSubmission(user, BookingModalIds.REQUEST,
                            "V" + tag + user, specialist, SlackClient.values()
                                    .select(BookingForm.WEEK, BookingForm.WEEK, week.toString())
                                    .text(BookingForm.HOURS, BookingForm.HOURS, "1")
                                    .text(BookingForm.NEED, BookingForm.NEED, "Benchmark " + tag).build());
                    long took = System.nanoTime() - started;
                    if (reply.status() != 200) {
                        throw new IllegalStateException("Submission answered " + reply.status() + ": " + reply.body());
                    }
                    String action = reply.json().path("response_action").asText();
                    return new long[] {took, "update".equals(action) ? 1 : 0, "errors".equals(action) ? 1 : 0};
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            long[] nanos = new long[requesters.size()];
            int winners = 0;
            int refused = 0;
            for (int i = 0; i < futures.size(); i++) {
                long[] outcome = futures.get(i).get(120, TimeUnit.SECONDS);
                nanos[i] = outcome[0];
                winners += (int) outcome[1];
                refused += (int) outcome[2];
            }
            return new Round(nanos, winners, refused, (System.nanoTime() - started) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Zero overbooking, asserted: exactly the hours left were given, once each, and the week's row agrees. */
    private static void checkNotOverbooked(Jdbi jdbi, String specialist, LocalDate week, Round round) {
        long booked = jdbi.withHandle(handle -> handle.createQuery("SELECT COALESCE(SUM(minutes), 0) FROM booking"
                        + " WHERE specialist_id = :specialist AND week_start = :week AND status IN ('requested', 'accepted')")
                .bind("specialist", specialist).bind("week", week).mapTo(Long.class).one());
        String row = jdbi.withHandle(handle -> handle.createQuery("SELECT offered_minutes || ' offered, '"
                        + " || held_minutes || ' held, ' || booked_minutes || ' booked' FROM specialist_week"
                        + " WHERE user_id = :specialist AND week_start = :week")
                .bind("specialist", specialist).bind("week", week).mapTo(String.class).one());
        String expected = HOURS_LEFT * 60 + " offered, " + HOURS_LEFT * 60 + " held, 0 booked";
        if (round.winners() != HOURS_LEFT || round.refused() != REQUESTERS - HOURS_LEFT || booked != HOURS_LEFT * 60
                || !row.equals(expected)) {
            throw new AssertionError("Overbooked or lost: " + round.winners() + " got hours, " + round.refused()
                    + " refused, " + booked + " minutes in bookings, week row " + row + " (expected " + expected + ")");
        }
    }

    /** Listed specialists of councils other than the requesters' (1-10) with an hour left this week. */
    private static List<String> bookable(Jdbi jdbi, LocalDate week, LocalDate today, int count) {
        List<String> found = jdbi.withHandle(handle -> handle.createQuery("SELECT l.user_id FROM specialist_listing l"
                        + " JOIN specialist_week w ON w.user_id = l.user_id AND w.week_start = :week"
                        + " WHERE l.council_id > 10 AND l.permission_expires_on > :today"
                        + " AND w.offered_minutes - w.held_minutes - w.booked_minutes >= 60 ORDER BY l.user_id LIMIT :count")
                .bind("week", week).bind("today", today).bind("count", count).mapTo(String.class).list());
        if (found.size() < count) {
            throw new IllegalStateException("Only " + found.size() + " bookable specialists; need " + count);
        }
        return found;
    }

    /** Leaves the specialist exactly {@link #HOURS_LEFT} hours this week, none held or booked. */
    private static void lastHours(Jdbi jdbi, String specialist, LocalDate week) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE specialist_week SET requested_minutes = :minutes,"
                        + " offered_minutes = :minutes, held_minutes = 0, booked_minutes = 0, overridden = TRUE"
                        + " WHERE user_id = :specialist AND week_start = :week")
                .bind("minutes", HOURS_LEFT * 60).bind("specialist", specialist).bind("week", week).execute());
    }
}
