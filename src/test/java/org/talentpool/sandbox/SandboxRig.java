package org.talentpool.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.config.PoolConfig;
import org.talentpool.council.AdminDirectory;
import org.talentpool.council.Membership;
import org.talentpool.http.Metrics;
import org.talentpool.persistence.AuditLog;
import org.talentpool.slack.SlackAppFactory;
import org.talentpool.slack.SlackHttpAdapter;
import org.talentpool.slack.WorkPermits;
import org.talentpool.slack.SlackUserDirectory;

/**
 * The sandbox machinery (stand-in Slack, signed requests, page endpoints) around a Bolt app whose listeners
 * the test writes, behind the real Javalin↔Bolt adapter: for flows no feature offers yet (modals, buttons,
 * response URLs). The demo people come from the given database.
 */
final class SandboxRig implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SIGNING_SECRET = "rig-signing-secret";
    static final String BOT_TOKEN = "xoxb-rig-token";

    final SandboxStore store;
    final SandboxSlack slack;
    final Slack slackClient;
    private final Javalin server;
    private final HttpClient http = HttpClient.newHttpClient();

    private SandboxRig(SandboxStore store, SandboxSlack slack, Slack slackClient, Javalin server) {
        this.store = store;
        this.slack = slack;
        this.slackClient = slackClient;
        this.server = server;
    }

    static SandboxRig start(Jdbi jdbi, Clock clock, Consumer<App> listeners) {
        DemoData demo = new DemoData(jdbi, clock, new AuditLog(jdbi, clock));
        demo.loadIfEmpty(List.of());
        SandboxStore store = new SandboxStore(clock);
        SandboxSlack slack = new SandboxSlack(store, demo, BOT_TOKEN).start();
        PoolConfig config = PoolConfig.fromEnv(Map.of())
                .withSlack(SIGNING_SECRET, BOT_TOKEN, slack.apiUrl(), Sandbox.DEFAULT_ADMIN_CHANNEL);
        Slack slackClient = SlackAppFactory.slack(config);
        App app = SlackAppFactory.app(config, slackClient);
        listeners.accept(app);
        Membership membership = new Membership(jdbi, new SlackUserDirectory(slackClient, BOT_TOKEN), clock);
        Javalin server = Javalin.create(javalin -> javalin.showJavalinBanner = false);
        server.post("/slack/events", new SlackHttpAdapter(app, SIGNING_SECRET, clock, new Metrics(),
                new WorkPermits(10, () -> { })));
        new SandboxPage(store, new SandboxRequests(store, slack, SIGNING_SECRET, clock), demo, membership,
                new AdminDirectory(jdbi, Set.of()), Sandbox.DEFAULT_ADMIN_CHANNEL).register(server);
        server.start("127.0.0.1", 0);
        return new SandboxRig(store, slack, slackClient, server);
    }

    String baseUrl() {
        return "http://localhost:" + server.port();
    }

    /** An HTTP answer from the page's endpoints. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
    }

    Answer post(String path, ObjectNode body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Types a slash command on the page as this person, in their DM with the bot. */
    Answer command(String userId, String typed) {
        return post("/sandbox/api/command", JSON.createObjectNode().put("user", userId).put("text", typed));
    }

    JsonNode state(String userId) {
        return get("/sandbox/api/state?user=" + userId).json();
    }

    /** The messages a person sees in their DM with the bot. */
    JsonNode dm(String userId) {
        return state(userId).path("conversations").get(0).path("messages");
    }

    @Override
    public void close() {
        server.stop();
        slack.close();
    }
}
