package org.talentpool.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.talentpool.slack.HmacSignature;

/**
 * Turns what a person does on the sandbox page into the request Slack would send to {@code POST /slack/events},
 * signed with the sandbox's signing secret at the service's clock time: slash commands as form bodies with a
 * response_url back into the sandbox, block_actions, view_submission and view_closed as {@code payload=} form
 * bodies, and {@code app_home_opened} as an Events API JSON callback.
 */
final class SandboxRequests {
    /** Slack gives up on an app that has not answered within this time. */
    static final Duration SLACK_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);

    /** The app's answer, and how long it took. */
    record Reply(int status, String body, Duration elapsed) {
        boolean ok() {
            return status == 200;
        }

        boolean tooSlowForSlack() {
            return elapsed.compareTo(SLACK_TIMEOUT) > 0;
        }

        /** The body as JSON, or null when empty or not JSON. */
        JsonNode json() {
            if (body == null || body.isBlank()) {
                return null;
            }
            try {
                JsonNode node = SandboxStore.JSON.readTree(body);
                return node != null && node.isObject() ? node : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    private final SandboxStore store;
    private final SandboxSlack slack;
    private final SlackSignature.Generator signer;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SandboxRequests(SandboxStore store, SandboxSlack slack, String signingSecret, Clock clock) {
        this.store = store;
        this.slack = slack;
        this.signer = new HmacSignature(signingSecret);
        this.clock = clock;
    }

    Reply command(URI events, DemoPerson person, String channel, String command, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "sandbox-verification-token");
        form.put("team_id", SandboxSlack.TEAM_ID);
        form.put("team_domain", SandboxSlack.TEAM_DOMAIN);
        form.put("channel_id", channel);
        form.put("channel_name", channel.startsWith("D") ? "directmessage" : "pool-admins");
        form.put("user_id", person.userId());
        form.put("user_name", username(person));
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", SandboxSlack.APP_ID);
        form.put("is_enterprise_install", "false");
        form.put("response_url", slack.responseUrl(store.newResponseUrl(person.userId(), channel, null)));
        form.put("trigger_id", store.newTrigger(person.userId()));
        return post(events, formEncode(form), "application/x-www-form-urlencoded");
    }

    /** A click or choice in a message the person sees. */
    Reply messageAction(URI events, DemoPerson person, SandboxStore.Message message, ObjectNode action,
                        ObjectNode stateValues) {
        ObjectNode payload = interaction("block_actions", person);
        payload.putObject("container").put("type", "message").put("message_ts", message.ts())
                .put("channel_id", message.channel()).put("is_ephemeral", message.ephemeral());
        payload.putObject("channel").put("id", message.channel())
                .put("name", message.channel().startsWith("D") ? "directmessage" : "pool-admins");
        if (!message.ephemeral()) {
            payload.set("message", SandboxSlack.messageJson(message));
        }
        payload.putObject("state").set("values", stateValues);
        payload.put("response_url", slack.responseUrl(store.newResponseUrl(person.userId(), message.channel(),
                message.id())));
        payload.putArray("actions").add(action(action));
        return postPayload(events, payload);
    }

    /** A click or choice in a modal or on the App Home. */
    Reply viewAction(URI events, DemoPerson person, ObjectNode view, ObjectNode action, ObjectNode stateValues) {
        ObjectNode payload = interaction("block_actions", person);
        payload.putObject("container").put("type", "view").put("view_id", view.path("id").asText());
        view.putObject("state").set("values", stateValues);
        payload.set("view", view);
        payload.putObject("state").set("values", stateValues);
        payload.putArray("actions").add(action(action));
        return postPayload(events, payload);
    }

    Reply viewSubmission(URI events, DemoPerson person, ObjectNode view, ObjectNode stateValues) {
        ObjectNode payload = interaction("view_submission", person);
        view.putObject("state").set("values", stateValues);
        payload.set("view", view);
        payload.putArray("response_urls");
        return postPayload(events, payload);
    }

    Reply viewClosed(URI events, DemoPerson person, ObjectNode view) {
        ObjectNode payload = interaction("view_closed", person);
        payload.remove("trigger_id");
        payload.set("view", view);
        payload.put("is_cleared", false);
        return postPayload(events, payload);
    }

    Reply appHomeOpened(URI events, DemoPerson person, JsonNode homeView) {
        long now = clock.instant().getEpochSecond();
        ObjectNode event = SandboxStore.JSON.createObjectNode().put("type", "app_home_opened")
                .put("user", person.userId()).put("channel", SandboxStore.dmChannel(person.userId()))
                .put("tab", "home").put("event_ts", now + ".000100");
        if (homeView != null) {
            event.set("view", homeView);
        }
        ObjectNode body = SandboxStore.JSON.createObjectNode().put("token", "sandbox-verification-token")
                .put("team_id", SandboxSlack.TEAM_ID).put("api_app_id", SandboxSlack.APP_ID)
                .put("type", "event_callback").put("event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT))
                .put("event_time", now).put("is_ext_shared_channel", false);
        body.set("event", event);
        body.putArray("authorizations").addObject().put("team_id", SandboxSlack.TEAM_ID)
                .put("user_id", SandboxSlack.BOT_USER_ID).put("is_bot", true).put("is_enterprise_install", false);
        return post(events, body.toString(), "application/json");
    }

    private ObjectNode interaction(String type, DemoPerson person) {
        ObjectNode payload = SandboxStore.JSON.createObjectNode().put("type", type)
                .put("api_app_id", SandboxSlack.APP_ID).put("token", "sandbox-verification-token")
                .put("trigger_id", store.newTrigger(person.userId())).put("is_enterprise_install", false);
        payload.putObject("team").put("id", SandboxSlack.TEAM_ID).put("domain", SandboxSlack.TEAM_DOMAIN);
        payload.putObject("user").put("id", person.userId()).put("username", username(person))
                .put("name", username(person)).put("team_id", SandboxSlack.TEAM_ID);
        return payload;
    }

    /** The action as Slack describes it, with the time it happened. */
    private ObjectNode action(ObjectNode action) {
        ObjectNode copy = action.deepCopy();
        copy.put("action_ts", clock.instant().getEpochSecond() + ".000200");
        return copy;
    }

    private static String username(DemoPerson person) {
        return person.email().substring(0, person.email().indexOf('@'));
    }

    private Reply postPayload(URI events, ObjectNode payload) {
        return post(events, formEncode(Map.of("payload", payload.toString())), "application/x-www-form-urlencoded");
    }

    private Reply post(URI events, String body, String contentType) {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(events)
                .timeout(HTTP_TIMEOUT)
                .header("Content-Type", contentType)
                .header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, timestamp)
                .header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signer.generate(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            return new Reply(0, e.getMessage(), Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, "interrupted", Duration.ofNanos(System.nanoTime() - started));
        }
    }

    static String formEncode(Map<String, String> form) {
        StringJoiner joined = new StringJoiner("&");
        form.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }
}
