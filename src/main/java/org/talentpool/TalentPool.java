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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.config.PoolConfig;
import org.talentpool.council.AdminDirectory;
import org.talentpool.council.CouncilFeature;
import org.talentpool.council.Membership;
import org.talentpool.home.AdminPanelSection;
import org.talentpool.home.AppHome;
import org.talentpool.home.CouncilHomes;
import org.talentpool.home.HomeFeature;
import org.talentpool.home.HomePublisher;
import org.talentpool.home.HomeRefresher;
import org.talentpool.home.WelcomeSection;
import org.talentpool.http.HttpRoutes;
import org.talentpool.http.HttpServer;
import org.talentpool.http.Metrics;
import org.talentpool.persistence.AuditLog;
import org.talentpool.persistence.Database;
import org.talentpool.schedule.JobRuns;
import org.talentpool.schedule.OperationsCommands;
import org.talentpool.sandbox.DemoData;
import org.talentpool.sandbox.DemoSeeds;
import org.talentpool.sandbox.Sandbox;
import org.talentpool.schedule.PoolScheduler;
import org.talentpool.schedule.ScheduledJob;
import org.talentpool.slack.CommandRegistry;
import org.talentpool.slack.Outbox;
import org.talentpool.slack.OutboxDispatcher;
import org.talentpool.slack.OutboxHousekeeping;
import org.talentpool.slack.OutboxStatus;
import org.talentpool.slack.PoolCommands;
import org.talentpool.slack.SlackAppFactory;
import org.talentpool.slack.SlackFeature;
import org.talentpool.slack.SlackHttpAdapter;
import org.talentpool.slack.SlackUserDirectory;
import org.talentpool.slack.SocketModeConnection;
import org.talentpool.slack.WebApiSender;
import org.talentpool.slack.WorkPermits;

/**
 * The whole service, wired explicitly: config → database (migrations) → services → Slack app (or, without a
 * workspace, the sandbox standing in for Slack) → outbox dispatcher and App Home publisher → scheduler → HTTP.
 * {@link #close()} stops everything in reverse order.
 */
public final class TalentPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TalentPool.class);
    /** How long {@link #close()} waits for slow work already queued. */
    private static final Duration SLOW_WORK_GRACE = Duration.ofSeconds(10);

    private final PoolConfig config;
    private final Clock clock;
    private final String instanceId = "tp-" + UUID.randomUUID().toString().substring(0, 8);
    private final Deque<AutoCloseable> stopOrder = new ArrayDeque<>();
    private final Metrics metrics = new Metrics();
    /** The database's connections: Slack requests and their slow work take turns for them ({@link WorkPermits}). */
    private static final int DATABASE_CONNECTIONS = 10;
    private final WorkPermits permits = new WorkPermits(DATABASE_CONNECTIONS, metrics::slackRequestWaitedOut);
    private final ExecutorService work = permits.slowWork(4, "slow-work");
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
        database = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword(),
                DATABASE_CONNECTIONS);
        stopOrder.push(database);
        // stopped before the database: work acknowledged to Slack (a search, a booking's messages) still finishes
        stopOrder.push(this::finishSlowWork);
        var jdbi = database.jdbi();
        AuditLog audit = new AuditLog(jdbi, clock);
        Outbox outbox = new Outbox(clock);
        AdminDirectory admins = new AdminDirectory(jdbi, config.admins());

        scheduler = new PoolScheduler(database.dataSource(), config.timezone(), instanceId, new JobRuns(jdbi, clock));
        stopOrder.push(scheduler);
        scheduler.register(new OutboxHousekeeping(jdbi, clock));

        // Without a workspace the sandbox stands in for Slack: the same Bolt app and outbox, its Web API.
        Sandbox sandbox = config.sandbox() ? Sandbox.start(config, jdbi, clock, audit) : null;
        if (sandbox != null) {
            stopOrder.push(sandbox);
        }
        PoolConfig slackConfig = sandbox == null ? config : sandbox.slackConfig();
        Slack slack = SlackAppFactory.slack(slackConfig);
        String token = slackConfig.botToken().orElseThrow();
        // a specialist whose council changes has their rows in search's listing index refreshed
        var listing = new org.talentpool.availability.ListingIndex(jdbi, clock, config.timezone());
        Membership membership = new Membership(jdbi, new SlackUserDirectory(slack, token), clock, listing::refresh);
        dispatcher = new OutboxDispatcher(jdbi, outbox, new WebApiSender(slack, token), clock, instanceId);
        CommandRegistry commands = new CommandRegistry();
        AppHome home = new AppHome(membership, admins, new HomeRefresher(jdbi, clock), clock, config.timezone(),
                new WelcomeSection(commands), new AdminPanelSection(jdbi, dispatcher::counts, scheduler::isRunning));
        DemoSeeds demoSeeds = new DemoSeeds();
        Services services = new Services(slackConfig, clock, database, jdbi, audit, outbox, membership, admins,
                scheduler, work, home, demoSeeds, metrics);
        App app = SlackAppFactory.app(slackConfig, slack);
        List<SlackFeature> features = features(services, listing);
        for (SlackFeature feature : features) {
            feature.register(app, commands);
            for (ScheduledJob job : feature.jobs()) {
                scheduler.register(job);
            }
        }
        if (sandbox != null) {
            sandbox.loadDemoData(demoSeeds);
        } else if (new DemoData(jdbi, clock, audit).loaded()) {
            log.warn("This database holds the sandbox's demo councils and people: a real workspace wants a fresh one.");
        }
        dispatcher.start(Duration.ofMillis(500));
        stopOrder.push(dispatcher);
        HomePublisher homePublisher = new HomePublisher(jdbi, home, outbox, clock, instanceId);
        homePublisher.start(Duration.ofSeconds(2));
        stopOrder.push(homePublisher);
        Handler slackEvents;
        if (slackConfig.socketMode()) {
            SocketModeConnection socketMode = new SocketModeConnection(slackConfig.appToken().orElseThrow(), app);
            socketMode.start();
            stopOrder.push(socketMode);
            slackEvents = ctx -> ctx.status(503).json(Map.of("error", "socket_mode",
                    "message", "This service receives Slack requests by Socket Mode (SLACK_APP_TOKEN is set)."));
        } else {
            slackEvents = new SlackHttpAdapter(app, slackConfig.signingSecret().orElseThrow(), clock, metrics,
                    permits);
        }

        scheduler.start();

        Map<String, Supplier<HttpServer.Check>> checks = new LinkedHashMap<>();
        checks.put("database", () -> new HttpServer.Check(database.isUp(),
                Map.of("kind", database.kind().name().toLowerCase(java.util.Locale.ROOT))));
        checks.put("scheduler", () -> new HttpServer.Check(scheduler.isRunning(),
                Map.of("instance", scheduler.instanceId())));
        checks.put("outbox", () -> new HttpServer.Check(true, OutboxStatus.healthDetails(jdbi, clock)));
        http = new HttpServer(slackEvents, metrics, checks);
        features.stream().filter(HttpRoutes.class::isInstance)
                .forEach(feature -> ((HttpRoutes) feature).addRoutes(http.routes()));
        if (sandbox != null) {
            sandbox.servePage(http.routes(), membership, admins);
        }
        http.start(sandbox == null ? "0.0.0.0" : "127.0.0.1", config.port());
        stopOrder.push(http);
        log.info("Talent Pool listening on port {} ({})", http.port(), config);
        if (sandbox != null) {
            log.info("****************************************************************************");
            log.info("  Sandbox: try the bot in a browser at {}", Sandbox.address(http.port()));
            log.info("****************************************************************************");
            log.info(CONNECT_A_WORKSPACE);
        }
    }

    /**
     * The features, in the order their help, App Home sections and demo data appear. Add a feature's one line here.
     * Booking is built first because availability and councils tell it about specialists and councils leaving;
     * search's {@code listing} index hears of councils' status changes, as it hears of members moving.
     */
    private static List<SlackFeature> features(Services services,
                                               org.talentpool.availability.ListingIndex listing) {
        var booking = new org.talentpool.booking.BookingFeature(services);
        return List.of(
                new HomeFeature(services.home().refresher()),
                new PoolCommands(services.admins()::isAdmin, services.audit()),
                new org.talentpool.availability.AvailabilityFeature(services, booking.listingListener()),
                new org.talentpool.search.SearchFeature(services),
                booking,
                new org.talentpool.ledger.LedgerFeature(services, booking),
                new OperationsCommands(services),
                new CouncilFeature(services, List.of(booking.councilStatusListener(), listing.councilStatusListener(),
                        new CouncilHomes(services.home().refresher()))));
    }

    static final String CONNECT_A_WORKSPACE = "No Slack workspace is configured (SLACK_SIGNING_SECRET and"
            + " SLACK_APP_TOKEN are not set), so the sandbox above stands in for Slack, with demo people, on this"
            + " machine only. To connect a workspace, create the app from manifest/manifest-http.yaml, then set"
            + " SLACK_SIGNING_SECRET (Basic Information → App Credentials) and SLACK_BOT_TOKEN (OAuth & Permissions,"
            + " starts with xoxb-) and restart; or, for Socket Mode, use manifest/manifest-socket-mode.yaml and also"
            + " set SLACK_APP_TOKEN (xapp-…).";

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

    /**
     * Lets the slow work already queued finish (HTTP and the scheduler, which add to it, have stopped by then), for up
     * to {@link #SLOW_WORK_GRACE}; what is still queued then is dropped, and said so.
     */
    private void finishSlowWork() throws InterruptedException {
        work.shutdown();
        if (!work.awaitTermination(SLOW_WORK_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            List<Runnable> dropped = work.shutdownNow();
            log.warn("Stopped with slow work unfinished after {} s: {} queued tasks dropped",
                    SLOW_WORK_GRACE.toSeconds(), dropped.size());
        }
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
