package org.talentpool.bench;

import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
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
     * After bulk loading, what a production database has once its autovacuum has run: fresh planner statistics and,
     * on PostgreSQL, the visibility map (without which no index-only scan can be used).
     */
    static void analyze(Jdbi jdbi) {
        jdbi.useHandle(handle -> handle.execute(Database.kindOf(handle) == Database.Kind.POSTGRESQL
                ? "VACUUM ANALYZE" : "ANALYZE"));
    }

    /** The server's name and version. */
    static String version(Jdbi jdbi, TestDatabase.Kind kind) {
        String sql = kind == TestDatabase.Kind.H2 ? "SELECT H2VERSION()" : "SHOW server_version";
        return label(kind) + " " + jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(String.class).one());
    }
}
