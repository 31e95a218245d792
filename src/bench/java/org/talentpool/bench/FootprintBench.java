package org.talentpool.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.talentpool.config.PoolConfig;
import org.talentpool.persistence.Database;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.SlackClient;
import org.talentpool.testing.TestDatabase;

/**
 * (6) Footprint of the packaged service run as its own process, as {@code scripts/run} runs it
 * ({@code java -Dfile.encoding=UTF-8 -jar target/talent-pool.jar}): time from starting the process to
 * {@code GET /health} answering 200, on an empty database (migrations run) and on one holding the ack benchmark's
 * 20,000 specialists; resident memory (VmRSS from /proc) idle and at its highest under the ack benchmark's load.
 * The baseline is a process running bare Javalin from the same libraries with the same JVM options.
 */
final class FootprintBench {
    static final String NAME = "footprint";
    static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final BenchOptions options;
    private final Report report;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Measured bare;

    /** What one process measured: start-up seconds, idle RSS, highest RSS under load and the load's figures. */
    record Measured(double startSeconds, double idleMib, double loadedMib, LoadGenerator.Result load) {}

    FootprintBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    /** The bare Javalin process, measured once for all databases. */
    void runBaseline() throws Exception {
        // the service's logging configuration (its jar carries it): without one, Logback logs every Jetty event
        List<String> command = List.of(java(), "-Dfile.encoding=UTF-8",
                "-Dlogback.configurationFile=src/main/resources/logback.xml", "-cp",
                "target/bench-classes" + java.io.File.pathSeparator + "target/lib/*", BareServer.class.getName());
        try (FakeSlack slack = new FakeSlack(Clock.systemUTC())) {
            Started process = start("bare-javalin", command, Map.of());
            try {
                double idle = idle(process);
                SlackClient client = InProcessService.client(process.eventsUrl(), slack);
                Loaded loaded = underLoad(process, "bare Javalin process", random ->
                        client.command(PoolData.specialistId(1 + random.nextInt(options.ackSpecialists())),
                                "/available", "status").status() == 200);
                bare = new Measured(process.seconds(), idle, loaded.peakMib(), loaded.result());
            } finally {
                stop(process);
            }
        }
        report.line("[baseline] bare Javalin process: /health 200 after %.2f s; RSS idle %.0f MiB, under load %.0f MiB"
                + " (%s)", bare.startSeconds(), bare.idleMib(), bare.loadedMib(), bare.load().summary());
    }

    void run(TestDatabase.Kind kind) throws Exception {
        if (bare == null) {
            runBaseline();
        }
        String db = Databases.label(kind);
        Path h2Directory = options.output().resolve("footprint-h2-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        try (TestDatabase postgres = kind == TestDatabase.Kind.POSTGRESQL ? TestDatabase.create(kind) : null;
             FakeSlack slack = new FakeSlack(Clock.systemUTC())) {
            String url = postgres != null ? postgres.url() : "jdbc:h2:file:" + h2Directory.resolve("talentpool");
            List<String> command = List.of(java(), "-Dfile.encoding=UTF-8", "-jar", "target/talent-pool.jar");

            Started cold = start("service-" + slug(db) + "-empty", command, InProcessService.environment(slack, url,
                    "0"));
            stop(cold);

            PoolData.Seeded pool;
            try (Database seeding = Databases.openForSeeding(url)) {
                pool = new PoolData(seeding.jdbi(), Clock.systemUTC(), PoolConfig.DEFAULT_TIMEZONE)
                        .seed(PoolData.Scale.of(options.ackSpecialists()), 1, false); // no search is made here
                Databases.analyze(seeding.jdbi());
            }
            Started warm = start("service-" + slug(db) + "-seeded", command, InProcessService.environment(slack, url,
                    "0"));
            Measured service;
            try {
                double idle = idle(warm);
                SlackClient client = InProcessService.client(warm.eventsUrl(), slack);
                SlackClient.Reply check = client.command(pool.specialistIds().get(0), "/available", "status");
                if (check.status() != 200 || !check.body().contains("This week")) {
                    throw new IllegalStateException("/available status answered " + check.status() + ": "
                            + check.body());
                }
                Loaded loaded = underLoad(warm, "service process, " + db, random -> {
                    SlackClient.Reply reply = client.command(AckPathBench.anyone(pool, random), "/available", "status");
                    return reply.status() == 200 && reply.body().contains("This week");
                });
                service = new Measured(warm.seconds(), idle, loaded.peakMib(), loaded.result());
            } finally {
                stop(warm);
            }
            report.line("[%s] /health 200 after %.2f s on an empty database (migrations), %.2f s on %,d specialists"
                            + " = %.1f × bare Javalin (%.2f s)", db, cold.seconds(), service.startSeconds(),
                    pool.specialistIds().size(), service.startSeconds() / bare.startSeconds(), bare.startSeconds());
            report.line("[%s] RSS idle %.0f MiB = %.1f × bare (%.0f MiB); under the ack load %.0f MiB = %.1f × bare"
                            + " (%.0f MiB); load average %s", db, service.idleMib(), service.idleMib() / bare.idleMib(),
                    bare.idleMib(), service.loadedMib(), service.loadedMib() / bare.loadedMib(), bare.loadedMib(),
                    Machine.loadAverage());
            report.line("[%s] the ack load out of process: %s (bare process: %,.0f req/s, p99 %.1f ms)", db,
                    service.load().summary(), bare.load().perSecond(), bare.load().latencies().p99());
            report.figure(NAME, db, "start to /health 200, empty database", cold.seconds(), "s",
                    "bare Javalin process", bare.startSeconds(), "", "");
            report.figure(NAME, db, "start to /health 200, " + pool.specialistIds().size() + " specialists",
                    service.startSeconds(), "s", "bare Javalin process", bare.startSeconds(), "", "");
            report.figure(NAME, db, "RSS idle", service.idleMib(), "MiB", "bare Javalin process", bare.idleMib(), "", "");
            report.figure(NAME, db, "RSS under the ack load (highest)", service.loadedMib(), "MiB",
                    "bare Javalin process", bare.loadedMib(), "", "");
            report.figure(NAME, db, "/available status out of process", service.load().perSecond(), "req/s",
                    "bare Javalin process", bare.load().perSecond(), "", "");
        } finally {
            deleteRecursively(h2Directory);
        }
    }

    /** A started process, how long it took to answer /health with 200, and its port. */
    private record Started(Process process, double seconds, int port) {
        URI eventsUrl() {
            return URI.create("http://127.0.0.1:" + port + "/slack/events");
        }
    }

    private record Loaded(LoadGenerator.Result result, double peakMib) {}

    private Started start(String label, List<String> command, Map<String, String> environment) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(options.output().resolve("footprint-" + label + ".log").toFile());
        // Only the settings given here: none of the shell's Slack or database settings leak in.
        builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("DATABASE_")
                || name.startsWith("POOL_") || name.equals("PORT") || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        builder.environment().put("PORT", String.valueOf(port));
        long started = System.nanoTime();
        Process process = builder.start();
        URI health = URI.create("http://127.0.0.1:" + port + "/health");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(label + " exited with " + process.exitValue() + " before answering;"
                        + " see target/bench/footprint-" + label + ".log");
            }
            if (System.nanoTime() - started > START_TIMEOUT.toNanos()) {
                stop(new Started(process, 0, port));
                throw new IllegalStateException(label + " did not answer /health within " + START_TIMEOUT);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return new Started(process, (System.nanoTime() - started) / 1e9, port);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
    }

    private double idle(Started started) throws InterruptedException {
        Thread.sleep(SETTLE.toMillis());
        return Machine.residentMib(started.process().pid());
    }

    /** The ack load against a process, sampling its resident memory every 200 ms. */
    private Loaded underLoad(Started started, String label, LoadGenerator.Request request) throws Exception {
        long pid = started.process().pid();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong peakKib = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peakKib.accumulateAndGet((long) (Machine.residentMib(pid) * 1024), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try {
            // half of (1)'s window: the peak of resident memory, not latency, is measured here
            LoadGenerator.Result result = LoadGenerator.run(label, started.eventsUrl(), options.clients(),
                    options.warmUp(), options.window().dividedBy(2), request, null);
            return new Loaded(result, peakKib.get() / 1024.0);
        } finally {
            running.set(false);
            sampler.interrupt();
            sampler.join();
        }
    }

    /** SIGTERM (the service stops gracefully), then SIGKILL if it has not gone after 30 seconds. */
    private static void stop(Started started) throws InterruptedException {
        Process process = started.process();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String slug(String text) {
        return AckPathBench.slug(text);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
