package org.talentpool.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnsupportedMediaTypeResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.talentpool.council.AdminDirectory;
import org.talentpool.council.Council;
import org.talentpool.council.EmailDomains;
import org.talentpool.council.Membership;

/**
 * The sandbox page at {@code /sandbox} and the JSON endpoints it calls. Each action a person takes becomes a
 * signed Slack request to {@code /slack/events} on this same server ({@link SandboxRequests}); the page shows
 * what the bot sent back, from the {@link SandboxStore}. Only requests addressed to this machine by name
 * (localhost, 127.0.0.1) are served, and actions must be JSON, so other web pages cannot drive the sandbox.
 */
final class SandboxPage {
    static final String PATH = "/sandbox";
    private static final Set<String> ASSETS = Set.of("sandbox.js", "sandbox.css");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String DM_NAME = "Talent Pool";

    private final SandboxStore store;
    private final SandboxRequests requests;
    private final DemoData demo;
    private final Membership membership;
    private final AdminDirectory admins;
    private final String adminChannel;

    SandboxPage(SandboxStore store, SandboxRequests requests, DemoData demo, Membership membership,
                AdminDirectory admins, String adminChannel) {
        this.store = store;
        this.requests = requests;
        this.demo = demo;
        this.membership = membership;
        this.admins = admins;
        this.adminChannel = adminChannel;
    }

    void register(Javalin routes) {
        routes.before(PATH, this::guard);
        routes.before(PATH + "/*", this::guard);
        routes.get(PATH, ctx -> asset(ctx, "index.html", "text/html; charset=utf-8"));
        routes.get(PATH + "/page/{asset}", this::asset);
        routes.get(PATH + "/api/people", this::people);
        routes.get(PATH + "/api/state", this::state);
        routes.post(PATH + "/api/command", this::command);
        routes.post(PATH + "/api/action", this::action);
        routes.post(PATH + "/api/submit", this::submit);
        routes.post(PATH + "/api/close", this::close);
        routes.post(PATH + "/api/home", this::home);
        routes.get(PATH + "/files/{id}", this::file);
    }

    /** Refuses requests not addressed to this machine by a local name, and actions that are not JSON. */
    private void guard(Context ctx) {
        String host = Optional.ofNullable(ctx.header("Host")).orElse("").toLowerCase(Locale.ROOT);
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        if (!LOCAL_HOSTS.contains(name)) {
            throw new ForbiddenResponse("The sandbox answers only at localhost.");
        }
        if ("POST".equals(ctx.method().name()) && !Optional.ofNullable(ctx.contentType()).orElse("")
                .toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new UnsupportedMediaTypeResponse("Send JSON.");
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
    }

    private void asset(Context ctx) {
        String asset = ctx.pathParam("asset");
        if (!ASSETS.contains(asset)) {
            throw new NotFoundResponse();
        }
        asset(ctx, asset, asset.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
    }

    private static void asset(Context ctx, String name, String contentType) {
        try (InputStream content = SandboxPage.class.getClassLoader().getResourceAsStream("sandbox/page/" + name)) {
            if (content == null) {
                throw new NotFoundResponse();
            }
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.contentType(contentType).result(content.readAllBytes());
        } catch (IOException e) {
            throw new NotFoundResponse();
        }
    }

    // ----- reading -----

    private void people(Context ctx) {
        ArrayNode people = SandboxStore.JSON.createArrayNode();
        for (DemoPerson person : demo.people()) {
            ObjectNode json = people.addObject().put("id", person.userId()).put("name", person.displayName())
                    .put("title", person.title()).put("email", person.email())
                    .put("kind", person.kind().dbValue()).put("admin", admins.isAdmin(person.userId()));
            Optional<Council> council = EmailDomains.ofEmail(person.email()).flatMap(membership::councilForDomain);
            if (council.isPresent()) {
                json.putObject("council").put("name", council.get().name())
                        .put("status", council.get().status().dbValue());
            } else {
                json.putNull("council");
            }
        }
        json(ctx, SandboxStore.JSON.createObjectNode().put("demoDataLoaded", demo.loaded()).set("people", people));
    }

    private void state(Context ctx) {
        DemoPerson person = person(ctx.queryParam("user"));
        ObjectNode state = SandboxStore.JSON.createObjectNode().put("version", store.version());
        ArrayNode conversations = state.putArray("conversations");
        for (String channel : channels(person)) {
            ObjectNode conversation = conversations.addObject().put("channel", channel)
                    .put("name", channel.startsWith("D") ? DM_NAME : channel.equals(adminChannel) ? "#pool-admins" : "#" + channel)
                    .put("kind", channel.startsWith("D") ? "dm" : "channel");
            ArrayNode messages = conversation.putArray("messages");
            store.conversation(channel, person.userId()).forEach(message -> messages.add(messageJson(message)));
        }
        Optional<ObjectNode> modal = store.topModal(person.userId());
        if (modal.isPresent()) {
            state.putObject("modal").put("depth", store.modalDepth(person.userId())).set("view", modal.get());
        } else {
            state.putNull("modal");
        }
        state.set("home", store.home(person.userId()).map(JsonNode.class::cast).orElse(null));
        json(ctx, state);
    }

    /** The person's DM with the bot, the admin channel for admins, and any other channel the bot posted in. */
    private List<String> channels(DemoPerson person) {
        List<String> channels = new ArrayList<>();
        channels.add(SandboxStore.dmChannel(person.userId()));
        if (admins.isAdmin(person.userId())) {
            channels.add(adminChannel);
        }
        store.channels().stream().filter(channel -> !channels.contains(channel) && !channel.equals(adminChannel))
                .forEach(channels::add);
        return channels;
    }

    private ObjectNode messageJson(SandboxStore.Message message) {
        ObjectNode json = SandboxStore.JSON.createObjectNode().put("id", message.id()).put("ts", message.ts())
                .put("author", message.author().name().toLowerCase(Locale.ROOT))
                .put("text", message.text()).put("ephemeral", message.ephemeral()).put("edited", message.edited());
        json.set("blocks", message.blocks());
        json.putArray("files").addAll(message.files());
        return json;
    }

    private void file(Context ctx) {
        SandboxStore.StoredFile file = store.file(ctx.pathParam("id")).orElseThrow(NotFoundResponse::new);
        String safeName = file.name().replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.header("Content-Disposition", "attachment; filename=\"" + safeName + "\"");
        ctx.contentType(file.mimeType()).result(file.content());
    }

    // ----- acting -----

    private void command(Context ctx) {
        ObjectNode body = body(ctx);
        DemoPerson person = person(body.path("user").asText(null));
        String channel = channel(person, body.path("channel").asText(null));
        String typed = body.path("text").asText("").strip();
        if (!typed.startsWith("/") || typed.length() < 2) {
            throw new BadRequestResponse("Type a slash command, for example /pool. This bot only answers commands,"
                    + " buttons and forms.");
        }
        int space = typed.indexOf(' ');
        String command = (space < 0 ? typed : typed.substring(0, space)).toLowerCase(Locale.ROOT);
        String text = space < 0 ? "" : typed.substring(space + 1).strip();
        store.post(channel, SandboxStore.Author.PERSON, person.userId(), person.userId(), typed, null);
        SandboxRequests.Reply reply = requests.command(events(ctx), person, channel, command, text);
        if (reply.status() == 404) {
            notice(channel, person, "`" + command + "` is not a valid command here. Try `/pool` to see them all.");
        } else if (!reply.ok()) {
            notice(channel, person, "`" + command + "` failed with the error \"dispatch_failed\" (the app answered "
                    + describe(reply) + ").");
        } else {
            JsonNode json = reply.json();
            if (json != null && (json.hasNonNull("text") || json.hasNonNull("blocks"))) {
                boolean inChannel = "in_channel".equals(json.path("response_type").asText());
                store.post(channel, SandboxStore.Author.BOT, SandboxSlack.BOT_USER_ID, inChannel ? null : person.userId(),
                        json.path("text").asText(""), json.get("blocks"));
            } else if (json == null && reply.body() != null && !reply.body().isBlank()) {
                store.post(channel, SandboxStore.Author.BOT, SandboxSlack.BOT_USER_ID, person.userId(), reply.body(), null);
            }
        }
        slowNotice(reply, channel, person, command);
        json(ctx, SandboxStore.JSON.createObjectNode().put("ok", true));
    }

    private void action(Context ctx) {
        ObjectNode body = body(ctx);
        DemoPerson person = person(body.path("user").asText(null));
        ObjectNode action = object(body, "action");
        if (!action.path("action_id").isTextual() || !action.path("type").isTextual()) {
            throw new BadRequestResponse("An action needs action_id and type.");
        }
        ObjectNode values = body.has("values") ? object(body, "values") : SandboxStore.JSON.createObjectNode();
        SandboxRequests.Reply reply;
        String noticeChannel = SandboxStore.dmChannel(person.userId());
        if (body.hasNonNull("messageId")) {
            SandboxStore.Message message = store.message(body.path("messageId").asText())
                    .filter(candidate -> candidate.visibleTo() == null || candidate.visibleTo().equals(person.userId()))
                    .orElseThrow(() -> new NotFoundResponse("That message is gone."));
            noticeChannel = message.channel();
            reply = requests.messageAction(events(ctx), person, message, action, values);
        } else {
            ObjectNode view = store.view(person.userId(), body.path("viewId").asText(""))
                    .orElseThrow(() -> new NotFoundResponse("That view is closed."));
            reply = requests.viewAction(events(ctx), person, view, action, values);
        }
        if (!reply.ok()) {
            notice(noticeChannel, person, "That didn't work: the app answered " + describe(reply) + ".");
        }
        slowNotice(reply, noticeChannel, person, "That click");
        json(ctx, SandboxStore.JSON.createObjectNode().put("ok", reply.ok()));
    }

    private void submit(Context ctx) {
        ObjectNode body = body(ctx);
        DemoPerson person = person(body.path("user").asText(null));
        String viewId = body.path("viewId").asText("");
        ObjectNode view = store.topModal(person.userId()).filter(top -> top.path("id").asText().equals(viewId))
                .orElseThrow(() -> new NotFoundResponse("That form is closed."));
        ObjectNode values = body.has("values") ? object(body, "values") : SandboxStore.JSON.createObjectNode();
        SandboxRequests.Reply reply = requests.viewSubmission(events(ctx), person, view, values);
        ObjectNode result = SandboxStore.JSON.createObjectNode();
        if (!reply.ok()) {
            json(ctx, result.put("result", "failed").put("error", "We had some trouble connecting. Try again?"
                    + " (the app answered " + describe(reply) + ")"));
            return;
        }
        JsonNode json = reply.json();
        String responseAction = json == null ? "" : json.path("response_action").asText("");
        try {
            switch (responseAction) {
                case "" -> {
                    store.closeTop(person.userId(), viewId);
                    result.put("result", "closed");
                }
                case "errors" -> {
                    result.put("result", "errors");
                    result.set("errors", json.path("errors").isObject() ? json.get("errors")
                            : SandboxStore.JSON.createObjectNode());
                }
                case "update" -> {
                    store.updateView(viewId, null, null, json.get("view"));
                    result.put("result", "updated");
                }
                case "push" -> {
                    store.push(person.userId(), json.get("view"));
                    result.put("result", "pushed");
                }
                case "clear" -> {
                    store.clearModals(person.userId());
                    result.put("result", "cleared");
                }
                default -> result.put("result", "failed").put("error", "The app answered with response_action \""
                        + responseAction + "\", which Slack does not know.");
            }
        } catch (SandboxStore.SlackError e) {
            result.put("result", "failed").put("error", "The app answered with a view Slack would refuse (" + e.code + ").");
        }
        if (reply.tooSlowForSlack()) {
            result.put("warning", slowText(reply, "Submitting"));
        }
        json(ctx, result);
    }

    private void close(Context ctx) {
        ObjectNode body = body(ctx);
        DemoPerson person = person(body.path("user").asText(null));
        String viewId = body.path("viewId").asText("");
        Optional<ObjectNode> view = store.topModal(person.userId()).filter(top -> top.path("id").asText().equals(viewId));
        if (view.isPresent() && view.get().path("notify_on_close").asBoolean(false)) {
            requests.viewClosed(events(ctx), person, view.get());
        }
        store.closeTop(person.userId(), viewId);
        json(ctx, SandboxStore.JSON.createObjectNode().put("ok", true));
    }

    private void home(Context ctx) {
        DemoPerson person = person(body(ctx).path("user").asText(null));
        SandboxRequests.Reply reply = requests.appHomeOpened(events(ctx), person, store.home(person.userId()).orElse(null));
        json(ctx, SandboxStore.JSON.createObjectNode().put("ok", reply.ok()));
    }

    // ----- helpers -----

    /** Where Slack requests go: {@code /slack/events} of the server that served the page. */
    private static URI events(Context ctx) {
        return URI.create("http://127.0.0.1:" + ctx.req().getLocalPort() + "/slack/events");
    }

    private DemoPerson person(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new BadRequestResponse("Choose who you are first.");
        }
        return demo.person(userId).orElseThrow(() -> new BadRequestResponse("There is no demo person " + userId + "."));
    }

    private String channel(DemoPerson person, String requested) {
        if (requested == null || requested.isBlank()) {
            return SandboxStore.dmChannel(person.userId());
        }
        if (!channels(person).contains(requested)) {
            throw new BadRequestResponse("You are not in that conversation.");
        }
        return requested;
    }

    private void notice(String channel, DemoPerson person, String text) {
        store.post(channel, SandboxStore.Author.SLACKBOT, "USLACKBOT", person.userId(), text, null);
    }

    private void slowNotice(SandboxRequests.Reply reply, String channel, DemoPerson person, String what) {
        if (reply.tooSlowForSlack()) {
            notice(channel, person, slowText(reply, what));
        }
    }

    private static String slowText(SandboxRequests.Reply reply, String what) {
        return what + " took " + String.format(Locale.ROOT, "%.1f", reply.elapsed().toMillis() / 1000.0)
                + " s to answer: Slack gives up after 3 s and would have shown an error (operation_timeout).";
    }

    private static String describe(SandboxRequests.Reply reply) {
        return reply.status() == 0 ? "nothing (" + reply.body() + ")" : "HTTP " + reply.status();
    }

    private static ObjectNode body(Context ctx) {
        try {
            JsonNode body = SandboxStore.JSON.readTree(ctx.body());
            if (body instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new BadRequestResponse("Send a JSON object.");
    }

    private static ObjectNode object(ObjectNode body, String field) {
        if (body.get(field) instanceof ObjectNode object) {
            return object;
        }
        throw new BadRequestResponse(field + " must be a JSON object.");
    }

    private static void json(Context ctx, JsonNode body) {
        ctx.contentType("application/json; charset=utf-8").result(body.toString());
    }
}
