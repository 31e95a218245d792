package org.talentpool.bench;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.Slack;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.config.PoolConfig;
import org.talentpool.persistence.Database;
import org.talentpool.slack.Outbox;
import org.talentpool.slack.OutboxDispatcher;
import org.talentpool.slack.SlackAppFactory;
import org.talentpool.slack.SlackMessages;
import org.talentpool.slack.SlackRateLimiter;
import org.talentpool.slack.WebApiSender;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.TestDatabase;

/**
 * (5) Outbox fan-out: 10,000 DMs (one each to 10,000 people, like a Monday digest) queued in the outbox, then
 * delivered by {@link OutboxDispatcher} through the fake Slack, which enforces a limit on chat.postMessage (a
 * token bucket: {@code rate} a second, bursts of {@value #SLACK_BURST}) and answers calls over it with HTTP 429
 * and Retry-After. Two cases: one instance whose pacing is set to the limit (the dispatcher's own burst is
 * smaller than Slack's, so jitter on the way does not cost a 429), and, on PostgreSQL, two instances each set to
 * the whole limit (as a cluster's instances are), which pace to their share of it while both deliver
 * ({@code SlackRateLimiter.shareWith}; with a tenth of the messages, to keep within the time budget). Delivered
 * per second is reported as a fraction of what the limit allowed in the time taken (its burst plus {@code rate} ×
 * seconds); lost and duplicated DMs are counted per recipient in what the fake Slack kept.
 */
final class OutboxBench {
    static final String NAME = "outbox";
    static final String METHOD = "chat.postMessage";
    static final int SLACK_BURST = 20;
    static final int DISPATCHER_BURST = 10;
    static final double TARGET_FRACTION = 0.9;
    /** How often the dispatcher looks for due messages when nothing wakes it, as in the service. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final BenchOptions options;
    private final Report report;

    OutboxBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    void run(TestDatabase.Kind kind) throws Exception {
        String db = Databases.label(kind);
        fanOut(kind, db, 1, options.outboxMessages());
        if (kind == TestDatabase.Kind.POSTGRESQL) {
            // Several instances run only on PostgreSQL; fewer messages keep the slower case within the time budget.
            fanOut(kind, db, 2, Math.max(1, options.outboxMessages() / 10));
        }
    }

    private void fanOut(TestDatabase.Kind kind, String db, int instances, int messages) throws Exception {
        double rate = options.outboxRate();
        Clock clock = Clock.systemUTC();
        try (TestDatabase database = TestDatabase.create(kind);
             Database open = Database.open(database.url(), "", "", 10);
             FakeSlack slack = new FakeSlack(clock)) {
            Jdbi jdbi = open.jdbi();
            slack.rateLimit(METHOD, rate, SLACK_BURST);
            Outbox outbox = new Outbox(clock);
            List<String> recipients = new ArrayList<>(messages);
            for (int i = 1; i <= messages; i++) {
                recipients.add(PoolData.specialistId(i));
            }
            long enqueueStarted = System.nanoTime();
            for (int from = 0; from < messages; from += 1_000) {
                List<String> chunk = recipients.subList(from, Math.min(messages, from + 1_000));
                jdbi.useTransaction(handle -> {
                    for (String user : chunk) {
                        outbox.enqueue(handle, SlackMessages.post("bench-digest-2026-W45-" + user, user,
                                "Your bookings this week", List.of(section(s -> s.text(markdownText(
                                        "*Your bookings this week*\n• Tue 10:00–12:00 GIS support for Leeds City"
                                                + " Council (2 h)\n• Thu 14:00–15:00 user research review (1 h)"))))));
                    }
                });
            }
            double enqueueSeconds = (System.nanoTime() - enqueueStarted) / 1e9;

            PoolConfig config = PoolConfig.fromEnv(Map.of("SLACK_SIGNING_SECRET", ServiceHarness.SIGNING_SECRET,
                    "SLACK_BOT_TOKEN", ServiceHarness.BOT_TOKEN, "SLACK_API_URL", slack.apiUrl()));
            Slack client = SlackAppFactory.slack(config);
            SlackRateLimiter.Limits limits = new SlackRateLimiter.Limits(
                    Map.of(METHOD, new SlackRateLimiter.Rate(rate, DISPATCHER_BURST)),
                    SlackRateLimiter.Limits.SLACK.otherMethods(), SlackRateLimiter.Limits.SLACK.postMessagePerChannel());
            OutboxDispatcher.Settings settings = OutboxDispatcher.Settings.DEFAULTS.withLimits(limits);
            List<OutboxDispatcher> dispatchers = new ArrayList<>();
            for (int i = 1; i <= instances; i++) {
                dispatchers.add(new OutboxDispatcher(jdbi, outbox, new WebApiSender(client, ServiceHarness.BOT_TOKEN),
                        clock, "bench-" + i, settings, SlackRateLimiter.Ticker.SYSTEM));
            }
            long started = System.nanoTime();
            long deadline = started + Duration.ofSeconds((long) (messages / rate * 3) + 60).toNanos();
            dispatchers.forEach(dispatcher -> dispatcher.start(POLL_INTERVAL));
            long finished;
            OutboxDispatcher.Counts counts;
            try {
                finished = Profiler.profile(options, report,
                        "outbox-" + AckPathBench.slug(db) + "-" + instances + "-instances", () -> {
                            while (true) {
                                OutboxDispatcher.Counts now = dispatchers.get(0).counts();
                                long at = System.nanoTime();
                                if (now.sent() + now.failed() >= messages || at > deadline) {
                                    return at;
                                }
                                Thread.sleep(50);
                            }
                        });
            } finally {
                dispatchers.forEach(OutboxDispatcher::close);
            }
            counts = dispatchers.get(0).counts();
            double seconds = (finished - started) / 1e9;
            long lost = 0;
            long duplicated = 0;
            for (String user : recipients) {
                int received = slack.history(user).size();
                lost += received == 0 ? 1 : 0;
                duplicated += Math.max(0, received - 1);
            }
            long refused = slack.rateLimited(METHOD);
            double delivered = counts.sent() / seconds;
            double allowed = (SLACK_BURST + rate * seconds) / seconds;
            double fraction = delivered / allowed;
            String verdict = Report.verdict(fraction, TARGET_FRACTION, true);
            String scenario = instances == 1 ? "1 instance paced to the limit"
                    : instances + " instances sharing the limit";
            report.line("[%s] %s: %,d DMs queued in %.1f s; delivered in %.1f s = %,.1f/s = %.3f of the limit"
                            + " (%.0f/s, burst %d), target ≥ %.1f: %s", db, scenario, messages, enqueueSeconds,
                    seconds, delivered, fraction, rate, SLACK_BURST, TARGET_FRACTION, verdict);
            report.line("[%s] %s: %d lost, %d duplicated, %d failed, %d still queued; %,d calls answered 429;"
                            + " load average %s", db, scenario, lost, duplicated, counts.failed(), counts.queued(),
                    refused, Machine.loadAverage());
            String metric = "DMs delivered per second, " + scenario;
            report.figure(NAME, db, metric, delivered, "msg/s", "enforced limit", allowed, "≥ 0.9 of the limit",
                    verdict);
            report.figure(NAME, db, "lost, " + scenario, lost, "messages", "", Double.NaN, "0",
                    lost == 0 ? "met" : "MISSED");
            report.figure(NAME, db, "duplicated, " + scenario, duplicated, "messages", "", Double.NaN, "0",
                    duplicated == 0 ? "met" : "MISSED");
            report.figure(NAME, db, "answered 429, " + scenario, refused, "calls", "", Double.NaN, "", "");
        }
    }
}
