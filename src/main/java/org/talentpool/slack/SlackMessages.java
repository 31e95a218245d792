package org.talentpool.slack;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link OutboxMessage}s for the common calls: a DM or channel post, an update, an App Home view. */
public final class SlackMessages {
    private static final com.google.gson.Gson GSON = GsonFactory.createSnakeCase();

    private SlackMessages() {}

    /** {@code chat.postMessage} to a channel, or to a user ID (the bot's DM with that user). */
    public static OutboxMessage post(String dedupKey, String channel, String text, List<LayoutBlock> blocks) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel", channel);
        params.put("text", text);
        if (blocks != null && !blocks.isEmpty()) {
            params.put("blocks", GSON.toJson(blocks));
        }
        return new OutboxMessage(dedupKey, "chat.postMessage", params);
    }

    /** {@code chat.update} of a message the bot posted. */
    public static OutboxMessage update(String dedupKey, String channel, String ts, String text,
                                       List<LayoutBlock> blocks) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel", channel);
        params.put("ts", ts);
        params.put("text", text);
        params.put("blocks", GSON.toJson(blocks == null ? List.of() : blocks));
        return new OutboxMessage(dedupKey, "chat.update", params);
    }

    /** {@code views.publish} of a user's App Home. */
    public static OutboxMessage publishHome(String dedupKey, String userId, View view) {
        return new OutboxMessage(dedupKey, "views.publish", Map.of("user_id", userId, "view", GSON.toJson(view)));
    }

    public static String toJson(Object value) {
        return GSON.toJson(value);
    }
}
