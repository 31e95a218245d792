package org.talentpool.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/** Makes one Slack Web API call for the outbox dispatcher. Never throws: every outcome is a {@link Result}. */
public interface SlackSender {

    /**
     * What happened: {@code ok}; or an error code from Slack or the transport; {@code retryAfterSeconds}
     * is set when Slack answered HTTP 429; {@code httpStatus} is 0 when no HTTP answer came. {@code body} is
     * Slack's JSON answer when there was one (e.g. the messages of {@code conversations.history}).
     */
    record Result(boolean ok, String error, int httpStatus, long retryAfterSeconds, String channel, String ts,
                  JsonNode body) {
        public Result(boolean ok, String error, int httpStatus, long retryAfterSeconds, String channel, String ts) {
            this(ok, error, httpStatus, retryAfterSeconds, channel, ts, null);
        }

        public static Result ok(String channel, String ts) {
            return new Result(true, null, 200, 0, channel, ts, null);
        }

        /** A successful answer, with {@code channel} and {@code ts} taken from it when present. */
        public static Result ok(JsonNode body) {
            return new Result(true, null, 200, 0, body.path("channel").isTextual() ? body.path("channel").asText() : null,
                    body.path("ts").asText(null), body);
        }

        public static Result failed(int httpStatus, String error, long retryAfterSeconds) {
            return new Result(false, error, httpStatus, retryAfterSeconds, null, null, null);
        }

        /** Slack refused the call for now (HTTP 429); wait {@link #retryAfterSeconds()}. */
        public boolean rateLimited() {
            return httpStatus == 429;
        }

        /**
         * The call may or may not have taken effect: no answer at all (timeout, connection reset), an HTTP 5xx,
         * or one of the errors Slack documents as "some aspect of the operation may have succeeded".
         */
        public boolean outcomeUnknown() {
            return !ok && (httpStatus == 0 || httpStatus >= 500 || AMBIGUOUS_ERRORS.contains(error));
        }
    }

    /** Error codes after which Slack may have done part or all of what was asked. */
    Set<String> AMBIGUOUS_ERRORS = Set.of(
            "fatal_error", "internal_error", "service_unavailable", "request_timeout");

    Result send(String method, Map<String, String> params);
}
