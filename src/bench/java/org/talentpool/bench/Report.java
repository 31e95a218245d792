package org.talentpool.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run prints, kept to be written under {@code target/bench/}: the text as printed ({@code report.txt})
 * and every figure beside its same-run baseline, as a ratio, with the target and whether it was met
 * ({@code results.csv}). Benchmarks report; they never fail on a time.
 */
final class Report {
    /** One measured figure beside the baseline measured in the same run. */
    record Figure(String benchmark, String database, String metric, double value, String unit, String baseline,
                  double baselineValue, String target, String verdict) {
        double ratio() {
            return baselineValue == 0 || Double.isNaN(baselineValue) ? Double.NaN : value / baselineValue;
        }
    }

    private final PrintStream out;
    private final StringBuilder text = new StringBuilder();
    private final List<Figure> figures = new ArrayList<>();

    Report(PrintStream out) {
        this.out = out;
    }

    void section(String title) {
        line("");
        line("== " + title);
    }

    void line(String line) {
        out.println(line);
        out.flush();
        text.append(line).append('\n');
    }

    void line(String format, Object... args) {
        line(String.format(Locale.ROOT, format, args));
    }

    /** Records a figure (printed by the caller in its own words). */
    void figure(String benchmark, String database, String metric, double value, String unit, String baseline,
                double baselineValue, String target, String verdict) {
        figures.add(new Figure(benchmark, database, metric, value, unit, baseline, baselineValue, target, verdict));
    }

    /** "met", "missed" or "no target": for targets of the form value ≤ limit (or ≥ when {@code atLeast}). */
    static String verdict(double value, double limit, boolean atLeast) {
        if (Double.isNaN(value)) {
            return "not measured";
        }
        return (atLeast ? value >= limit : value <= limit) ? "met" : "MISSED";
    }

    /** Writes report.txt and results.csv into {@code directory}. */
    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("report.txt"), text, StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder(
                "benchmark,database,metric,value,unit,baseline,baseline_value,ratio,target,verdict\n");
        for (Figure figure : figures) {
            csv.append(String.join(",", quote(figure.benchmark()), quote(figure.database()), quote(figure.metric()),
                    number(figure.value()), quote(figure.unit()), quote(figure.baseline()),
                    number(figure.baselineValue()), number(figure.ratio()), quote(figure.target()),
                    quote(figure.verdict()))).append('\n');
        }
        Files.writeString(directory.resolve("results.csv"), csv, StandardCharsets.UTF_8);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String quote(String value) {
        String text = value == null ? "" : value;
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
