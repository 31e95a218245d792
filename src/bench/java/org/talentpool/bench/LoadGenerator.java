package org.talentpool.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A load generator of a fixed number of virtual users, each on its own thread, for a warm-up and then a measured
 * window; bounded in time and in count, and only ever aimed at this machine (127.0.0.1). Closed loop: each user
 * sends a request, waits for the answer and sends the next at once, so the figures are the most the service can
 * do and the latency it has then. Paced: the users together send {@code perSecond} requests a second, each on a
 * fixed schedule, and latency counts from when a request was due (a late answer delays the next request, and
 * that delay counts too), so the figures are the latency at that load.
 */
final class LoadGenerator {
    /** Most requests one virtual user may send in a run, whatever the window. */
    static final int MAX_REQUESTS_PER_CLIENT = 1_000_000;

    /** One request of a virtual user: true when the answer was the one expected. */
    @FunctionalInterface
    interface Request {
        boolean send(SplittableRandom random) throws Exception;
    }

    /** What a run measured: requests started in the window, their latencies and how many went wrong. */
    record Result(String label, int clients, Duration window, long completed, long errors, Latencies latencies,
                  String firstError, double cpuSeconds) {
        /** CPU time this whole process used in the window (load generator included), per request, in ms. */
        double cpuMillisPerRequest() {
            return completed == 0 ? Double.NaN : cpuSeconds * 1000 / completed;
        }

        double perSecond() {
            return completed / (window.toNanos() / 1e9);
        }

        String summary() {
            return String.format(Locale.ROOT, "%,.0f req/s, %s, %d errors", perSecond(), latencies.summary(), errors);
        }
    }

    private LoadGenerator() {}

    /**
     * Runs {@code clients} virtual users against {@code target} (which must be this machine) for {@code warmUp}
     * unmeasured, then {@code window} measured; writes every measured request to {@code rawCsv} (start offset in
     * ms, latency in µs, ok) when given.
     */
    static Result run(String label, URI target, int clients, Duration warmUp, Duration window, Request request,
                      Path rawCsv) throws InterruptedException, IOException {
        return run(label, target, clients, 0, warmUp, window, request, rawCsv);
    }

    /** As {@link #run}, paced at {@code perSecond} requests a second in all when that is above zero. */
    static Result run(String label, URI target, int clients, double perSecond, Duration warmUp, Duration window,
                      Request request, Path rawCsv) throws InterruptedException, IOException {
        requireLoopback(target);
        long intervalNanos = perSecond > 0 ? (long) (clients / perSecond * 1e9) : 0;
        long startedAt = System.nanoTime();
        long measureFrom = startedAt + warmUp.toNanos();
        long endAt = measureFrom + window.toNanos();
        List<Samples> samples = new ArrayList<>();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int client = 0; client < clients; client++) {
            Samples measured = new Samples();
            samples.add(measured);
            SplittableRandom random = new SplittableRandom(7919L * (client + 1));
            long firstDue = startedAt + intervalNanos * client / clients;
            Thread user = new Thread(() -> {
                try {
                    long due = firstDue;
                    for (int sent = 0; sent < MAX_REQUESTS_PER_CLIENT; sent++) {
                        long start = System.nanoTime();
                        if (intervalNanos > 0) {
                            if (due >= endAt) {
                                break;
                            }
                            if (due > start) {
                                Thread.sleep((due - start) / 1_000_000, (int) ((due - start) % 1_000_000));
                            }
                            start = due;
                            due += intervalNanos;
                        } else if (start >= endAt) {
                            break;
                        }
                        boolean ok;
                        try {
                            ok = request.send(random);
                        } catch (Exception | AssertionError e) {
                            ok = false;
                            firstError.compareAndSet(null, e.getCause() == null ? e.toString()
                                    : e + " (" + e.getCause() + ")");
                        }
                        long latency = System.nanoTime() - start;
                        if (start >= measureFrom) {
                            measured.add(start - measureFrom, latency, ok);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "virtual-user-" + client);
            user.setDaemon(true);
            user.start();
        }
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        double cpuAtStart = processCpuSeconds();
        done.await();
        double cpuSeconds = processCpuSeconds() - cpuAtStart;

        long total = samples.stream().mapToLong(measured -> measured.count).sum();
        long[] all = new long[(int) total];
        long errors = 0;
        int at = 0;
        try (PrintWriter raw = rawCsv == null ? null : new PrintWriter(Files.newBufferedWriter(rawCsv))) {
            if (raw != null) {
                raw.println("client,start_ms,latency_us,ok");
            }
            for (int client = 0; client < clients; client++) {
                Samples measured = samples.get(client);
                for (int i = 0; i < measured.count; i++) {
                    all[at++] = measured.latencyNanos[i];
                    errors += measured.ok[i] ? 0 : 1;
                    if (raw != null) {
                        raw.printf(Locale.ROOT, "%d,%.3f,%d,%b%n", client, measured.startNanos[i] / 1e6,
                                measured.latencyNanos[i] / 1000, measured.ok[i]);
                    }
                }
            }
        }
        return new Result(label, clients, window, total, errors, new Latencies(all), firstError.get(), cpuSeconds);
    }

    /** One virtual user's measured requests: when each started (from the window's start), its latency, its outcome. */
    private static final class Samples {
        private long[] startNanos = new long[1024];
        private long[] latencyNanos = new long[1024];
        private boolean[] ok = new boolean[1024];
        private int count;

        void add(long start, long latency, boolean answeredAsExpected) {
            if (count == startNanos.length) {
                startNanos = Arrays.copyOf(startNanos, count * 2);
                latencyNanos = Arrays.copyOf(latencyNanos, count * 2);
                ok = Arrays.copyOf(ok, count * 2);
            }
            startNanos[count] = start;
            latencyNanos[count] = latency;
            ok[count] = answeredAsExpected;
            count++;
        }
    }

    private static double processCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static void requireLoopback(URI target) {
        try {
            if (!InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("The load generator only targets this machine, not " + target);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown host in " + target, e);
        }
    }
}
