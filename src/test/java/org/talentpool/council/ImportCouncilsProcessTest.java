package org.talentpool.council;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/import-councils} as an operator runs it: the main class in its own JVM, on a database file. */
class ImportCouncilsProcessTest {
    @TempDir
    Path directory;

    private record Outcome(int exitCode, String stdout, String stderr) {}

    private Outcome run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Dfile.encoding=UTF-8", "-cp",
                System.getProperty("java.class.path"), ImportCouncils.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("POOL_")
                || name.startsWith("DATABASE_") || name.equals("PORT"));
        builder.environment().putAll(env);
        builder.redirectOutput(directory.resolve("out.txt").toFile());
        builder.redirectError(directory.resolve("err.txt").toFile());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("import-councils did not finish");
        }
        return new Outcome(process.exitValue(), Files.readString(directory.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(directory.resolve("err.txt"), StandardCharsets.UTF_8).strip());
    }

    @Test
    void theRegisterIsImportedOnceAndTheSecondRunAddsNothing() throws Exception {
        Map<String, String> env = Map.of("DATABASE_URL", "jdbc:h2:file:" + directory.resolve("pool").toAbsolutePath());

        Outcome first = run(env);
        Outcome second = run(env, CouncilImportTest.REGISTER.toString());

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout()).contains("Imported " + ImportCouncils.DEFAULT_FILE + ":")
                .contains("397 added, 0 skipped, 0 invalid");
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.stdout()).contains("0 added, 397 skipped, 0 invalid")
                .contains("skipped, already present (same code): lines 2-398 (397 rows)");
    }

    @Test
    void invalidRowsAreListedAndSetTheExitStatus() throws Exception {
        Path csv = directory.resolve("councils.csv");
        Files.writeString(csv, "name,domain\nNewtown Borough Council,newtown.gov.uk\nNo Domain,\nBad,bad_domain\n");
        Map<String, String> env = Map.of("DATABASE_URL", "jdbc:h2:file:" + directory.resolve("pool").toAbsolutePath());

        Outcome outcome = run(env, csv.toString());

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.stdout()).contains("1 added, 0 skipped, 2 invalid").contains("line 3: invalid: neither a"
                + " code nor a domain").contains("line 4: invalid: \"bad_domain\" is not an email domain");
    }

    @Test
    void aMissingFileOrABadSettingIsOneLine() throws Exception {
        Outcome missing = run(Map.of("DATABASE_URL", "jdbc:h2:file:" + directory.resolve("pool").toAbsolutePath()),
                directory.resolve("nope.csv").toString());
        Outcome badUrl = run(Map.of("DATABASE_URL", "jdbc:sqlite:pool.db"));
        Outcome usage = run(Map.of(), "a.csv", "b.csv");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).startsWith("import-councils: cannot read").doesNotContain("\n");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.stderr()).contains("DATABASE_URL").doesNotContain("\n");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.stderr()).startsWith("usage: scripts/import-councils");
    }
}
