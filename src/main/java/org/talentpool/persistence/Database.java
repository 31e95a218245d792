package org.talentpool.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, the schema (Flyway migrations in {@code db/migration}, the same files on H2
 * and PostgreSQL) and Jdbi. H2 runs in PostgreSQL compatibility mode so one SQL dialect serves both.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    public enum Kind { H2, POSTGRESQL }

    /**
     * How many prepared statements each H2 connection keeps by their SQL text (H2's own default is 8). Search's
     * statements are long (a 3-skill search's is about 4,000 characters) and H2 takes 2–3 ms to parse and plan one,
     * which with eight kept was paid by most searches; their texts repeat (ExpertSearch numbers its parameters in a
     * fixed order), so a few hundred kept statements serve them all.
     */
    static final int H2_QUERY_CACHE_SIZE = 256;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Kind kind;

    private Database(HikariDataSource dataSource, Kind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        if (kind == Kind.POSTGRESQL) {
            jdbi.installPlugin(new PostgresPlugin());
        }
    }

    /** Opens the pool and migrates the schema to the latest version. */
    public static Database open(String url, String user, String password, int maxPoolSize) {
        Kind kind = url.startsWith("jdbc:postgresql:") ? Kind.POSTGRESQL : Kind.H2;
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(kind == Kind.H2 ? h2Url(url) : url);
        if (!user.isEmpty()) {
            hikari.setUsername(user);
        }
        if (!password.isEmpty()) {
            hikari.setPassword(password);
        }
        hikari.setMaximumPoolSize(maxPoolSize);
        hikari.setPoolName("talentpool");
        hikari.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        hikari.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        hikari.setInitializationFailTimeout(Duration.ofSeconds(10).toMillis());
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            log.info("Database {} at schema version {} ({} migrations applied)", kind,
                    result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, kind);
    }

    /**
     * H2 in PostgreSQL mode with lower-case identifiers, unless the URL already chooses a mode; and without reusing
     * a query's last result when it runs again on unchanged tables: H2 2.5 gave back the last result of a search
     * statement run again with only its LIMIT parameter changed (a second page of results cut to the first's size);
     * keeping {@link #H2_QUERY_CACHE_SIZE} prepared statements a connection.
     */
    static String h2Url(String url) {
        String upper = url.toUpperCase();
        StringBuilder result = new StringBuilder(url);
        if (!upper.contains(";MODE=")) {
            result.append(";MODE=PostgreSQL");
        }
        if (!upper.contains("DATABASE_TO_LOWER=") && !upper.contains("DATABASE_TO_UPPER=")) {
            result.append(";DATABASE_TO_LOWER=TRUE");
        }
        if (!upper.contains("DEFAULT_NULL_ORDERING=")) {
            result.append(";DEFAULT_NULL_ORDERING=HIGH");
        }
        if (!upper.contains("OPTIMIZE_REUSE_RESULTS=")) {
            result.append(";OPTIMIZE_REUSE_RESULTS=FALSE");
        }
        if (!upper.contains("QUERY_CACHE_SIZE=")) {
            result.append(";QUERY_CACHE_SIZE=").append(H2_QUERY_CACHE_SIZE);
        }
        return result.toString();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Kind kind() {
        return kind;
    }

    /** The kind of database a handle is connected to, for code given only a {@link Jdbi}. */
    public static Kind kindOf(Handle handle) {
        try {
            return handle.getConnection().getMetaData().getDatabaseProductName().startsWith("PostgreSQL")
                    ? Kind.POSTGRESQL : Kind.H2;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this connection is to", e);
        }
    }

    /** True when a connection can be had and answers a trivial query within two seconds. */
    public boolean isUp() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            log.warn("Database health check failed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
