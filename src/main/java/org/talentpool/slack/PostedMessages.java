package org.talentpool.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out whether an outbox message already reached Slack, after an attempt whose result was never learnt
 * (the dispatcher died between sending and recording, or Slack answered 5xx or not at all). Every
 * {@code chat.postMessage} the outbox sends carries message metadata (event type {@value #EVENT_TYPE}, payload
 * {@code {"key": dedup key}}); this looks for that key in the channel's history since the first attempt.
 * Needs the history scopes ({@code im:history}, {@code channels:history}, {@code groups:history}).
 */
final class PostedMessages {
    private static final Logger log = LoggerFactory.getLogger(PostedMessages.class);
    static final String EVENT_TYPE = "talentpool_outbox";
    /** Look a little before the first attempt, in case our clock and Slack's disagree. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);
    static final int PAGE_SIZE = 200;
    static final int MAX_PAGES = 10;

    /** What the history says. */
    sealed interface Lookup permits Found, NotFound, RateLimited, Unavailable, CannotCheck {}

    /** The message is there: it was delivered. */
    record Found(String channel, String ts) implements Lookup {}

    /** Not there: the earlier attempt did not post it. */
    record NotFound() implements Lookup {}

    /** Slack answered 429 to a lookup call; ask again after {@code retryAfterSeconds}. */
    record RateLimited(String method, long retryAfterSeconds) implements Lookup {}

    /** Slack could not answer now (5xx, timeout); ask again later. */
    record Unavailable(String error) implements Lookup {}

    /** The history cannot be read (e.g. the scope was not granted); nothing is known. */
    record CannotCheck(String error) implements Lookup {}

    /** Makes one lookup call, paced like every other call. */
    @FunctionalInterface
    interface Caller {
        SlackSender.Result call(String method, Map<String, String> params) throws InterruptedException;
    }

    private final Caller caller;

    PostedMessages(Caller caller) {
        this.caller = caller;
    }

    /** The metadata parameter of a chat.postMessage for a dedup key. */
    static String metadata(String dedupKey) {
        ObjectNode metadata = Outbox.JSON.createObjectNode().put("event_type", EVENT_TYPE);
        metadata.putObject("event_payload").put("key", dedupKey);
        return metadata.toString();
    }

    /** Looks for the message with {@code dedupKey} posted to {@code channel} (a channel or user ID) since {@code since}. */
    Lookup find(String channel, String dedupKey, Instant since) throws InterruptedException {
        String conversation = channel;
        if (channel.startsWith("U") || channel.startsWith("W")) {
            SlackSender.Result opened = caller.call("conversations.open", Map.of("users", channel));
            if (!opened.ok()) {
                return failure("conversations.open", opened);
            }
            conversation = opened.body() == null ? "" : opened.body().path("channel").path("id").asText("");
            if (conversation.isEmpty()) {
                return new Unavailable("conversations.open gave no channel");
            }
        }
        String cursor = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("channel", conversation);
            params.put("oldest", slackTs(since.minus(CLOCK_MARGIN)));
            params.put("inclusive", "true");
            params.put("include_all_metadata", "true");
            params.put("limit", String.valueOf(PAGE_SIZE));
            if (!cursor.isEmpty()) {
                params.put("cursor", cursor);
            }
            SlackSender.Result history = caller.call("conversations.history", params);
            if (!history.ok()) {
                return failure("conversations.history", history);
            }
            JsonNode body = history.body();
            for (JsonNode message : body.path("messages")) {
                JsonNode metadata = message.path("metadata");
                if (EVENT_TYPE.equals(metadata.path("event_type").asText())
                        && dedupKey.equals(metadata.path("event_payload").path("key").asText())) {
                    return new Found(conversation, message.path("ts").asText(null));
                }
            }
            cursor = body.path("response_metadata").path("next_cursor").asText("");
            if (!body.path("has_more").asBoolean(false) || cursor.isEmpty()) {
                return new NotFound();
            }
        }
        log.warn("More than {} messages in {} since {}; cannot tell whether {} was posted", MAX_PAGES * PAGE_SIZE,
                conversation, since, dedupKey);
        return new CannotCheck("history_too_long");
    }

    private static Lookup failure(String method, SlackSender.Result result) {
        if (result.rateLimited()) {
            return new RateLimited(method, result.retryAfterSeconds());
        }
        if (!result.outcomeUnknown() && (OutboxDispatcher.PERMANENT_ERRORS.contains(result.error())
                || "missing_scope".equals(result.error()))) {
            return new CannotCheck(method + ": " + result.error());
        }
        return new Unavailable(method + ": " + result.error());
    }

    /** Slack's message timestamp format: seconds, a dot, microseconds. */
    static String slackTs(Instant instant) {
        return instant.getEpochSecond() + "." + String.format("%06d", instant.getNano() / 1000);
    }
}
