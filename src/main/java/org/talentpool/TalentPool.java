package org.talentpool;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.config.PoolConfig;
import org.talentpool.council.AdminDirectory;
import org.talentpool.council.Membership;
import org.talentpool.http.HttpServer;
import org.talentpool.http.Metrics;
import org.talentpool.persistence.AuditLog;
import org.talentpool.persistence.Database;
import org.talentpool.schedule.PoolScheduler;
import org.talentpool.slack.CommandRegistry;
import org.talentpool.slack.Outbox;
import org.talentpool.slack.OutboxDispatcher;
import org.talentpool.slack.PoolCommands;
import org.talentpool.slack.SlackAppFactory;
import org.talentpool.slack.SlackFeature;
import org.talentpool.slack.SlackHttpAdapter;
import org.talentpool.slack.SlackUserDirectory;
import org.talentpool.slack.SocketModeConnection;
import org.talentpool.slack.WebApiSender;

/**
 * The whole service, wired explicitly: config → database (migrations) → services → Slack app →
 * outbox dispatcher → scheduler → HTTP. {@link #close()} stops everything in reverse order.
 */
public final class TalentPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TalentPool.class);

    private final PoolConfig config;
    private final Clock clock;
    private final String instanceId = "tp-" + UUID.randomUUID().toString().substring(0, 8);
    private final Deque<AutoCloseable> stopOrder = new ArrayDeque<>();
    private final Metrics metrics = new Metrics();
    private final ExecutorService work = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "slow-work");
        thread.setDaemon(true);
        return thread;
    });
    private Database database;
    private PoolScheduler scheduler;
    private OutboxDispatcher dispatcher;
    private HttpServer http;

    private TalentPool(PoolConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Starts the service; on failure, whatever had started is stopped again and the error is thrown. */
    public static TalentPool start(PoolConfig config, Clock clock) throws Exception {
        TalentPool pool = new TalentPool(config, clock);
        try {
            pool.startComponents();
        } catch (Exception | Error e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    private void startComponents() throws Exception {
        stopOrder.push(() -> {
            work.shutdown();
            work.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        });
        database = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword(), 10);
        stopOrder.push(database);
        var jdbi = database.jdbi();
        AuditLog audit = new AuditLog(jdbi, clock);
        Outbox outbox = new Outbox(clock);
        AdminDirectory admins = new AdminDirectory(jdbi, config.admins());

        scheduler = new PoolScheduler(database.dataSource(), config.timezone(), instanceId);
        stopOrder.push(scheduler);

        Handler slackEvents = ctx -> ctx.status(503).json(Map.of("error", "slack_not_configured",
                "message", "Set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to connect a Slack workspace."));
        if (config.slackConnected()) {
            Slack slack = SlackAppFactory.slack(config);
            String token = config.botToken().orElseThrow();
            Membership membership = new Membership(jdbi, new SlackUserDirectory(slack, token), clock);
            Services services = new Services(config, clock, database, jdbi, audit, outbox, membership, admins,
                    scheduler, work);
            App app = SlackAppFactory.app(config, slack);
            CommandRegistry commands = new CommandRegistry();
            for (SlackFeature feature : features(services)) {
                feature.register(app, commands);
            }
            dispatcher = new OutboxDispatcher(jdbi, outbox, new WebApiSender(slack, token), clock, instanceId);
            dispatcher.start(Duration.ofMillis(500));
            stopOrder.push(dispatcher);
            if (config.socketMode()) {
                SocketModeConnection socketMode = new SocketModeConnection(config.appToken().orElseThrow(), app);
                socketMode.start();
                stopOrder.push(socketMode);
            } else {
                slackEvents = new SlackHttpAdapter(app, config.signingSecret().orElseThrow(), clock, metrics);
            }
        }

        scheduler.start();

        Map<String, Supplier<HttpServer.Check>> checks = new LinkedHashMap<>();
        checks.put("database", () -> new HttpServer.Check(database.isUp(),
                Map.of("kind", database.kind().name().toLowerCase(java.util.Locale.ROOT))));
        checks.put("scheduler", () -> new HttpServer.Check(scheduler.isRunning(),
                Map.of("instance", scheduler.instanceId())));
        http = new HttpServer(slackEvents, metrics, checks).start("0.0.0.0", config.port());
        stopOrder.push(http);
        log.info("Talent Pool listening on port {} ({})", http.port(), config);
        if (!config.slackConnected()) {
            log.info(NOT_CONNECTED);
        }
    }

    /** The features, in the order their help appears. Add a feature's one line here. */
    private static List<SlackFeature> features(Services services) {
        return List.of(
                new PoolCommands(services.admins()::isAdmin, services.audit()),
                new org.talentpool.availability.AvailabilityFeature(services),
                new org.talentpool.search.SearchFeature(services),
                new org.talentpool.booking.BookingFeature(services));
    }

    static final String NOT_CONNECTED = "No Slack workspace is connected (SLACK_SIGNING_SECRET is not set), so"
            + " /slack/events answers 503 and only /health and /metrics are useful. To connect a workspace, create"
            + " the app from manifest/manifest-http.yaml, then set SLACK_SIGNING_SECRET (Basic Information → App"
            + " Credentials) and SLACK_BOT_TOKEN (OAuth & Permissions, starts with xoxb-) and restart; or, for"
            + " Socket Mode, use manifest/manifest-socket-mode.yaml and also set SLACK_APP_TOKEN (xapp-…).";

    public int port() {
        return http.port();
    }

    public Database database() {
        return database;
    }

    public PoolScheduler scheduler() {
        return scheduler;
    }

    public OutboxDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public synchronized void close() {
        while (!stopOrder.isEmpty()) {
            AutoCloseable component = stopOrder.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Error while stopping {}: {}", component, e.getMessage());
            }
        }
    }
}
