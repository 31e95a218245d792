package org.talentpool.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.BlockSuggestionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewClosedRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.http.Metrics;

/**
 * The one Javalin↔Bolt adapter: turns a Javalin request into a Bolt request, runs the app, copies the
 * status, headers and body back. Before Bolt sees anything it refuses requests that are unsigned,
 * wrongly signed, or whose timestamp is more than five minutes away from now in either direction
 * (Bolt alone accepts future timestamps); Bolt then verifies the signature again. The app runs a request when its
 * turn comes ({@link WorkPermits}).
 */
public final class SlackHttpAdapter implements Handler {
    private static final Logger log = LoggerFactory.getLogger(SlackHttpAdapter.class);
    static final long MAX_CLOCK_SKEW_SECONDS = 300;

    private final App app;
    private final SlackRequestParser parser;
    private final SlackSignature.Verifier verifier;
    private final Clock clock;
    private final Metrics metrics;
    private final WorkPermits permits;

    /** {@code permits}: how many requests run at once ({@link WorkPermits}). */
    public SlackHttpAdapter(App app, String signingSecret, Clock clock, Metrics metrics, WorkPermits permits) {
        this.permits = permits;
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.verifier = new SlackSignature.Verifier(new HmacSignature(signingSecret));
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        long started = System.nanoTime();
        String body = ctx.body();
        String rejection = rejection(ctx.header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP),
                ctx.header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE), body);
        if (rejection != null) {
            metrics.slackRejected(rejection);
            ctx.status(401).json(Map.of("error", "invalid_request", "reason", rejection));
            return;
        }
        Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(ctx.path())
                    .queryString(ctx.queryParamMap())
                    .headers(new RequestHeaders(headers(ctx)))
                    .requestBody(body)
                    .remoteAddress(ctx.ip())
                    .build());
        } catch (RuntimeException e) {
            request = null;
        }
        if (request == null || !understood(request)) {
            metrics.slackRejected("malformed");
            ctx.status(400).json(Map.of("error", "malformed_request"));
            return;
        }
        Response response;
        Request<?> parsed = request;
        try {
            response = permits.request(() -> app.run(parsed));
        } catch (Exception e) {
            log.error("Slack request {} failed", describe(request), e);
            response = Response.builder().statusCode(500).contentType(Response.CONTENT_TYPE_APPLICATION_JSON)
                    .body("{\"error\":\"internal_error\"}").build();
        }
        String[] label = label(request);
        int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
        metrics.slackRequest(label[0], label[1], status < 400 ? "ok" : "error",
                Duration.ofNanos(System.nanoTime() - started));
        copy(response, ctx);
    }

    /** Why a request must be refused, or null when its timestamp and signature are good. */
    String rejection(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
            return "unsigned";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "bad_timestamp";
        }
        long now = clock.instant().getEpochSecond();
        if (seconds > now + MAX_CLOCK_SKEW_SECONDS) {
            return "future_timestamp";
        }
        if (seconds < now - MAX_CLOCK_SKEW_SECONDS) {
            return "stale_timestamp";
        }
        if (!verifier.isValid(timestamp.trim(), body, signature.trim(), clock.millis())) {
            return "bad_signature";
        }
        return null;
    }

    /** The kinds of request this app has listeners for; anything else is not a request Slack would send it. */
    private static boolean understood(Request<?> request) {
        return request instanceof SlashCommandRequest || request instanceof BlockActionRequest
                || request instanceof ViewSubmissionRequest || request instanceof ViewClosedRequest
                || request instanceof BlockSuggestionRequest || request instanceof EventRequest;
    }

    private static Map<String, List<String>> headers(Context ctx) {
        Map<String, List<String>> headers = new HashMap<>();
        var names = ctx.req().getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            headers.put(name, java.util.Collections.list(ctx.req().getHeaders(name)));
        }
        return headers;
    }

    private static void copy(Response response, Context ctx) {
        ctx.status(response.getStatusCode() == null ? 200 : response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> values.forEach(value -> ctx.res().addHeader(name, value)));
        }
        if (response.getContentType() != null) {
            ctx.contentType(response.getContentType());
        }
        if (response.getBody() != null) {
            ctx.result(response.getBody());
        }
    }

    /** The metric labels of a request: kind and name (command, action ID, view callback ID, event type). */
    static String[] label(Request<?> request) {
        if (request instanceof SlashCommandRequest command) {
            return new String[] {"command", command.getPayload().getCommand()};
        }
        if (request instanceof BlockActionRequest action) {
            var actions = action.getPayload().getActions();
            return new String[] {"action", actions == null || actions.isEmpty() ? "-" : actions.get(0).getActionId()};
        }
        if (request instanceof ViewSubmissionRequest submission) {
            return new String[] {"view_submission", submission.getPayload().getView().getCallbackId()};
        }
        if (request instanceof ViewClosedRequest closed) {
            return new String[] {"view_closed", closed.getPayload().getView().getCallbackId()};
        }
        if (request instanceof BlockSuggestionRequest suggestion) {
            return new String[] {"options", suggestion.getPayload().getActionId()};
        }
        if (request instanceof EventRequest event) {
            return new String[] {"event", String.valueOf(event.getEventType())};
        }
        return new String[] {"other", request.getRequestType().name().toLowerCase(java.util.Locale.ROOT)};
    }

    private static String describe(Request<?> request) {
        String[] label = label(request);
        return label[0] + " " + label[1];
    }
}
