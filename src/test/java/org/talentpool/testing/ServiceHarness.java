package org.talentpool.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.TalentPool;
import org.talentpool.config.PoolConfig;

/**
 * The whole service on a random port with a fake Slack beside it, on a fresh database of the given kind.
 * Tests talk to it only over HTTP, as Slack would; {@link #reset()} empties the data between tests.
 */
public final class ServiceHarness implements AutoCloseable {
    public static final String SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
    public static final String BOT_TOKEN = "xoxb-test-token";
    public static final String ADMIN = "UADMIN01";
    public static final String ADMIN_CHANNEL = "CADMINS01";

    private final TestDatabase database;
    private final FakeSlack slack;
    private final MutableClock clock;
    private final TalentPool pool;
    private final SlackClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceHarness(TestDatabase database, Map<String, String> extraEnv) throws Exception {
        this.database = database;
        this.clock = MutableClock.now();
        this.slack = new FakeSlack(clock);
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
        env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("DATABASE_URL", database.url());
        env.put("PORT", "0");
        env.put("POOL_ADMINS", ADMIN);
        env.put("POOL_ADMIN_CHANNEL", ADMIN_CHANNEL);
        env.putAll(extraEnv);
        this.pool = TalentPool.start(PoolConfig.fromEnv(env), clock);
        this.client = new SlackClient(URI.create(baseUrl() + "/slack/events"), SIGNING_SECRET, clock, slack);
    }

    public static ServiceHarness start(TestDatabase.Kind kind) throws Exception {
        return start(kind, Map.of());
    }

    public static ServiceHarness start(TestDatabase.Kind kind, Map<String, String> extraEnv) throws Exception {
        TestDatabase database = TestDatabase.create(kind);
        try {
            return new ServiceHarness(database, extraEnv);
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + pool.port();
    }

    public FakeSlack slack() {
        return slack;
    }

    public SlackClient client() {
        return client;
    }

    public MutableClock clock() {
        return clock;
    }

    public TalentPool pool() {
        return pool;
    }

    public Jdbi jdbi() {
        return pool.database().jdbi();
    }

    public TestDatabase.Kind kind() {
        return database.kind();
    }

    /** GET a path of the service; returns status and body. */
    public SlackClient.Reply get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new SlackClient.Reply(response.statusCode(), response.body(), null, null);
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    /**
     * Empties every application table (not the schema history or Quartz's), resets the fake and the clock. First it
     * lets the App Home publisher finish the homes the last test asked for (for up to ten seconds), so that none of
     * them reaches the next test; a truncation that deadlocks with the service's background work is tried again.
     */
    public void reset() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM home_refresh").mapTo(Integer.class)
                .one()) > 0 && System.nanoTime() < deadline) {
            pause();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                truncate();
                break;
            } catch (org.jdbi.v3.core.JdbiException e) {
                if (attempt == 5) {
                    throw e;
                }
                pause();
            }
        }
        slack.reset();
        clock.set(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void truncate() {
        List<String> tables = jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                                + " AND table_type IN ('BASE TABLE', 'TABLE')")
                .mapTo(String.class)
                .list()).stream()
                .map(name -> name.toLowerCase(java.util.Locale.ROOT))
                .filter(name -> !name.startsWith("qrtz_") && !name.startsWith("flyway_"))
                .toList();
        // Skill IDs are never reused, as in production: search holds the skill list in memory for as long as the
        // number of skills and the highest ID stay the same.
        List<String> restarted = tables.stream().filter(name -> !name.equals("skill")).toList();
        jdbi().useHandle(handle -> {
            if (kind() == TestDatabase.Kind.POSTGRESQL) {
                handle.execute("TRUNCATE " + String.join(", ", restarted) + " RESTART IDENTITY CASCADE");
                handle.execute("TRUNCATE skill CONTINUE IDENTITY CASCADE");
            } else {
                handle.execute("SET REFERENTIAL_INTEGRITY FALSE");
                for (String table : restarted) {
                    handle.execute("TRUNCATE TABLE " + table + " RESTART IDENTITY");
                }
                handle.execute("TRUNCATE TABLE skill CONTINUE IDENTITY");
                handle.execute("SET REFERENTIAL_INTEGRITY TRUE");
            }
        });
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            slack.close();
            database.close();
        }
    }
}
