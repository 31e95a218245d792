package org.talentpool.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's CPU samples ({@code jdk.ExecutionSample}): where the samples fell by thread
 * (numbered threads grouped), the hottest methods at the top of the stack, and the hottest Talent Pool methods
 * anywhere on the stack. {@code scripts/bench --jfr …} records the measured work and writes this beside it;
 * {@code main} summarises any recording.
 */
public final class JfrHotMethods {
    private static final int TOP = 25;

    private JfrHotMethods() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JfrHotMethods recording.jfr");
            System.exit(2);
        }
        System.out.print(summary(Path.of(args[0])));
    }

    /** The summary of a recording's CPU samples, as text. */
    static String summary(Path recording) throws IOException {
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, Integer> libraries = new HashMap<>();
        Map<String, Integer> ownFrames = new HashMap<>();
        Map<String, Integer> socketWaitMillis = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals("jdk.SocketRead") && event.getThread() != null) {
                socketWaitMillis.merge(threadGroup(event.getThread().getJavaName()),
                        (int) event.getDuration().toMillis(), Integer::sum);
                continue;
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            samples++;
            String thread = event.getThread("sampledThread") == null ? "?"
                    : event.getThread("sampledThread").getJavaName();
            byThread.merge(threadGroup(thread), 1, Integer::sum);
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            topFrames.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
            libraries.merge(library(stack.getFrames().get(0).getMethod().getType().getName()), 1, Integer::sum);
            stack.getFrames().stream()
                    .filter(frame -> frame.getMethod().getType().getName().startsWith("org.talentpool.")
                            && !frame.getMethod().getType().getName().startsWith("org.talentpool.bench."))
                    .map(JfrHotMethods::name)
                    .distinct()
                    .forEach(name -> ownFrames.merge(name, 1, Integer::sum));
        }
        StringBuilder text = new StringBuilder(String.format("%d CPU samples%n", samples));
        print(text, "by thread", byThread, samples);
        print(text, "top of stack by library (where the CPU time itself goes)", libraries, samples);
        print(text, "top of stack", topFrames, samples);
        print(text, "Talent Pool methods anywhere on the stack (inclusive)", ownFrames, samples);
        text.append(String.format("%n-- waiting for a socket read (reads over 10 ms; e.g. the database answering)%n"));
        socketWaitMillis.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(TOP)
                .forEach(entry -> text.append(String.format("%8d ms  %s%n", entry.getValue(), entry.getKey())));
        return text.toString();
    }

    /** Numbered threads of one pool counted together. */
    private static String threadGroup(String thread) {
        return thread == null ? "?" : thread.replaceAll("[-#]?\\d+", "-N");
    }

    /** A class's library: its package cut to two or three parts (org.h2, org.jdbi.v3, java.lang.invoke…). */
    static String library(String className) {
        String[] parts = className.split("\\.");
        int keep = parts.length > 3 && (parts[0].equals("java") || parts[0].equals("jdk") || parts[0].equals("sun")
                || parts[1].equals("jdbi") || parts[1].equals("slack") || parts[1].equals("talentpool")) ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(keep, parts.length - 1)));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(StringBuilder text, String title, Map<String, Integer> counts, int samples) {
        text.append(String.format("%n-- %s%n", title));
        List<Map.Entry<String, Integer>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(TOP)
                .toList();
        for (Map.Entry<String, Integer> entry : sorted) {
            text.append(String.format("%6.1f %%  %s%n", 100.0 * entry.getValue() / Math.max(1, samples),
                    entry.getKey()));
        }
    }
}
