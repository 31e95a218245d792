package org.talentpool.bench;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.talentpool.TalentPool;
import org.talentpool.config.PoolConfig;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;

/**
 * The whole service started in this process on a random port, on the system clock, with the test harness's fake
 * Slack Web API beside it and the harness's signing secret, so {@link SlackClient} signs what it sends.
 */
final class InProcessService implements AutoCloseable {
    private final FakeSlack slack;
    private final TalentPool pool;

    InProcessService(String databaseUrl) throws Exception {
        this.slack = new FakeSlack(Clock.systemUTC());
        try {
            this.pool = TalentPool.start(PoolConfig.fromEnv(environment(slack, databaseUrl, "0")), Clock.systemUTC());
        } catch (Exception | Error e) {
            slack.close();
            throw e;
        }
    }

    /** The settings the service runs with here and as a separate process in the footprint benchmark. */
    static Map<String, String> environment(FakeSlack slack, String databaseUrl, String port) {
        return Map.of(
                "SLACK_SIGNING_SECRET", ServiceHarness.SIGNING_SECRET,
                "SLACK_BOT_TOKEN", ServiceHarness.BOT_TOKEN,
                "SLACK_API_URL", slack.apiUrl(),
                "DATABASE_URL", databaseUrl,
                "PORT", port,
                "POOL_ADMINS", ServiceHarness.ADMIN,
                "POOL_ADMIN_CHANNEL", ServiceHarness.ADMIN_CHANNEL);
    }

    /** The load generator's HTTP client, one for the benchmarks' process: enough connections for (4)'s 200 at once. */
    private static final BlockingHttp HTTP = new BlockingHttp(256);

    /** A client signing as Slack does, sending through the load generator's {@link BlockingHttp}. */
    static SlackClient client(URI eventsUrl, FakeSlack slack) {
        return new SlackClient(eventsUrl, ServiceHarness.SIGNING_SECRET, Clock.systemUTC(), slack, HTTP);
    }

    URI eventsUrl() {
        return URI.create("http://127.0.0.1:" + pool.port() + "/slack/events");
    }

    FakeSlack slack() {
        return slack;
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            slack.close();
        }
    }
}
