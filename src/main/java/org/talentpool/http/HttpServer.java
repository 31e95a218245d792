package org.talentpool.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP face: {@code POST /slack/events}, {@code GET /health}, {@code GET /metrics}.
 * Stopping is graceful: new requests get 503 while in-flight ones finish, then Jetty stops.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    /** One component's health for {@code /health}: whether it is up, and details to show. */
    public record Check(boolean up, Map<String, Object> details) {}

    private final Javalin javalin;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();

    public HttpServer(Handler slackEvents, Metrics metrics, Map<String, Supplier<Check>> checks) {
        this.javalin = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 1_000_000L;
        });
        javalin.before(ctx -> {
            if (stopping.get()) {
                ctx.header("Connection", "close");
                throw new io.javalin.http.ServiceUnavailableResponse("shutting down");
            }
            inFlight.incrementAndGet();
            ctx.attribute("counted", Boolean.TRUE);
        });
        javalin.after(ctx -> {
            if (Boolean.TRUE.equals(ctx.attribute("counted"))) {
                inFlight.decrementAndGet();
            }
        });
        javalin.post("/slack/events", slackEvents);
        javalin.get("/health", ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            boolean up = true;
            for (var check : checks.entrySet()) {
                Check result = check.getValue().get();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("status", result.up() ? "UP" : "DOWN");
                details.putAll(result.details());
                body.put(check.getKey(), details);
                up &= result.up();
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("status", up ? "UP" : "DOWN");
            response.putAll(body);
            ctx.status(up ? 200 : 503).json(response);
        });
        javalin.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
    }

    /** Lets a feature add routes (e.g. reports) before start. */
    public Javalin routes() {
        return javalin;
    }

    public HttpServer start(String host, int port) {
        javalin.start(host, port);
        return this;
    }

    public int port() {
        return javalin.port();
    }

    /** Stops taking requests, waits for in-flight ones (up to ten seconds), then stops Jetty. */
    @Override
    public void close() {
        stopping.set(true);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            log.warn("Stopping with {} requests still in flight", inFlight.get());
        }
        javalin.stop();
    }
}
