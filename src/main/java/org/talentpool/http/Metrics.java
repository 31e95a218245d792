package org.talentpool.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The service's Prometheus registry and the Slack request meters served at {@code GET /metrics}. */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /**
     * The request timers by kind, name and outcome, built once each: building and registering one again on every
     * request (the registry then finds the existing meter) cost CPU on every Slack request. The registry holds
     * every timer anyway, so this map grows no further than it does.
     */
    private final Map<List<String>, Timer> requestTimers = new ConcurrentHashMap<>();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A Slack request that reached the app: kind (command, action, view_submission, event…), its name, outcome. */
    public void slackRequest(String kind, String name, String outcome, Duration latency) {
        requestTimers.computeIfAbsent(List.of(kind, name, outcome), labels -> Timer.builder("slack.requests")
                .description("Slack requests handled, by kind, command or action, and outcome")
                .tag("kind", kind)
                .tag("name", name)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry))
                .record(latency);
    }

    /** A request refused before any handler: unsigned, forged, stale, from the future, or malformed. */
    public void slackRejected(String reason) {
        Counter.builder("slack.requests.rejected")
                .description("Slack requests refused before reaching a handler, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** A Slack request that waited its longest for a turn ({@code WorkPermits}) and went ahead without one. */
    public void slackRequestWaitedOut() {
        Counter.builder("slack.requests.waited.out")
                .description("Slack requests that ran without waiting their turn any longer (every permit in use)")
                .register(registry)
                .increment();
    }

    /** A search answered "busy" because as many searches as this service queues were waiting already. */
    public void searchTurnedAway() {
        Counter.builder("searches.turned.away")
                .description("Searches answered 'busy, try again in a minute' (as many as it queues were waiting)")
                .register(registry)
                .increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
