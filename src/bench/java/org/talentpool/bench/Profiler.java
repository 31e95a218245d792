package org.talentpool.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * With {@code --jfr}, a JFR recording (the JDK's "profile" settings: CPU samples every 10 ms; without Jdbi's own
 * statement events) of one measured
 * piece of work, written to {@code target/bench/<name>.jfr} with its summary ({@link JfrHotMethods}) beside it as
 * {@code <name>-hot-methods.txt}. Without {@code --jfr}, nothing.
 */
final class Profiler {
    /** Work to profile. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }

    static final String JDBI_STATEMENT_EVENT = "jdbi.statement";

    private final Recording recording;
    private final Path file;
    private final Report report;

    private Profiler(Recording recording, Path file, Report report) {
        this.recording = recording;
        this.file = file;
        this.report = report;
    }

    /** Runs {@code work}, recorded as {@code name} when JFR is asked for, and returns its result. */
    static <T> T profile(BenchOptions options, Report report, String name, Work<T> work) throws Exception {
        Profiler profiler = start(options, report, name);
        try {
            return work.run();
        } finally {
            profiler.stop();
        }
    }

    private static Profiler start(BenchOptions options, Report report, String name) throws IOException {
        if (!options.jfr()) {
            return new Profiler(null, null, report);
        }
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            // Jdbi records an event, with its stack and parameters, for every statement while JFR records: noise in
            // a CPU profile. (Recorded, the ack benchmark's commands cost four to five times the CPU with or without
            // these events: JFR's figures say where the time goes, not how much there is.)
            recording.disable(JDBI_STATEMENT_EVENT);
            recording.setName(name);
            recording.start();
            return new Profiler(recording, options.output().resolve(name + ".jfr"), report);
        } catch (ParseException e) {
            throw new IOException("The JDK's JFR profile settings are unreadable", e);
        }
    }

    private void stop() throws IOException {
        if (recording == null) {
            return;
        }
        recording.stop();
        recording.dump(file);
        recording.close();
        Path summary = file.resolveSibling(file.getFileName().toString().replace(".jfr", "-hot-methods.txt"));
        Files.writeString(summary, JfrHotMethods.summary(file), StandardCharsets.UTF_8);
        report.line("  JFR: %s, summary in %s", file, summary);
    }
}
