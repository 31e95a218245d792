package org.talentpool.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Block Kit chores Slack does on its side: checking the shape of blocks, and naming blocks and elements the app left unnamed. */
final class SandboxBlocks {
    private static final AtomicLong NAMES = new AtomicLong(1_000);
    private static final Set<String> INTERACTIVE = Set.of("button", "static_select", "multi_static_select",
            "external_select", "multi_external_select", "users_select", "multi_users_select",
            "conversations_select", "multi_conversations_select", "channels_select", "multi_channels_select",
            "overflow", "datepicker", "timepicker", "datetimepicker", "plain_text_input", "number_input",
            "email_text_input", "url_text_input", "checkboxes", "radio_buttons");

    private SandboxBlocks() {}

    /** True when {@code blocks} is absent, or an array of at most 100 objects that each have a type. */
    static boolean valid(JsonNode blocks) {
        if (blocks == null || blocks.isNull()) {
            return true;
        }
        if (!blocks.isArray() || blocks.size() > 100) {
            return false;
        }
        for (JsonNode block : blocks) {
            if (!block.isObject() || !block.path("type").isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the blocks in which every block has a block_id and every interactive element an action_id. */
    static JsonNode withIds(JsonNode blocks) {
        if (blocks == null || !blocks.isArray()) {
            return blocks;
        }
        ArrayNode copy = ((ArrayNode) blocks).deepCopy();
        for (JsonNode block : copy) {
            if (!(block instanceof ObjectNode object)) {
                continue;
            }
            if (!object.path("block_id").isTextual()) {
                object.put("block_id", newName());
            }
            name(object.get("accessory"));
            name(object.get("element"));
            JsonNode elements = object.get("elements");
            if (elements != null && elements.isArray()) {
                elements.forEach(SandboxBlocks::name);
            }
        }
        return copy;
    }

    private static void name(JsonNode element) {
        if (element instanceof ObjectNode object && INTERACTIVE.contains(object.path("type").asText())
                && !object.path("action_id").isTextual()) {
            object.put("action_id", newName());
        }
    }

    private static String newName() {
        return Long.toString(NAMES.getAndIncrement(), 36);
    }
}
