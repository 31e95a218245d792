package org.talentpool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the figures were measured on: cores, memory and load from /proc, the JVM and the OS. */
final class Machine {
    private Machine() {}

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String cpuModel() {
        return lines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse(System.getProperty("os.arch"));
    }

    /** MemTotal from /proc/meminfo, in MiB, or -1 when unknown. */
    static long memoryMib() {
        return meminfo("MemTotal:").orElse(-1L) / 1024;
    }

    static long availableMemoryMib() {
        return meminfo("MemAvailable:").orElse(-1L) / 1024;
    }

    /** The one-, five- and fifteen-minute load averages, as /proc/loadavg gives them. */
    static String loadAverage() {
        List<String> lines = lines(Path.of("/proc/loadavg"));
        if (lines.isEmpty()) {
            return "unknown";
        }
        String[] parts = lines.get(0).trim().split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : lines.get(0).trim();
    }

    static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** One line describing the machine, for the report header. */
    static String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %,d MiB memory (%,d MiB available), %s, %s",
                cores(), cpuModel(), memoryMib(), availableMemoryMib(), jvm(), os());
    }

    /** Resident memory of a process from /proc/&lt;pid&gt;/status, in MiB, or -1 once it has gone. */
    static double residentMib(long pid) {
        return procStatus(pid, "VmRSS:");
    }

    private static double procStatus(long pid, String field) {
        return lines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith(field))
                .map(line -> Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) / 1024.0)
                .findFirst()
                .orElse(-1.0);
    }

    private static Optional<Long> meminfo(String field) {
        return lines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith(field))
                .map(line -> Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]))
                .findFirst();
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            return List.of();
        }
    }
}
