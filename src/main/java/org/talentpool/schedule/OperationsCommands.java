package org.talentpool.schedule;

import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.Services;
import org.talentpool.slack.CommandRegistry;
import org.talentpool.slack.OutboxHousekeeping;
import org.talentpool.slack.OutboxStatus;
import org.talentpool.slack.PoolCommands;
import org.talentpool.slack.SlackFeature;
import org.talentpool.slack.SlackText;

/**
 * {@code /pool-admin jobs}, {@code /pool-admin run-job <name>} and {@code /pool-admin outbox}: what the
 * background machinery is doing, for community admins. Times are shown in the pool's time zone.
 */
public final class OperationsCommands implements SlackFeature {
    static final String RUN_JOB_EXAMPLE = "/pool-admin run-job " + OutboxHousekeeping.NAME;
    private static final int FAILURES_SHOWN = 5;

    private final JobControl jobs;
    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter time;

    public OperationsCommands(Services services) {
        this.jobs = new JobControl(services.scheduler(), services.audit());
        this.jdbi = services.jdbi();
        this.clock = services.clock();
        this.zone = services.config().timezone();
        this.dateTime = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.UK).withZone(zone);
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.UK).withZone(zone);
    }

    @Override
    public void register(App app, CommandRegistry commands) {
        commands.admin("jobs", "/pool-admin jobs", "scheduled jobs: what each does, its next run, its last run and"
                + " how it went", this::listJobs);
        commands.admin("run-job", RUN_JOB_EXAMPLE, "run a scheduled job now, once (audited)", this::runJob);
        commands.admin("outbox", "/pool-admin outbox", "Slack messages queued, failed and sent, and the latest"
                + " failures with their error codes", this::outbox);
    }

    private Response listJobs(CommandRegistry.Call call) throws Exception {
        List<JobControl.JobStatus> statuses = jobs.jobs();
        if (statuses.isEmpty()) {
            return PoolCommands.ephemeral(call.context(), "No scheduled jobs are registered.");
        }
        StringBuilder text = new StringBuilder("*Scheduled jobs* (times in ").append(zone.getId()).append(")\n");
        for (JobControl.JobStatus job : statuses) {
            text.append("• `").append(job.name()).append("` — ").append(SlackText.escape(job.description()))
                    .append("\n      Next: ").append(job.nextRun().map(dateTime::format).orElse("not scheduled"))
                    .append(" · Last: ").append(job.lastRun().map(this::describe).orElse("never run"))
                    .append('\n');
        }
        return PoolCommands.ephemeral(call.context(), text.toString().stripTrailing());
    }

    private String describe(JobRuns.JobRun run) {
        String why = switch (run.firedBy()) {
            case "admin" -> "run by " + (run.requestedBy() == null ? "an admin" : SlackText.mention(run.requestedBy()));
            case "recovery" -> "re-run after an interrupted run";
            default -> "scheduled";
        };
        Instant started = run.startedAt().toInstant();
        if (run.outcomeValue() == JobRuns.Outcome.RUNNING) {
            return "running since " + dateTime.format(started) + " (" + why + ", on " + run.instanceId() + ")";
        }
        String detail = run.detail() == null || run.detail().isBlank() ? "" : ": " + SlackText.escape(run.detail());
        return dateTime.format(started) + " (" + why + ") — *" + run.outcome() + "*" + detail;
    }

    private Response runJob(CommandRegistry.Call call) throws Exception {
        String name = call.args().trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return PoolCommands.ephemeral(call.context(), "Say which job to run, for example `" + RUN_JOB_EXAMPLE
                    + "`. Jobs: " + names(jobs.names()) + ".");
        }
        JobControl.RunRequest request = jobs.runNow(name, call.userId());
        if (request instanceof JobControl.UnknownJob unknown) {
            return PoolCommands.ephemeral(call.context(), "There is no job called `" + SlackText.escape(call.args().trim())
                    + "`. Jobs: " + names(unknown.known()) + ". For example `" + RUN_JOB_EXAMPLE + "`.");
        }
        return PoolCommands.ephemeral(call.context(), "Running `" + name + "` now, once. `/pool-admin jobs` shows"
                + " when it has finished and what it did.");
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none registered"
                : names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    }

    private Response outbox(CommandRegistry.Call call) {
        OutboxStatus status = OutboxStatus.read(jdbi, clock, FAILURES_SHOWN);
        StringBuilder text = new StringBuilder("*Outbox*: ").append(status.queued()).append(" queued");
        if (status.queued() > 0) {
            text.append(" (");
            if (status.retrying() > 0) {
                text.append(status.retrying()).append(" being retried; ");
            }
            text.append("oldest ").append(status.oldestQueuedAge().map(OperationsCommands::age).orElse("just now"))
                    .append(')');
        }
        text.append(", ").append(status.failed()).append(" failed, ").append(status.sent()).append(" sent.");
        for (OutboxStatus.Pause pause : status.pauses()) {
            text.append("\nHeld after rate limiting: `").append(pause.method()).append("` until ")
                    .append(time.format(pause.until())).append(" (").append(SlackText.escape(pause.reason())).append(')');
        }
        if (status.recentFailures().isEmpty()) {
            text.append("\nNo failures.");
        } else {
            text.append("\n*Latest failures*");
            for (OutboxStatus.Failure failure : status.recentFailures()) {
                text.append("\n• `").append(SlackText.escape(failure.error())).append("` — ")
                        .append(failure.method()).append(" `").append(SlackText.escape(failure.dedupKey())).append("` · ")
                        .append("failed".equals(failure.status()) ? "failed for good" : "being retried")
                        .append(" · ").append(failure.attempts()).append(failure.attempts() == 1 ? " attempt" : " attempts")
                        .append(failure.lastAttemptAt().map(at -> " · " + dateTime.format(at)).orElse(""));
            }
        }
        return PoolCommands.ephemeral(call.context(), text.toString());
    }

    /** "45 s", "4 min", "3 h 5 min", "2 days 4 h". */
    static String age(Duration age) {
        long seconds = age.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        long days = seconds / 86_400;
        return days + (days == 1 ? " day " : " days ") + seconds % 86_400 / 3600 + " h";
    }
}
