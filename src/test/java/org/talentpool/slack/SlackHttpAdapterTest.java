package org.talentpool.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.talentpool.config.PoolConfig;
import org.talentpool.http.Metrics;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.SlackClient;

/** The adapter runs a signed request's listener when its turn comes ({@link WorkPermits}). */
class SlackHttpAdapterTest {
    private static final String SECRET = "adapter-test-secret";
    private static final String TOKEN = "xoxb-adapter-test";

    @Test
    void aCommandWaitsForTheTurnSlowWorkHoldsThenNoLongerThanItsLimit() throws Exception {
        AtomicInteger waitedOut = new AtomicInteger();
        WorkPermits permits = new WorkPermits(1, waitedOut::incrementAndGet);
        ExecutorService slowWork = permits.slowWork(1, "adapter-test-slow-work");
        try (FakeSlack slack = new FakeSlack(Clock.systemUTC())) {
            PoolConfig config = PoolConfig.fromEnv(Map.of()).withSlack(SECRET, TOKEN, slack.apiUrl(), "C0ADMINS");
            Slack client = SlackAppFactory.slack(config);
            App app = SlackAppFactory.app(config, client);
            app.command("/available", (request, ctx) -> ctx.ack("your hours"));
            Javalin server = Javalin.create(javalin -> javalin.showJavalinBanner = false);
            server.post("/slack/events", new SlackHttpAdapter(app, SECRET, Clock.systemUTC(), new Metrics(), permits));
            server.start("127.0.0.1", 0);
            try {
                SlackClient sender = new SlackClient(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"),
                        SECRET, Clock.systemUTC(), slack);
                assertThat(sender.command("U0ADAPT1", "/available", "status").text()).contains("your hours");
                assertThat(waitedOut).as("a turn was free").hasValue(0);

                CountDownLatch release = new CountDownLatch(1);
                CountDownLatch holding = new CountDownLatch(1);
                slowWork.execute(() -> {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                holding.await();
                long started = System.nanoTime();
                SlackClient.Reply reply = sender.command("U0ADAPT1", "/available", "status");
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.text()).contains("your hours");
                assertThat(took).as("waited for the turn, then went ahead")
                        .isGreaterThanOrEqualTo(WorkPermits.REQUEST_WAIT.minusMillis(50));
                assertThat(waitedOut).hasValue(1);
                release.countDown();
            } finally {
                server.stop();
            }
        } finally {
            slowWork.shutdownNow();
        }
    }
}
