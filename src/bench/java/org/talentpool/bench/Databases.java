package org.talentpool.bench;

import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.talentpool.persistence.Database;
import org.talentpool.testing.TestDatabase;

/**
 * The benchmarks' databases: fresh ones from the test harness ({@link TestDatabase}: H2 in memory, or a new
 * PostgreSQL database dropped afterwards), migrated by the service's own {@link Database}.
 */
final class Databases {
    private Databases() {}

    /** The kinds asked for that can run here: H2 always, PostgreSQL when reachable (required with REQUIRE_POSTGRES=1). */
    static List<TestDatabase.Kind> kinds(List<String> wanted) {
        return TestDatabase.kinds().stream()
                .filter(kind -> wanted.isEmpty() || wanted.contains(kind.name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    static String label(TestDatabase.Kind kind) {
        return kind == TestDatabase.Kind.H2 ? "H2" : "PostgreSQL";
    }

    /**
     * Opens (and migrates) a database for generating data: on PostgreSQL the driver sends batches as multi-row
     * inserts. The service itself is always started on the plain URL.
     */
    static Database openForSeeding(String url) {
        String seedingUrl = url.startsWith("jdbc:postgresql:")
                ? url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true" : url;
        return Database.open(seedingUrl, "", "", 4);
    }

    /**
     * After bulk loading, what a production database has once its autovacuum and its checkpointer have run: fresh
     * planner statistics and, on PostgreSQL, the visibility map (without which no index-only scan can be used) and
     * the loaded pages written out. Without the checkpoint, the one the load's WAL started ran through what was
     * measured next: in the server's log, one spread over 138 s covered the whole of a run's PostgreSQL reset (a new
     * week 2.65 s, against 1.84 s run alone), every page first written in it logged whole.
     */
    static void analyze(Jdbi jdbi) {
        jdbi.useHandle(handle -> {
            if (Database.kindOf(handle) != Database.Kind.POSTGRESQL) {
                handle.execute("ANALYZE");
                return;
            }
            handle.execute("VACUUM ANALYZE");
            try {
                handle.execute("CHECKPOINT");
            } catch (JdbiException notAllowed) {
                // only a superuser (or pg_checkpoint) may: the checkpointer will get there in its own time
                System.err.println("bench: no CHECKPOINT after loading (" + notAllowed.getMessage() + ")");
            }
        });
    }

    /** The server's name and version. */
    static String version(Jdbi jdbi, TestDatabase.Kind kind) {
        String sql = kind == TestDatabase.Kind.H2 ? "SELECT H2VERSION()" : "SHOW server_version";
        return label(kind) + " " + jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(String.class).one());
    }
}
