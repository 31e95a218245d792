package org.talentpool.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's stand-in for Slack's side, on a listener of its own bound to 127.0.0.1: the Web API the bot
 * calls ({@code /api/<method>}, the methods this bot uses, answered as Slack would, errors included), the
 * response URLs it posts replies to ({@code /response/<id>}) and file upload URLs ({@code /upload/<id>}).
 * Whatever the bot sends is kept in the {@link SandboxStore} for the page to show; people come from the
 * demo data.
 */
final class SandboxSlack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxSlack.class);
    static final String TEAM_ID = "T0SANDBOX";
    static final String TEAM_DOMAIN = "sandbox";
    static final String APP_ID = "A0TALENTPOOL";
    static final String BOT_ID = "B0TALENTPOOL";
    static final String BOT_USER_ID = "U0TALENTPOOL";
    static final String BOT_NAME = "Talent Pool";

    private final SandboxStore store;
    private final DemoData people;
    private final String botToken;
    private final Javalin server;

    SandboxSlack(SandboxStore store, DemoData people, String botToken) {
        this.store = store;
        this.people = people;
        this.botToken = botToken;
        this.server = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 2L * SandboxStore.MAX_FILE_BYTES;
        });
        server.post("/api/{method}", this::api);
        server.post("/response/{id}", this::responseUrl);
        server.post("/upload/{id}", this::upload);
    }

    SandboxSlack start() {
        server.start("127.0.0.1", 0);
        return this;
    }

    /** The Web API base URL, for the Slack client ({@code SLACK_API_URL}). */
    String apiUrl() {
        return base() + "/api/";
    }

    String responseUrl(String id) {
        return base() + "/response/" + id;
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    // ----- Web API -----

    private void api(Context ctx) {
        String method = ctx.pathParam("method");
        ObjectNode body;
        try {
            Map<String, String> params = params(ctx);
            if (!botToken.equals(token(ctx, params))) {
                throw new SandboxStore.SlackError(token(ctx, params) == null ? "not_authed" : "invalid_auth");
            }
            body = call(method, params, ctx);
        } catch (SandboxStore.SlackError e) {
            log.info("Sandbox Slack: {} answered {}", method, e.code);
            body = SandboxStore.JSON.createObjectNode().put("ok", false).put("error", e.code);
        }
        ctx.contentType("application/json; charset=utf-8").result(body.toString());
    }

    private ObjectNode call(String method, Map<String, String> params, Context ctx) throws SandboxStore.SlackError {
        ObjectNode body = SandboxStore.JSON.createObjectNode().put("ok", true);
        switch (method) {
            case "auth.test" -> body.put("url", "http://localhost/").put("team", "Sandbox councils")
                    .put("user", "talentpool").put("team_id", TEAM_ID).put("user_id", BOT_USER_ID)
                    .put("bot_id", BOT_ID).put("is_enterprise_install", false);
            case "users.info" -> body.set("user", user(require(params, "user")));
            case "users.lookupByEmail" -> body.set("user", user(people.personByEmail(require(params, "email"))
                    .map(DemoPerson::userId).orElseThrow(() -> new SandboxStore.SlackError("users_not_found"))));
            case "conversations.open" -> {
                String users = Optional.ofNullable(params.get("users")).orElse(params.get("channel"));
                if (users == null || users.contains(",")) {
                    throw new SandboxStore.SlackError(users == null ? "invalid_arguments" : "not_supported");
                }
                requirePerson(users.trim());
                body.putObject("channel").put("id", SandboxStore.dmChannel(users.trim()));
            }
            case "chat.postMessage" -> {
                String channel = channel(require(params, "channel"));
                JsonNode blocks = blocks(params);
                String text = text(params, blocks);
                SandboxStore.Message message = store.post(channel, SandboxStore.Author.BOT, BOT_USER_ID, null, text,
                        blocks);
                body.put("channel", message.channel()).put("ts", message.ts());
                body.set("message", messageJson(message));
            }
            case "chat.postEphemeral" -> {
                String channel = channel(require(params, "channel"));
                String user = require(params, "user");
                requirePerson(user);
                JsonNode blocks = blocks(params);
                SandboxStore.Message message = store.post(channel, SandboxStore.Author.BOT, BOT_USER_ID, user,
                        text(params, blocks), blocks);
                body.put("message_ts", message.ts());
            }
            case "chat.update" -> {
                JsonNode blocks = blocks(params);
                SandboxStore.Message message = store.updateMessage(require(params, "channel"), require(params, "ts"),
                        text(params, blocks), blocks);
                body.put("channel", message.channel()).put("ts", message.ts()).put("text", message.text());
                body.set("message", messageJson(message));
            }
            case "chat.delete" -> {
                store.deleteMessage(require(params, "channel"), require(params, "ts"));
                body.put("channel", SandboxStore.canonicalChannel(params.get("channel"))).put("ts", params.get("ts"));
            }
            case "views.open" -> body.set("view", store.open(store.useTrigger(params.get("trigger_id")),
                    view(params)));
            case "views.push" -> body.set("view", store.push(store.useTrigger(params.get("trigger_id")),
                    view(params)));
            case "views.update" -> body.set("view", store.updateView(params.get("view_id"), params.get("external_id"),
                    params.get("hash"), view(params)));
            case "views.publish" -> {
                String user = require(params, "user_id");
                requirePerson(user);
                body.set("view", store.publish(user, view(params)));
            }
            case "files.getUploadURLExternal" -> {
                require(params, "filename");
                require(params, "length");
                String fileId = store.newUpload(params.get("filename"));
                body.put("upload_url", base() + "/upload/" + fileId).put("file_id", fileId);
            }
            case "files.completeUploadExternal" -> body.set("files", completeUploads(params));
            case "files.upload" -> body.set("file", legacyUpload(params, ctx));
            default -> {
                log.warn("Sandbox Slack: the bot called {}, which the sandbox does not offer", method);
                throw new SandboxStore.SlackError("unknown_method");
            }
        }
        return body;
    }

    private ObjectNode user(String userId) throws SandboxStore.SlackError {
        ObjectNode user = SandboxStore.JSON.createObjectNode();
        if (BOT_USER_ID.equals(userId)) {
            user.put("id", BOT_USER_ID).put("team_id", TEAM_ID).put("name", "talentpool").put("deleted", false)
                    .put("is_bot", true).put("real_name", BOT_NAME);
            user.putObject("profile").put("real_name", BOT_NAME).put("display_name", BOT_NAME).put("bot_id", BOT_ID);
            return user;
        }
        DemoPerson person = people.person(userId).orElseThrow(() -> new SandboxStore.SlackError("user_not_found"));
        user.put("id", person.userId()).put("team_id", TEAM_ID)
                .put("name", person.email().substring(0, person.email().indexOf('@')))
                .put("deleted", false).put("is_bot", false).put("real_name", person.displayName())
                .put("tz", "Europe/London");
        user.putObject("profile").put("real_name", person.displayName()).put("display_name", person.displayName())
                .put("title", person.title()).put("email", person.email());
        return user;
    }

    private void requirePerson(String userId) throws SandboxStore.SlackError {
        if (userId.startsWith("U") && people.person(userId).isEmpty()) {
            throw new SandboxStore.SlackError("user_not_found");
        }
    }

    /** A channel the bot may post to: a person's DM (by user or DM ID) or any channel. */
    private String channel(String channel) throws SandboxStore.SlackError {
        String canonical = SandboxStore.canonicalChannel(channel.trim());
        if (canonical.startsWith("D") && people.person("U" + canonical.substring(1)).isEmpty()) {
            throw new SandboxStore.SlackError("channel_not_found");
        }
        if (!canonical.matches("[CDG][A-Z0-9]{2,}")) {
            throw new SandboxStore.SlackError("channel_not_found");
        }
        return canonical;
    }

    private static JsonNode blocks(Map<String, String> params) throws SandboxStore.SlackError {
        String json = params.get("blocks");
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode blocks = parse(json, "invalid_blocks_format");
        if (!SandboxBlocks.valid(blocks)) {
            throw new SandboxStore.SlackError("invalid_blocks");
        }
        return blocks;
    }

    private static String text(Map<String, String> params, JsonNode blocks) throws SandboxStore.SlackError {
        String text = params.get("text");
        if ((text == null || text.isBlank()) && (blocks == null || blocks.isEmpty())) {
            throw new SandboxStore.SlackError("no_text");
        }
        return text == null ? "" : text;
    }

    private static JsonNode view(Map<String, String> params) throws SandboxStore.SlackError {
        JsonNode view = parse(require(params, "view"), "invalid_arguments");
        if (!SandboxBlocks.valid(view.get("blocks"))) {
            throw new SandboxStore.SlackError("invalid_blocks");
        }
        return view;
    }

    private ArrayNode completeUploads(Map<String, String> params) throws SandboxStore.SlackError {
        JsonNode requested = parse(require(params, "files"), "invalid_arguments");
        if (!requested.isArray() || requested.isEmpty()) {
            throw new SandboxStore.SlackError("invalid_arguments");
        }
        ArrayNode files = SandboxStore.JSON.createArrayNode();
        for (JsonNode file : requested) {
            SandboxStore.StoredFile stored = store.completeUpload(file.path("id").asText(),
                    file.path("title").asText(null));
            files.add(fileJson(stored));
        }
        String channel = params.get("channel_id");
        if (channel != null && !channel.isBlank()) {
            share(channel(channel), params.getOrDefault("initial_comment", ""), files);
        }
        return files;
    }

    private ObjectNode legacyUpload(Map<String, String> params, Context ctx) throws SandboxStore.SlackError {
        byte[] content;
        String name = params.getOrDefault("filename", "file");
        UploadedFile uploaded = multipart(ctx) ? ctx.uploadedFile("file") : null;
        if (uploaded != null) {
            content = read(uploaded);
            name = params.getOrDefault("filename", uploaded.filename());
        } else if (params.containsKey("content")) {
            content = params.get("content").getBytes(StandardCharsets.UTF_8);
        } else {
            throw new SandboxStore.SlackError("no_file_data");
        }
        if (content.length > SandboxStore.MAX_FILE_BYTES) {
            throw new SandboxStore.SlackError("file_too_large");
        }
        SandboxStore.StoredFile stored = store.addFile(null, name, params.get("title"), content);
        ObjectNode file = fileJson(stored);
        String channels = params.get("channels");
        if (channels != null && !channels.isBlank()) {
            for (String channel : channels.split(",")) {
                share(channel(channel), params.getOrDefault("initial_comment", ""),
                        SandboxStore.JSON.createArrayNode().add(file));
            }
        }
        return file;
    }

    private void share(String channel, String comment, ArrayNode files) {
        SandboxStore.Message message = store.post(channel, SandboxStore.Author.BOT, BOT_USER_ID, null, comment, null);
        files.forEach(file -> store.attach(message.id(), file));
    }

    private static ObjectNode fileJson(SandboxStore.StoredFile file) {
        return SandboxStore.JSON.createObjectNode().put("id", file.id()).put("name", file.name())
                .put("title", file.title()).put("mimetype", file.mimeType()).put("size", file.content().length)
                .put("url_private", "/sandbox/files/" + file.id());
    }

    static ObjectNode messageJson(SandboxStore.Message message) {
        ObjectNode json = SandboxStore.JSON.createObjectNode().put("type", "message").put("ts", message.ts())
                .put("text", message.text());
        if (message.author() == SandboxStore.Author.BOT) {
            json.put("user", BOT_USER_ID).put("bot_id", BOT_ID).put("app_id", APP_ID);
        } else {
            json.put("user", message.authorId());
        }
        if (message.blocks() != null) {
            json.set("blocks", message.blocks());
        }
        return json;
    }

    // ----- response URLs and uploads -----

    private void responseUrl(Context ctx) {
        ObjectNode answer = SandboxStore.JSON.createObjectNode();
        try {
            SandboxStore.ResponseTarget target = store.useResponseUrl(ctx.pathParam("id"));
            JsonNode body = parse(ctx.body(), "invalid_payload");
            JsonNode blocks = body.get("blocks");
            if (!SandboxBlocks.valid(blocks)) {
                throw new SandboxStore.SlackError("invalid_blocks");
            }
            String text = body.path("text").asText("");
            if (body.path("delete_original").asBoolean(false)) {
                if (target.messageId() != null) {
                    store.remove(target.messageId());
                }
            } else if (body.path("replace_original").asBoolean(false) && target.messageId() != null) {
                store.replace(target.messageId(), text, blocks);
            } else {
                boolean inChannel = "in_channel".equals(body.path("response_type").asText());
                store.post(target.channel(), SandboxStore.Author.BOT, BOT_USER_ID, inChannel ? null : target.userId(),
                        text, blocks);
            }
            answer.put("ok", true);
        } catch (SandboxStore.SlackError e) {
            log.info("Sandbox Slack: response_url post answered {}", e.code);
            ctx.status(404);
            answer.put("ok", false).put("error", e.code);
        }
        ctx.contentType("application/json; charset=utf-8").result(answer.toString());
    }

    private void upload(Context ctx) {
        try {
            byte[] content;
            if (multipart(ctx) && !ctx.uploadedFiles().isEmpty()) {
                content = read(ctx.uploadedFiles().get(0));
            } else {
                content = ctx.bodyAsBytes();
            }
            store.receiveUpload(ctx.pathParam("id"), content);
            ctx.contentType("text/plain").result("OK - " + content.length);
        } catch (SandboxStore.SlackError e) {
            ctx.status(404).contentType("text/plain").result(e.code);
        }
    }

    // ----- request parsing -----

    private static boolean multipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static Map<String, String> params(Context ctx) throws SandboxStore.SlackError {
        Map<String, String> params = new HashMap<>();
        ctx.queryParamMap().forEach((name, values) -> params.put(name, values.get(0)));
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            try {
                JsonNode json = SandboxStore.JSON.readTree(ctx.body());
                if (json != null && json.isObject()) {
                    json.properties().forEach(field -> params.put(field.getKey(),
                            field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
                }
            } catch (IOException e) {
                throw new SandboxStore.SlackError("invalid_json");
            }
        } else {
            ctx.formParamMap().forEach((name, values) -> params.put(name, values.get(0)));
        }
        return params;
    }

    private static String token(Context ctx, Map<String, String> params) {
        String header = ctx.header("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            return header.substring("Bearer ".length()).trim();
        }
        return params.get("token");
    }

    private static String require(Map<String, String> params, String name) throws SandboxStore.SlackError {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw new SandboxStore.SlackError("invalid_arguments");
        }
        return value;
    }

    private static JsonNode parse(String json, String error) throws SandboxStore.SlackError {
        try {
            JsonNode node = SandboxStore.JSON.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new SandboxStore.SlackError(error);
            }
            return node;
        } catch (IOException e) {
            throw new SandboxStore.SlackError(error);
        }
    }

    private static byte[] read(UploadedFile file) throws SandboxStore.SlackError {
        try (InputStream content = file.content()) {
            return content.readAllBytes();
        } catch (IOException e) {
            throw new SandboxStore.SlackError("invalid_arguments");
        }
    }


    @Override
    public void close() {
        server.stop();
    }
}
