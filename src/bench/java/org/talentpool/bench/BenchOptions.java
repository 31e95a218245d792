package org.talentpool.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What to run and at what scale: benchmark names and {@code --option=value} settings from the command line. */
record BenchOptions(
        Set<String> benchmarks,
        List<String> databases,
        Duration window,
        Duration warmUp,
        int clients,
        int ackSpecialists,
        int largeSpecialists,
        int outboxMessages,
        double outboxRate,
        boolean jfr,
        Path output,
        String command) {

    static final List<String> BENCHMARKS = List.of("ack", "search", "reset", "booking", "outbox", "footprint");

    static final String USAGE = String.join("\n",
            "usage: scripts/bench [benchmark...] [--option=value...]",
            "benchmarks (default: all, in this order):",
            "  ack        Slack acknowledgement path: signed slash commands from concurrent clients, beside bare Javalin",
            "  search     search at 100,000 profiles (1-, 2-, 3-skill queries), beside a LIKE scan; EXPLAIN on PostgreSQL",
            "  reset      weekly reset at 100,000 specialists, beside a per-row loop",
            "  booking    200 concurrent booking submissions for one specialist's last hours, beside 200 specialists",
            "  outbox     10,000 DMs through a fake Slack enforcing a rate limit with 429 + Retry-After",
            "  footprint  start-up time and resident memory of the packaged jar, idle and under the ack load",
            "options:",
            "  --db=h2,postgresql        databases (default both; PostgreSQL when reachable, required with REQUIRE_POSTGRES=1)",
            "  --duration=30             measured seconds of each load run (ack, footprint)",
            "  --warmup=5                unmeasured seconds before each load run",
            "  --clients=50              concurrent virtual users",
            "  --ack-specialists=20000   pool size for ack, booking and footprint",
            "  --specialists=100000      pool size for search and reset",
            "  --outbox-messages=10000   DMs in the outbox benchmark",
            "  --outbox-rate=200         chat.postMessage calls a second the fake Slack allows",
            "  --jfr                     record the measured work with JFR: target/bench/*.jfr and *-hot-methods.txt",
            "Figures are printed and written to target/bench/ (report.txt, results.csv and raw files).");

    static BenchOptions parse(List<String> args) {
        Set<String> benchmarks = new LinkedHashSet<>();
        List<String> databases = new ArrayList<>();
        Duration window = Duration.ofSeconds(30);
        Duration warmUp = Duration.ofSeconds(5);
        int clients = 50;
        int ackSpecialists = 20_000;
        int largeSpecialists = 100_000;
        int outboxMessages = 10_000;
        double outboxRate = 200;
        boolean jfr = false;
        for (String arg : args) {
            if (arg.equals("--jfr")) {
                jfr = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                String name = arg.toLowerCase(Locale.ROOT);
                if (!BENCHMARKS.contains(name)) {
                    throw new IllegalArgumentException("Unknown benchmark '" + arg + "'; choose from " + BENCHMARKS);
                }
                benchmarks.add(name);
                continue;
            }
            int equals = arg.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("Options take a value, e.g. --duration=30; got '" + arg + "'");
            }
            String name = arg.substring(2, equals);
            String value = arg.substring(equals + 1);
            try {
                switch (name) {
                    case "db" -> {
                        for (String db : value.toLowerCase(Locale.ROOT).split(",")) {
                            if (!db.equals("h2") && !db.equals("postgresql")) {
                                throw new IllegalArgumentException("--db takes h2 and/or postgresql, got '" + db + "'");
                            }
                            databases.add(db);
                        }
                    }
                    case "duration" -> window = Duration.ofSeconds(positive(name, Integer.parseInt(value)));
                    case "warmup" -> warmUp = Duration.ofSeconds(Integer.parseInt(value));
                    case "clients" -> clients = positive(name, Integer.parseInt(value));
                    case "ack-specialists" -> ackSpecialists = positive(name, Integer.parseInt(value));
                    case "specialists" -> largeSpecialists = positive(name, Integer.parseInt(value));
                    case "outbox-messages" -> outboxMessages = positive(name, Integer.parseInt(value));
                    case "outbox-rate" -> outboxRate = positive(name, (int) Double.parseDouble(value));
                    default -> throw new IllegalArgumentException("Unknown option --" + name);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " takes a number, got '" + value + "'");
            }
        }
        if (benchmarks.isEmpty()) {
            benchmarks.addAll(BENCHMARKS);
        }
        Set<String> ordered = new LinkedHashSet<>();
        BENCHMARKS.stream().filter(benchmarks::contains).forEach(ordered::add);
        String command = "scripts/bench" + (args.isEmpty() ? "" : " " + String.join(" ", args));
        return new BenchOptions(ordered, List.copyOf(databases), window, warmUp, clients, ackSpecialists,
                largeSpecialists, outboxMessages, outboxRate, jfr, Path.of("target", "bench"), command);
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive, got " + value);
        }
        return value;
    }
}
