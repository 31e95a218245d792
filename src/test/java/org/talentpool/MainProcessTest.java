package org.talentpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start-up as an operator sees it: a bad setting stops the process with one line naming it. */
class MainProcessTest {

    private record Outcome(int exitCode, String stderr) {}

    private static Outcome run(Map<String, String> env) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dfile.encoding=UTF-8", "-cp",
                System.getProperty("java.class.path"), Main.class.getName());
        builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("POOL_")
                || name.startsWith("DATABASE_") || name.equals("PORT"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not exit");
        }
        return new Outcome(process.exitValue(), new String(process.getErrorStream().readAllBytes(),
                StandardCharsets.UTF_8).strip());
    }

    @Test
    void badPortStopsStartUpNamingTheSetting() throws Exception {
        Outcome outcome = run(Map.of("PORT", "abc"));

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.stderr()).contains("PORT").contains("abc").doesNotContain("\n").doesNotContain("at org.");
    }

    @Test
    void badZoneStopsStartUp() throws Exception {
        Outcome outcome = run(Map.of("POOL_TIMEZONE", "Europe/Atlantis"));

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.stderr()).contains("POOL_TIMEZONE").doesNotContain("\n");
    }

    @Test
    void unknownJdbcSchemeStopsStartUp() throws Exception {
        Outcome outcome = run(Map.of("DATABASE_URL", "jdbc:sqlite:pool.db"));

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.stderr()).contains("DATABASE_URL").doesNotContain("\n");
    }

    @Test
    void unreachableDatabaseStopsStartUpWithOneLine() throws Exception {
        Outcome outcome = run(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/none", "PORT", "0"));

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.stderr()).startsWith("talent-pool: could not start").doesNotContain("\n");
    }
}
