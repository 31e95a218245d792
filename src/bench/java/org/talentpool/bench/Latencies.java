package org.talentpool.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of one run, in nanoseconds: percentiles by nearest rank over every sample (no sampling). */
final class Latencies {
    private final long[] sorted;

    Latencies(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(this.sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The latency below or at which {@code percent} of the samples lie, in milliseconds. */
    double percentileMillis(double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] / 1e6;
    }

    double p50() {
        return percentileMillis(50);
    }

    double p99() {
        return percentileMillis(99);
    }

    double maxMillis() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    String summary() {
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.1f ms (%,d samples)",
                p50(), p99(), maxMillis(), count());
    }
}
