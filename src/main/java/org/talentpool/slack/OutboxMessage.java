package org.talentpool.slack;

import java.util.Map;

/**
 * One Slack Web API call to make after a state change commits: the method (e.g. {@code chat.postMessage})
 * and its form parameters. {@code dedupKey} names the event and recipient, so the same message for the
 * same event is queued and delivered once however often the change is retried.
 */
public record OutboxMessage(String dedupKey, String method, Map<String, String> params) {
    public OutboxMessage {
        if (dedupKey == null || dedupKey.isBlank() || dedupKey.length() > 300) {
            throw new IllegalArgumentException("dedupKey must be 1-300 characters");
        }
        params = Map.copyOf(params);
    }
}
