package org.talentpool.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.Map;
import java.util.StringJoiner;
import org.talentpool.slack.HmacSignature;

/**
 * Sends what Slack would send to {@code POST /slack/events}: slash commands, block actions, view
 * submissions and events, signed with the signing secret at the service's clock time.
 */
public final class SlackClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI eventsUrl;
    private final HmacSignature signer;
    private final Clock clock;
    private final FakeSlack slack;
    private final Transport transport;

    /**
     * How a request reaches the service: a POST of {@code body} to {@code url} with these headers, answered with the
     * status and body ({@link Reply#responseUrl} and {@link Reply#triggerId} null).
     */
    @FunctionalInterface
    public interface Transport {
        Reply post(URI url, Map<String, String> headers, String body) throws IOException, InterruptedException;
    }

    public SlackClient(URI eventsUrl, String signingSecret, Clock clock, FakeSlack slack) {
        this(eventsUrl, signingSecret, clock, slack, jdkTransport());
    }

    public SlackClient(URI eventsUrl, String signingSecret, Clock clock, FakeSlack slack, Transport transport) {
        this.transport = transport;
        this.eventsUrl = eventsUrl;
        this.signer = new HmacSignature(signingSecret);
        this.clock = clock;
        this.slack = slack;
    }

    /** The HTTP answer to one request. */
    public record Reply(int status, String body, String responseUrl, String triggerId) {
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }

        /** Every string value in the reply (text, blocks, errors), one a line, for assertions. */
        public String text() {
            if (body == null || body.isBlank()) {
                return "";
            }
            try {
                StringBuilder text = new StringBuilder();
                collectText(JSON.readTree(body), text);
                return text.toString();
            } catch (IOException e) {
                return body;
            }
        }
    }

    public Reply command(String userId, String command, String text) {
        String responseUrl = slack.newResponseUrl();
        String trigger = slack.newTrigger();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "verification-token-unused");
        form.put("team_id", FakeSlack.TEAM_ID);
        form.put("team_domain", "test-councils");
        form.put("channel_id", "C0GENERAL");
        form.put("channel_name", "general");
        form.put("user_id", userId);
        form.put("user_name", userId.toLowerCase());
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", "A0TEST");
        form.put("is_enterprise_install", "false");
        form.put("response_url", responseUrl);
        form.put("trigger_id", trigger);
        Reply reply = post(formEncode(form), "application/x-www-form-urlencoded");
        return new Reply(reply.status(), reply.body(), responseUrl, trigger);
    }

    /** A click on a button (or other element) in a message. */
    public Reply blockAction(String userId, String actionId, String value, String blockId, String messageTs,
                             String channelId) {
        String responseUrl = slack.newResponseUrl();
        String trigger = slack.newTrigger();
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A0TEST")
                .put("token", "verification-token-unused").put("trigger_id", trigger).put("response_url", responseUrl);
        payload.putObject("team").put("id", FakeSlack.TEAM_ID).put("domain", "test-councils");
        payload.putObject("user").put("id", userId).put("username", userId.toLowerCase())
                .put("team_id", FakeSlack.TEAM_ID);
        payload.putObject("channel").put("id", channelId).put("name", "channel");
        payload.putObject("container").put("type", "message").put("message_ts", messageTs)
                .put("channel_id", channelId).put("is_ephemeral", false);
        payload.putObject("message").put("type", "message").put("ts", messageTs).put("text", "");
        ArrayNode actions = payload.putArray("actions");
        actions.addObject().put("action_id", actionId).put("block_id", blockId).put("value", value)
                .put("type", "button").put("action_ts", String.valueOf(clock.instant().getEpochSecond()));
        Reply reply = post(formEncode(Map.of("payload", payload.toString())), "application/x-www-form-urlencoded");
        return new Reply(reply.status(), reply.body(), responseUrl, trigger);
    }

    /**
     * A click, choice or Enter on the App Home: as Slack sends it, with the home view as container and no response
     * URL. {@code action} is the element's part of the payload: {@code action_id}, {@code block_id}, {@code type} and
     * its {@code value} (button, text input) or {@code selected_option} (select).
     */
    public Reply homeAction(String userId, ObjectNode action) {
        String trigger = slack.newTrigger();
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A0TEST")
                .put("token", "verification-token-unused").put("trigger_id", trigger);
        payload.putObject("team").put("id", FakeSlack.TEAM_ID).put("domain", "test-councils");
        payload.putObject("user").put("id", userId).put("username", userId.toLowerCase())
                .put("team_id", FakeSlack.TEAM_ID);
        payload.putObject("container").put("type", "view").put("view_id", "V0HOME" + userId);
        payload.putObject("view").put("id", "V0HOME" + userId).put("type", "home").put("team_id", FakeSlack.TEAM_ID)
                .put("callback_id", "talent_pool_home").put("hash", "h-home").putObject("state").putObject("values");
        ObjectNode clicked = action.deepCopy().put("action_ts", String.valueOf(clock.instant().getEpochSecond()));
        payload.putArray("actions").add(clicked);
        Reply reply = post(formEncode(Map.of("payload", payload.toString())), "application/x-www-form-urlencoded");
        return new Reply(reply.status(), reply.body(), null, trigger);
    }

    /** A modal submitted: {@code values} is the view state, block ID → action ID → element value JSON. */
    public Reply viewSubmission(String userId, String callbackId, String viewId, String privateMetadata,
                                ObjectNode values) {
        String trigger = slack.newTrigger();
        ObjectNode payload = JSON.createObjectNode().put("type", "view_submission").put("api_app_id", "A0TEST")
                .put("token", "verification-token-unused").put("trigger_id", trigger);
        payload.putObject("team").put("id", FakeSlack.TEAM_ID).put("domain", "test-councils");
        payload.putObject("user").put("id", userId).put("username", userId.toLowerCase())
                .put("team_id", FakeSlack.TEAM_ID);
        ObjectNode view = payload.putObject("view").put("id", viewId).put("team_id", FakeSlack.TEAM_ID)
                .put("type", "modal").put("callback_id", callbackId).put("private_metadata", privateMetadata)
                .put("hash", "h-" + viewId).put("app_id", "A0TEST").put("bot_id", "B0TEST");
        view.putObject("state").set("values", values);
        payload.putArray("response_urls");
        Reply reply = post(formEncode(Map.of("payload", payload.toString())), "application/x-www-form-urlencoded");
        return new Reply(reply.status(), reply.body(), null, trigger);
    }

    /** An Events API callback, e.g. {@code app_home_opened}. */
    public Reply event(String userId, String type, ObjectNode extra) {
        ObjectNode event = JSON.createObjectNode().put("type", type).put("user", userId)
                .put("event_ts", clock.instant().getEpochSecond() + ".000100");
        if (extra != null) {
            event.setAll(extra);
        }
        ObjectNode body = JSON.createObjectNode().put("token", "verification-token-unused")
                .put("team_id", FakeSlack.TEAM_ID).put("api_app_id", "A0TEST").put("type", "event_callback")
                .put("event_id", "Ev" + System.nanoTime()).put("event_time", clock.instant().getEpochSecond());
        body.set("event", event);
        return post(body.toString(), "application/json");
    }

    /** Sends a body signed now. */
    public Reply post(String body, String contentType) {
        long timestamp = clock.instant().getEpochSecond();
        return postSigned(body, contentType, String.valueOf(timestamp), sign(timestamp, body));
    }

    public String sign(long timestamp, String body) {
        return signer.generate(String.valueOf(timestamp), body);
    }

    /** Sends with the given timestamp and signature headers; null leaves a header out. */
    public Reply postSigned(String body, String contentType, String timestamp, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        if (timestamp != null) {
            headers.put(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, timestamp);
        }
        if (signature != null) {
            headers.put(SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signature);
        }
        try {
            return transport.post(eventsUrl, headers, body);
        } catch (IOException e) {
            throw new IllegalStateException("Request to " + eventsUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JDK's HTTP client: what the tests send with. */
    public static Transport jdkTransport() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return (url, headers, body) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), null, null);
        };
    }

    /** Appends every textual value under {@code node}, one a line. */
    public static void collectText(JsonNode node, StringBuilder text) {
        if (node.isTextual()) {
            text.append(node.asText()).append('\n');
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectText(child, text));
        }
    }

    public static String formEncode(Map<String, String> form) {
        StringJoiner joined = new StringJoiner("&");
        form.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    /** Builds view state values: {@code values().text("block", "action", "typed")…}. */
    public static ViewValues values() {
        return new ViewValues();
    }

    public static final class ViewValues {
        private final ObjectNode values = JSON.createObjectNode();

        private ObjectNode element(String block, String action, String type) {
            ObjectNode blockNode = values.has(block) ? (ObjectNode) values.get(block) : values.putObject(block);
            return blockNode.putObject(action).put("type", type);
        }

        public ViewValues text(String block, String action, String value) {
            element(block, action, "plain_text_input").put("value", value);
            return this;
        }

        public ViewValues select(String block, String action, String value) {
            element(block, action, "static_select").putObject("selected_option").put("value", value)
                    .putObject("text").put("type", "plain_text").put("text", value);
            return this;
        }

        public ViewValues multiSelect(String block, String action, String... selected) {
            ArrayNode options = element(block, action, "multi_static_select").putArray("selected_options");
            for (String value : selected) {
                options.addObject().put("value", value).putObject("text").put("type", "plain_text").put("text", value);
            }
            return this;
        }

        public ViewValues user(String block, String action, String userId) {
            element(block, action, "users_select").put("selected_user", userId);
            return this;
        }

        public ObjectNode build() {
            return values;
        }
    }
}
