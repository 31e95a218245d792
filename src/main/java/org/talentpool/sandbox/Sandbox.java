package org.talentpool.sandbox;

import io.javalin.Javalin;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.config.PoolConfig;
import org.talentpool.council.AdminDirectory;
import org.talentpool.council.Membership;
import org.talentpool.persistence.AuditLog;

/**
 * The local sandbox, active only when no Slack workspace is configured: a stand-in for Slack
 * ({@link SandboxSlack}: Web API, response URLs, uploads) that the real Bolt app and outbox talk to, demo data,
 * and a page at {@code /sandbox} where a person picks a demo identity and uses the bot. The bot is the real
 * one: each page action is a signed request to {@code /slack/events}. The signing secret and bot token are
 * made up at start and never leave the process.
 */
public final class Sandbox implements AutoCloseable {
    /** The admin channel when {@code POOL_ADMIN_CHANNEL} is not set. */
    public static final String DEFAULT_ADMIN_CHANNEL = "C0POOLADMINS";

    private final SandboxStore store;
    private final SandboxSlack slack;
    private final DemoData demo;
    private final PoolConfig slackConfig;
    private final SandboxRequests requests;

    private Sandbox(SandboxStore store, SandboxSlack slack, DemoData demo, PoolConfig slackConfig, Clock clock) {
        this.store = store;
        this.slack = slack;
        this.demo = demo;
        this.slackConfig = slackConfig;
        this.requests = new SandboxRequests(store, slack, slackConfig.signingSecret().orElseThrow(), clock);
    }

    /** Starts the stand-in for Slack on a free localhost port. */
    public static Sandbox start(PoolConfig config, Jdbi jdbi, Clock clock, AuditLog audit) {
        SecureRandom random = new SecureRandom();
        String signingSecret = HexFormat.of().formatHex(bytes(random, 32));
        String botToken = "xoxb-sandbox-" + HexFormat.of().formatHex(bytes(random, 12));
        SandboxStore store = new SandboxStore(clock);
        DemoData demo = new DemoData(jdbi, clock, audit);
        SandboxSlack slack = new SandboxSlack(store, demo, botToken).start();
        return new Sandbox(store, slack, demo, config.withSlack(signingSecret, botToken, slack.apiUrl(),
                DEFAULT_ADMIN_CHANNEL), clock);
    }

    private static byte[] bytes(SecureRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The settings with the sandbox standing in for Slack: build the Slack client and Bolt app from these. */
    public PoolConfig slackConfig() {
        return slackConfig;
    }

    /** Loads the demo data, with the features' seeds, if the database is empty. */
    public DemoData.Outcome loadDemoData(DemoSeeds seeds) {
        return demo.loadIfEmpty(seeds.all());
    }

    /** Adds the page and its endpoints under {@code /sandbox} to the service's HTTP server (before it starts). */
    public void servePage(Javalin routes, Membership membership, AdminDirectory admins) {
        new SandboxPage(store, requests, demo, membership, admins, slackConfig.adminChannel().orElseThrow())
                .register(routes);
    }

    /** The page's address for a person on this machine. */
    public static String address(int port) {
        return "http://localhost:" + port + SandboxPage.PATH;
    }

    @Override
    public void close() {
        slack.close();
    }
}
