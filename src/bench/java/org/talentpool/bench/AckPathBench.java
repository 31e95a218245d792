package org.talentpool.bench;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.talentpool.config.PoolConfig;
import org.talentpool.persistence.Database;
import org.talentpool.search.SearchFeature;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.SlackClient;
import org.talentpool.testing.TestDatabase;

/**
 * (1) The Slack acknowledgement path: signed slash commands over HTTP from concurrent clients against the whole
 * service in this process, over a pool of 20,000 specialists, beside a bare Javalin endpoint in the same process
 * answering the same signed requests with 200 (the ceiling of this machine, HTTP stack and load generator).
 */
final class AckPathBench {
    static final String NAME = "ack";
    static final double TARGET_P99_MS = 100;
    static final double TARGET_PER_SECOND = 200;

    /**
     * A slash command measured on the acknowledgement path, a piece of text its every answer contains, and whether it
     * is also measured paced at the target rate.
     */
    record Command(String label, String command, Function<SplittableRandom, String> text, String expected,
                   boolean paced) {}

    /**
     * The commands measured, each for a whole window. {@code /find-expert} acknowledges at once (an empty 200) and
     * posts its results to the {@code response_url} from the work executor, so what is timed here is the
     * acknowledgement while the searches run beside it on the same cores; its two skills are drawn with the pool's
     * long-tail weights ({@link SkillCatalogue#query}). Once {@link SearchFeature#BUSY as many searches as it queues}
     * are waiting, it answers at once that it is busy: how many it answered so is counted and printed.
     */
    static List<Command> commands(PoolData.Seeded pool) {
        return List.of(new Command("/available status", "/available", random -> "status", "This week", true),
                new Command("/find-expert <two skills>", "/find-expert",
                        random -> String.join(", ", pool.skills().query(2, random)), "", true));
    }

    private final BenchOptions options;
    private final Report report;
    /** The bare endpoint's figures, measured in this run's first pass (any database) and used for both. */
    private LoadGenerator.Result ceiling;
    private LoadGenerator.Result pacedCeiling;

    AckPathBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    void run(TestDatabase.Kind kind) throws Exception {
        String db = Databases.label(kind);
        try (TestDatabase database = TestDatabase.create(kind)) {
            PoolData.Seeded pool;
            try (Database seeding = Databases.openForSeeding(database.url())) {
                PoolData data = new PoolData(seeding.jdbi(), Clock.systemUTC(), PoolConfig.DEFAULT_TIMEZONE);
                pool = data.seed(PoolData.Scale.of(options.ackSpecialists()), 1);
                Databases.analyze(seeding.jdbi());
                report.line("[%s] %s; %s", db, Databases.version(seeding.jdbi(), kind), pool.describe());
            }
            try (InProcessService service = new InProcessService(database.url());
                 BareEndpoint bare = new BareEndpoint()) {
                SlackClient bareClient = InProcessService.client(bare.eventsUrl(), service.slack());
                SlackClient serviceClient = InProcessService.client(service.eventsUrl(), service.slack());
                LoadGenerator.Request bareRequest = random ->
                        bareClient.command(anyone(pool, random), "/available", "status").status() == 200;
                if (ceiling == null) {
                    // once a run: the ceiling does not depend on the database
                    ceiling = load(db, "bare Javalin 200", bare.eventsUrl(), 0, bareRequest, "ack-bare.csv");
                    pacedCeiling = load(db, "bare Javalin 200, paced", bare.eventsUrl(), TARGET_PER_SECOND,
                            bareRequest, "ack-bare-paced.csv");
                }
                for (Command command : commands(pool)) {
                    check(serviceClient, service.slack(), pool, command);
                    LongAdder sent = new LongAdder();
                    LongAdder busy = new LongAdder();
                    LoadGenerator.Request request = random -> {
                        sent.increment();
                        SlackClient.Reply reply = serviceClient.command(anyone(pool, random), command.command(),
                                command.text().apply(random));
                        if (reply.body().contains(SearchFeature.BUSY)) {
                            busy.increment();
                        }
                        return reply.status() == 200 && reply.body().contains(command.expected());
                    };
                    String name = "ack-" + slug(db) + "-" + slug(command.label());
                    LoadGenerator.Result measured = Profiler.profile(options, report, name,
                            () -> load(db, command.label(), service.eventsUrl(), 0, request, name + ".csv"));
                    long busyClosed = busy.sumThenReset();
                    long sentClosed = sent.sumThenReset();
                    LoadGenerator.Result paced = command.paced() ? load(db, command.label() + ", paced",
                            service.eventsUrl(), TARGET_PER_SECOND, request, name + "-paced.csv") : null;
                    print(db, command.label(), measured, ceiling, paced, pacedCeiling);
                    if (command.command().equals("/find-expert")) {
                        printBusy(db, command.label(), busyClosed, sentClosed, busy.sum(), sent.sum());
                    }
                }
            }
        }
    }

    /**
     * A closed-loop run, or with {@code perSecond} above zero a paced one for a third of the window, with a second's
     * warm-up (it follows a closed-loop run of the same requests).
     */
    private LoadGenerator.Result load(String db, String label, URI target, double perSecond,
                                      LoadGenerator.Request request, String rawFile) throws Exception {
        LoadGenerator.Result result = LoadGenerator.run(label, target, options.clients(), perSecond,
                perSecond > 0 ? Duration.ofSeconds(1) : options.warmUp(),
                perSecond > 0 ? options.window().dividedBy(3) : options.window(), request,
                options.output().resolve(rawFile));
        report.line("[%s] %-33s %s, process CPU %.2f ms a request; load average %s", db, label + ":",
                result.summary(), result.cpuMillisPerRequest(), Machine.loadAverage());
        if (result.firstError() != null) {
            report.line("[%s]   first error: %s", db, result.firstError());
        }
        return result;
    }

    private void print(String db, String label, LoadGenerator.Result measured, LoadGenerator.Result ceiling,
                       LoadGenerator.Result paced, LoadGenerator.Result pacedCeiling) {
        double perSecond = measured.perSecond();
        double p99 = measured.latencies().p99();
        double pacedP99 = paced == null ? Double.NaN : paced.latencies().p99();
        String rateVerdict = Report.verdict(perSecond, TARGET_PER_SECOND, true);
        String p99Verdict = Report.verdict(p99, TARGET_P99_MS, false);
        String pacedVerdict = paced == null ? "" : Report.verdict(pacedP99, TARGET_P99_MS, false);
        report.line("[%s] %s, closed loop: %,.0f commands/s = %.3f × bare Javalin (%,.0f/s), target ≥ %.0f/s: %s",
                db, label, perSecond, perSecond / ceiling.perSecond(), ceiling.perSecond(), TARGET_PER_SECOND,
                rateVerdict);
        report.line("[%s] %s, closed loop: p50 %.1f ms, p99 %.1f ms = %.1f × bare (%.1f ms), max %.0f ms;"
                        + " target p99 < %.0f ms: %s", db, label, measured.latencies().p50(), p99,
                p99 / ceiling.latencies().p99(), ceiling.latencies().p99(), measured.latencies().maxMillis(),
                TARGET_P99_MS, p99Verdict);
        if (paced != null) {
            report.line("[%s] %s, paced at %.0f/s: p50 %.1f ms, p99 %.1f ms = %.1f × bare paced (%.1f ms), max %.0f"
                            + " ms; target p99 < %.0f ms: %s", db, label, TARGET_PER_SECOND, paced.latencies().p50(),
                    pacedP99, pacedP99 / pacedCeiling.latencies().p99(), pacedCeiling.latencies().p99(),
                    paced.latencies().maxMillis(), TARGET_P99_MS, pacedVerdict);
        }
        long errors = measured.errors() + (paced == null ? 0 : paced.errors());
        report.line("[%s] %s: process CPU %.2f ms a command = %.1f × bare (%.2f ms; load generator included);"
                        + " %d errors", db, label, measured.cpuMillisPerRequest(),
                measured.cpuMillisPerRequest() / ceiling.cpuMillisPerRequest(), ceiling.cpuMillisPerRequest(),
                errors);
        String clients = options.clients() + " clients";
        String bare = "bare Javalin 200";
        report.figure(NAME, db, label + " throughput, closed loop (" + clients + ")", perSecond, "req/s", bare,
                ceiling.perSecond(), "≥ 200/s", rateVerdict);
        report.figure(NAME, db, label + " p50, closed loop", measured.latencies().p50(), "ms", bare,
                ceiling.latencies().p50(), "", "");
        report.figure(NAME, db, label + " p99, closed loop", p99, "ms", bare, ceiling.latencies().p99(),
                "< 100 ms", p99Verdict);
        report.figure(NAME, db, label + " max, closed loop", measured.latencies().maxMillis(), "ms", bare,
                ceiling.latencies().maxMillis(), "", "");
        if (paced != null) {
            report.figure(NAME, db, label + " p50, paced at 200/s", paced.latencies().p50(), "ms",
                    bare + ", paced", pacedCeiling.latencies().p50(), "", "");
            report.figure(NAME, db, label + " p99, paced at 200/s", pacedP99, "ms", bare + ", paced",
                    pacedCeiling.latencies().p99(), "< 100 ms", pacedVerdict);
            report.figure(NAME, db, label + " max, paced at 200/s", paced.latencies().maxMillis(), "ms",
                    bare + ", paced", pacedCeiling.latencies().maxMillis(), "", "");
        }
        report.figure(NAME, db, label + " process CPU a command", measured.cpuMillisPerRequest(), "ms", bare,
                ceiling.cpuMillisPerRequest(), "", "");
        report.figure(NAME, db, label + " errors", errors, "requests", "", Double.NaN, "0",
                errors == 0 ? "met" : "MISSED");
    }

    /**
     * How many searches were answered "busy" at once rather than queued, of those sent (warm-up included), closed loop
     * and paced: under the closed loop, acknowledged far faster than they run, most are.
     */
    private void printBusy(String db, String label, long busyClosed, long sentClosed, long busyPaced,
                           long sentPaced) {
        report.line("[%s] %s: answered busy (as many searches waiting as it queues), closed loop %,d of %,d sent"
                + " (warm-up included); paced %,d of %,d", db, label, busyClosed, sentClosed, busyPaced, sentPaced);
        report.figure(NAME, db, label + " answered busy, closed loop", busyClosed, "commands", "sent",
                sentClosed, "", "");
        report.figure(NAME, db, label + " answered busy, paced at 200/s", busyPaced, "commands", "sent",
                sentPaced, "0", busyPaced == 0 ? "met" : "MISSED");
    }

    /**
     * One request before measuring, so a wrong answer stops the run instead of being timed; a command answering on
     * its response_url (an empty acknowledgement) must post search results there within 30 s.
     */
    private static void check(SlackClient client, FakeSlack slack, PoolData.Seeded pool, Command command)
            throws InterruptedException {
        SlackClient.Reply reply = client.command(pool.specialistIds().get(0), command.command(),
                command.text().apply(new SplittableRandom(1)));
        if (reply.status() != 200 || !reply.body().contains(command.expected())) {
            throw new IllegalStateException(command.label() + " answered " + reply.status() + ": " + reply.body());
        }
        if (!command.expected().isEmpty()) {
            return;
        }
        String id = reply.responseUrl().substring(reply.responseUrl().lastIndexOf('/') + 1);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (FakeSlack.ResponsePost post : slack.responsePosts()) {
                String text = post.body().toString();
                if (post.id().equals(id) && (text.contains("Specialists for") || text.contains("Nobody at another"))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(command.label() + " posted no results to its response_url: "
                + slack.responsePosts());
    }

    static String anyone(PoolData.Seeded pool, SplittableRandom random) {
        return pool.specialistIds().get(random.nextInt(pool.specialistIds().size()));
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** A bare Javalin endpoint in this process that answers every POST with 200 and nothing else. */
    static final class BareEndpoint implements AutoCloseable {
        private final Javalin javalin;

        BareEndpoint() {
            javalin = Javalin.create(config -> config.showJavalinBanner = false)
                    .post("/slack/events", ctx -> ctx.status(200))
                    .start("127.0.0.1", 0);
        }

        URI eventsUrl() {
            return URI.create("http://127.0.0.1:" + javalin.port() + "/slack/events");
        }

        @Override
        public void close() {
            javalin.stop();
        }
    }
}
