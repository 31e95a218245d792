package org.talentpool.bench;

import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.talentpool.testing.TestDatabase;

/**
 * {@code scripts/bench}: runs the benchmarks asked for (all by default) on H2 and PostgreSQL, prints every figure
 * beside a baseline measured in the same run, and writes the report and raw output under {@code target/bench/}.
 * Benchmarks print; they never fail on a time. A benchmark that cannot run is reported and the others go on; the
 * exit status is 1 when any did not run.
 */
public final class Bench {
    private Bench() {}

    /** A benchmark on one database. */
    @FunctionalInterface
    private interface PerDatabase {
        void run(TestDatabase.Kind kind) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
                System.out.println(BenchOptions.USAGE);
                return;
            }
            options = BenchOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("scripts/bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Files.createDirectories(options.output());
        Report report = new Report(System.out);
        long started = System.nanoTime();
        List<TestDatabase.Kind> kinds = Databases.kinds(options.databases());

        report.line("Talent Pool benchmarks, %s", OffsetDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).substring(0, 19) + "Z");
        report.line("commit    %s", System.getProperty("bench.commit", "unknown"));
        report.line("command   %s", options.command());
        report.line("machine   %s", Machine.describe());
        report.line("databases %s", kinds.stream().map(Databases::label).toList());
        report.line("load      %s (1, 5, 15 min) at start; other work shares this machine, so figures are noisy:"
                + " compare the ratios to same-run baselines", Machine.loadAverage());
        report.line("scale     %,d specialists (ack, booking, footprint), %,d (search, reset); %d clients for %d s after %d s warm-up;"
                        + " %,d DMs at %.0f/s", options.ackSpecialists(), options.largeSpecialists(), options.clients(),
                options.window().toSeconds(), options.warmUp().toSeconds(), options.outboxMessages(),
                options.outboxRate());

        boolean allRan = true;
        if (options.benchmarks().contains("ack")) {
            report.section("1. Slack acknowledgement path: signed slash commands, " + options.clients()
                    + " concurrent clients, " + options.window().toSeconds() + " s, whole service in process");
            allRan &= each(report, kinds, new AckPathBench(options, report)::run);
        }
        // search and reset share one generated pool a database; each database's pool is dropped before the next
        // database's is made, so that no database is measured beside another's pool held in this process (H2's, in
        // memory, made the collector's pauses 57-308 ms while PostgreSQL's searches were measured)
        boolean search = options.benchmarks().contains("search");
        boolean reset = options.benchmarks().contains("reset");
        for (TestDatabase.Kind kind : search || reset ? kinds : List.<TestDatabase.Kind>of()) {
            try (LargePools pools = new LargePools(options.largeSpecialists(), search)) {
                if (search) {
                    report.section("2. Search at " + String.format("%,d", options.largeSpecialists())
                            + " profiles (ExpertSearch, as /find-expert), beside a LIKE '%skill%' scan: "
                            + Databases.label(kind));
                    allRan &= each(report, List.of(kind), new SearchBench(options, report, pools)::run);
                }
                if (reset) {
                    report.section("3. Weekly reset at " + String.format("%,d", options.largeSpecialists())
                            + " specialists" + (search ? ", the pool search used" : "") + ": "
                            + Databases.label(kind));
                    allRan &= each(report, List.of(kind), new ResetBench(options, report, pools)::run);
                }
            }
        }
        if (options.benchmarks().contains("booking")) {
            report.section("4. Booking contention: 200 concurrent booking submissions over signed HTTP for one"
                    + " specialist's last hours, " + String.format("%,d", options.ackSpecialists()) + " specialists");
            allRan &= each(report, kinds, new BookingBench(options, report)::run);
        }
        if (options.benchmarks().contains("outbox")) {
            report.section("5. Outbox fan-out: " + String.format("%,d", options.outboxMessages())
                    + " DMs through a fake Slack allowing " + (int) options.outboxRate() + " chat.postMessage a second");
            allRan &= each(report, kinds, new OutboxBench(options, report)::run);
        }
        if (options.benchmarks().contains("footprint")) {
            report.section("6. Footprint: the packaged jar as its own process");
            allRan &= each(report, kinds, new FootprintBench(options, report)::run);
        }

        report.section("Done");
        report.line("%.1f minutes; load average %s at the end", (System.nanoTime() - started) / 60e9,
                Machine.loadAverage());
        report.line("raw output: %s/ (report.txt, results.csv, per-request CSVs, process logs)", options.output());
        report.write(options.output());
        if (!allRan) {
            System.exit(1);
        }
    }

    private static boolean each(Report report, List<TestDatabase.Kind> kinds, PerDatabase benchmark) {
        boolean ran = true;
        for (TestDatabase.Kind kind : kinds) {
            long started = System.nanoTime();
            try {
                benchmark.run(kind);
            } catch (Exception | AssertionError e) {
                ran = false;
                report.line("[%s] DID NOT RUN: %s", Databases.label(kind), e);
                e.printStackTrace(System.err);
            }
            report.line("[%s] (%.0f s)", Databases.label(kind), (System.nanoTime() - started) / 1e9);
        }
        return ran;
    }
}
