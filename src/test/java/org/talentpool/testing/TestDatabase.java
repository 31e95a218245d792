package org.talentpool.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty database for one test class: H2 in memory always, and a new database on the PostgreSQL
 * server whenever it is reachable ({@code TALENTPOOL_TEST_DATABASE_URL}, default the local server).
 * With {@code REQUIRE_POSTGRES=1} an unreachable server fails the tests instead of skipping them.
 */
public final class TestDatabase implements AutoCloseable {
    public enum Kind { H2, POSTGRESQL }

    static final String DEFAULT_POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    private static Boolean postgresReachable;

    private final Kind kind;
    private final String url;
    private final String name;

    private TestDatabase(Kind kind, String url, String name) {
        this.kind = kind;
        this.url = url;
        this.name = name;
    }

    /** The kinds to run database and end-to-end tests on. */
    public static List<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>(List.of(Kind.H2));
        if (postgresAvailable()) {
            kinds.add(Kind.POSTGRESQL);
        }
        return kinds;
    }

    static synchronized boolean postgresAvailable() {
        if (postgresReachable == null) {
            try (Connection ignored = DriverManager.getConnection(adminUrl())) {
                postgresReachable = true;
            } catch (SQLException e) {
                if ("1".equals(System.getenv("REQUIRE_POSTGRES"))) {
                    throw new IllegalStateException("REQUIRE_POSTGRES=1 but PostgreSQL is not reachable at "
                            + adminUrl() + ": " + e.getMessage(), e);
                }
                System.err.println("PostgreSQL not reachable (" + e.getMessage() + "): running on H2 only");
                postgresReachable = false;
            }
        }
        return postgresReachable;
    }

    static String adminUrl() {
        String url = System.getenv("TALENTPOOL_TEST_DATABASE_URL");
        return url == null || url.isBlank() ? DEFAULT_POSTGRES_ADMIN_URL : url;
    }

    public static TestDatabase create(Kind kind) {
        String name = "tp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (kind == Kind.H2) {
            return new TestDatabase(kind, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", name);
        }
        try (Connection admin = DriverManager.getConnection(adminUrl());
             var statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new TestDatabase(kind, withDatabase(adminUrl(), name), name);
    }

    /** The admin URL with its database name replaced. */
    static String withDatabase(String adminUrl, String database) {
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            if (kind == Kind.H2) {
                try (Connection connection = DriverManager.getConnection(url);
                     var statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN");
                }
            } else {
                try (Connection admin = DriverManager.getConnection(adminUrl());
                     var statement = admin.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            }
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
