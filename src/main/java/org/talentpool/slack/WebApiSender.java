package org.talentpool.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import java.io.IOException;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.ResponseBody;

/** Sends outbox calls through the Slack SDK's HTTP client to the configured Web API. */
public final class WebApiSender implements SlackSender {
    private final Slack slack;
    private final String token;

    public WebApiSender(Slack slack, String token) {
        this.slack = slack;
        this.token = token;
    }

    @Override
    public Result send(String method, Map<String, String> params) {
        FormBody.Builder form = new FormBody.Builder();
        params.forEach(form::add);
        try (okhttp3.Response response = slack.methods(token).runPostFormWithToken(form, method, token)) {
            int status = response.code();
            if (status == 429) {
                return Result.failed(status, "ratelimited", retryAfter(response.header("Retry-After")));
            }
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (status >= 300) {
                return Result.failed(status, "http_" + status, 0);
            }
            JsonNode json = Outbox.JSON.readTree(text);
            if (json.path("ok").asBoolean(false)) {
                return Result.ok(json);
            }
            return Result.failed(status, json.path("error").asText("unknown_error"), 0);
        } catch (IOException | RuntimeException e) {
            return Result.failed(0, "transport: " + e.getClass().getSimpleName() + ": " + e.getMessage(), 0);
        }
    }

    static long retryAfter(String header) {
        if (header == null) {
            return 1;
        }
        try {
            return Math.max(1, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
