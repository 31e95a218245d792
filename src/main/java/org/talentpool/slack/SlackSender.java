package org.talentpool.slack;

import java.util.Map;

/** Makes one Slack Web API call for the outbox dispatcher. */
public interface SlackSender {

    /**
     * What happened: {@code ok}; or an error code from Slack or the transport; {@code retryAfterSeconds}
     * is set when Slack answered HTTP 429; {@code httpStatus} is 0 when no HTTP answer came.
     */
    record Result(boolean ok, String error, int httpStatus, long retryAfterSeconds, String channel, String ts) {
        public static Result ok(String channel, String ts) {
            return new Result(true, null, 200, 0, channel, ts);
        }

        public static Result failed(int httpStatus, String error, long retryAfterSeconds) {
            return new Result(false, error, httpStatus, retryAfterSeconds, null, null);
        }
    }

    Result send(String method, Map<String, String> params);
}
