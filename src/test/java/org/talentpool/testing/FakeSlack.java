package org.talentpool.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A fake Slack Web API on a random localhost port. It answers the methods the bot uses, records every
 * call, knows users' profiles (with configurable emails), checks that trigger IDs are used once and
 * within three seconds, captures {@code response_url} posts, and can be told to answer HTTP 429 with
 * {@code Retry-After} or 500 for a while. Like Slack, it keeps the messages posted to each channel (a post
 * to a user ID lands in the DM channel {@link #dmChannel}), with their message metadata, and answers
 * {@code conversations.history} from them; message timestamps come from the clock it is given.
 */
public final class FakeSlack implements AutoCloseable {
    static {
        // The JDK's server sends an answer's headers and body in separate writes; without TCP_NODELAY the body
        // waits for the client's delayed ACK, about 40 ms on every call (measured by scripts/bench outbox: 44 ms
        // a call before, 1 ms after). Read once, when the first JDK HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String TEAM_ID = "T0TEST";
    public static final String BOT_USER_ID = "UBOT0001";

    /** One Web API call as the bot made it. */
    public record Call(String method, Map<String, String> params, String token, Instant at) {
        public String param(String name) {
            return params.get(name);
        }

        /** A JSON-valued parameter (blocks, view) parsed. */
        public JsonNode json(String name) {
            try {
                return JSON.readTree(params.get(name));
            } catch (IOException e) {
                throw new IllegalStateException(name + " is not JSON: " + params.get(name), e);
            }
        }

        /** Every piece of text in the call (text, blocks, view), for assertions. */
        public String allText() {
            StringBuilder text = new StringBuilder();
            params.forEach((name, value) -> {
                try {
                    JsonNode json = JSON.readTree(value);
                    if (json != null && json.isContainerNode()) {
                        SlackClient.collectText(json, text);
                        return;
                    }
                } catch (IOException notJson) {
                    // plain text parameter
                }
                text.append(value).append('\n');
            });
            return text.toString();
        }
    }

    /** A post to a response_url the bot was given. */
    public record ResponsePost(String id, JsonNode body) {}

    private record User(String id, String name, String email, boolean deleted) {}

    private record Failure(int status, long retryAfterSeconds, String error, boolean afterPosting) {}

    /**
     * A limit like Slack's per method: a token bucket of {@code burst} calls refilled at {@code perSecond}.
     * Wall time, not the fake's clock: it is about how fast calls arrive.
     */
    private static final class RateLimit {
        private final double perSecond;
        private final int burst;
        private double tokens;
        private long refilledAt = System.nanoTime();
        private long refused;

        RateLimit(double perSecond, int burst) {
            this.perSecond = perSecond;
            this.burst = burst;
            this.tokens = burst;
        }

        /** Takes a token and returns 0, or returns the whole seconds to wait (at least 1) for the next one. */
        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            refused++;
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }

        synchronized long refused() {
            return refused;
        }
    }

    /** A message as Slack keeps it in a channel's history. */
    public record Posted(String channel, String ts, String text, JsonNode metadata) {
        /** The dedup key the outbox puts in the message metadata, or null. */
        public String metadataKey() {
            return metadata == null ? null : metadata.path("event_payload").path("key").asText(null);
        }
    }

    /** A file the bot uploaded and shared with {@code files.completeUploadExternal}, with the bytes it uploaded. */
    public record SharedFile(String id, String fileName, String title, String channel, String initialComment,
                             byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<ResponsePost> responsePosts = new CopyOnWriteArrayList<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Instant> triggers = new ConcurrentHashMap<>();
    private final java.util.Set<String> usedTriggers = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(1);
    private final Map<String, List<Posted>> history = new ConcurrentHashMap<>();
    private final Map<String, RateLimit> rateLimits = new ConcurrentHashMap<>();
    private final Map<String, String> uploadNames = new ConcurrentHashMap<>();
    private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    private final List<SharedFile> files = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private volatile Duration triggerLifetime = Duration.ofSeconds(3);
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration responseLatency = Duration.ZERO;
    private volatile CountDownLatch responsesHeld = new CountDownLatch(0);

    public FakeSlack() {
        this(Clock.systemUTC());
    }

    /** A fake whose message timestamps follow {@code clock}, like a Slack whose time agrees with the service's. */
    public FakeSlack(Clock clock) {
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start fake Slack", e);
        }
        server.setExecutor(executor);
        server.createContext("/api/", this::api);
        server.createContext("/response/", this::responseUrl);
        server.createContext("/upload/", exchange -> {
            uploads.put(exchange.getRequestURI().getPath().substring("/upload/".length()),
                    exchange.getRequestBody().readAllBytes());
            respond(exchange, 200, "OK");
        });
        server.start();
    }

    /** Base URL of the Web API, for {@code SLACK_API_URL}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** A fresh response_url the bot may post to. */
    public String newResponseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + UUID.randomUUID();
    }

    /** A trigger ID, valid for three seconds and one use, as Slack gives with an interaction. */
    public String newTrigger() {
        String trigger = sequence.getAndIncrement() + "." + UUID.randomUUID().toString().substring(0, 8);
        triggers.put(trigger, Instant.now());
        return trigger;
    }

    public FakeSlack user(String id, String name, String email) {
        users.put(id, new User(id, name, email, false));
        return this;
    }

    public FakeSlack deletedUser(String id) {
        users.put(id, new User(id, id, null, true));
        return this;
    }

    /** The next {@code count} calls of {@code method} answer HTTP {@code status} (429 carries Retry-After). */
    public FakeSlack failNext(String method, int count, int status, long retryAfterSeconds) {
        Deque<Failure> queue = failures.computeIfAbsent(method, key -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < count; i++) {
                queue.add(new Failure(status, retryAfterSeconds, null, false));
            }
        }
        return this;
    }

    /**
     * The next {@code count} calls of {@code method} take effect (a message is posted) but are answered with
     * HTTP {@code status}, as when Slack fails after doing the work or the answer is lost on the way.
     */
    public FakeSlack failAfterPostingNext(String method, int count, int status) {
        Deque<Failure> queue = failures.computeIfAbsent(method, key -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < count; i++) {
                queue.add(new Failure(status, 0, null, true));
            }
        }
        return this;
    }

    /**
     * Enforces a rate limit on {@code method} as Slack does (until {@link #reset()}): {@code burst} calls at once,
     * then {@code perSecond}; a call over the limit does nothing and is answered HTTP 429 with
     * {@code Retry-After} in whole seconds.
     */
    public FakeSlack rateLimit(String method, double perSecond, int burst) {
        rateLimits.put(method, new RateLimit(perSecond, burst));
        return this;
    }

    /** How many calls of {@code method} were refused with 429 by {@link #rateLimit}. */
    public long rateLimited(String method) {
        RateLimit limit = rateLimits.get(method);
        return limit == null ? 0 : limit.refused();
    }

    /** Every Web API answer is delayed by {@code delay} (until {@link #reset()}). */
    public FakeSlack latency(Duration delay) {
        this.latency = delay;
        return this;
    }

    /** Every post to a response URL is answered after {@code delay} (until {@link #reset()}). */
    public FakeSlack responseLatency(Duration delay) {
        this.responseLatency = delay;
        return this;
    }

    /**
     * Posts to response URLs wait, unanswered, until {@link #releaseResponses()} or {@link #reset()} (for at most a
     * minute), holding up whoever posts them.
     */
    public FakeSlack holdResponses() {
        responsesHeld = new CountDownLatch(1);
        return this;
    }

    /** Answers the posts to response URLs held since {@link #holdResponses()}, and those after them at once. */
    public FakeSlack releaseResponses() {
        responsesHeld.countDown();
        return this;
    }

    /** The next {@code count} calls of {@code method} answer 200 with {@code ok: false, error}. */
    public FakeSlack errorNext(String method, int count, String error) {
        Deque<Failure> queue = failures.computeIfAbsent(method, key -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < count; i++) {
                queue.add(new Failure(200, 0, error, false));
            }
        }
        return this;
    }

    public void triggerLifetime(Duration lifetime) {
        this.triggerLifetime = lifetime;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    /** Successful-looking messages posted to a channel or user (DM). */
    public List<Call> messagesTo(String channel) {
        return calls("chat.postMessage").stream().filter(call -> channel.equals(call.param("channel"))).toList();
    }

    /** The DM channel Slack opens between the bot and a user. */
    public static String dmChannel(String userId) {
        return "D" + userId.substring(1);
    }

    /** The messages kept in a channel (or a user's DM with the bot), oldest first. */
    public List<Posted> history(String channelOrUser) {
        String channel = channelOrUser.startsWith("U") ? dmChannel(channelOrUser) : channelOrUser;
        return List.copyOf(history.getOrDefault(channel, List.of()));
    }

    public List<Call> callsMatching(Predicate<Call> predicate) {
        return calls.stream().filter(predicate).toList();
    }

    public List<ResponsePost> responsePosts() {
        return List.copyOf(responsePosts);
    }

    /** Files shared by {@code files.completeUploadExternal}, oldest first. */
    public List<SharedFile> files() {
        return List.copyOf(files);
    }

    /** Files shared in a channel, or in a user's DM with the bot. */
    public List<SharedFile> filesIn(String channelOrUser) {
        String channel = channelOrUser.startsWith("U") ? dmChannel(channelOrUser) : channelOrUser;
        return files.stream().filter(file -> channel.equals(file.channel())).toList();
    }

    /** Forgets calls, posts, channel histories, failures, rate limits, uploads, triggers and latencies; keeps users. */
    public void reset() {
        history.clear();
        rateLimits.clear();
        uploadNames.clear();
        uploads.clear();
        files.clear();
        latency = Duration.ZERO;
        responseLatency = Duration.ZERO;
        releaseResponses();
        calls.clear();
        responsePosts.clear();
        failures.clear();
        triggers.clear();
        usedTriggers.clear();
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        Map<String, String> params = params(exchange);
        String token = token(exchange, params);
        RateLimit limit = rateLimits.get(method);
        long retryAfter = limit == null ? 0 : limit.take();
        Failure failure = retryAfter > 0 ? new Failure(429, retryAfter, null, false) : nextFailure(method);
        calls.add(new Call(method, params, token, Instant.now()));
        pause(latency);
        if (failure != null && failure.afterPosting()) {
            answer(method, params, token);
        }
        if (failure != null && failure.error() == null) {
            if (failure.status() == 429) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(failure.retryAfterSeconds()));
            }
            respond(exchange, failure.status(), "{\"ok\":false,\"error\":\""
                    + (failure.status() == 429 ? "ratelimited" : "internal_error") + "\"}");
            return;
        }
        ObjectNode body = failure != null ? error(failure.error()) : answer(method, params, token);
        respond(exchange, 200, body.toString());
    }

    private Failure nextFailure(String method) {
        Deque<Failure> queue = failures.get(method);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.poll();
        }
    }

    private ObjectNode answer(String method, Map<String, String> params, String token) {
        if (token == null || !(token.startsWith("xox") || token.startsWith("xapp-"))) {
            return error("not_authed");
        }
        ObjectNode body = JSON.createObjectNode().put("ok", true);
        switch (method) {
            case "auth.test" -> body.put("url", "https://test.slack.com/").put("team", "Test Councils")
                    .put("user", "talentpool").put("team_id", TEAM_ID).put("user_id", BOT_USER_ID)
                    .put("bot_id", "B0TEST").put("is_enterprise_install", false);
            case "users.info" -> {
                User user = users.get(params.get("user"));
                if (user == null) {
                    return error("user_not_found");
                }
                ObjectNode json = body.putObject("user").put("id", user.id()).put("team_id", TEAM_ID)
                        .put("name", user.name()).put("real_name", user.name()).put("deleted", user.deleted())
                        .put("is_bot", false);
                ObjectNode profile = json.putObject("profile").put("real_name", user.name())
                        .put("display_name", user.name());
                if (user.email() != null) {
                    profile.put("email", user.email());
                }
            }
            case "chat.postMessage", "chat.update" -> {
                String channel = params.getOrDefault("channel", "");
                User user = users.get(channel);
                if (user != null && user.deleted()) {
                    return error("user_not_found");
                }
                String ts = params.containsKey("ts") ? params.get("ts") : nextTs();
                String conversation = channel.startsWith("U") ? dmChannel(channel) : channel;
                body.put("channel", conversation).put("ts", ts);
                body.putObject("message").put("text", params.getOrDefault("text", "")).put("ts", ts);
                keep(method, conversation, ts, params);
            }
            case "conversations.history" -> historyPage(body, params);
            case "chat.postEphemeral" -> body.put("message_ts", nextTs());
            case "views.open", "views.push" -> {
                String trigger = params.get("trigger_id");
                Instant issued = trigger == null ? null : triggers.remove(trigger);
                if (issued == null) {
                    return error(trigger != null && usedTriggers.contains(trigger)
                            ? "exchanged_trigger_id" : "invalid_trigger_id");
                }
                usedTriggers.add(trigger);
                if (Duration.between(issued, Instant.now()).compareTo(triggerLifetime) > 0) {
                    return error("expired_trigger_id");
                }
                view(body, params);
            }
            case "views.update", "views.publish" -> view(body, params);
            case "apps.connections.open" -> body.put("url", "ws://127.0.0.1:9/link?ticket=fake");
            case "conversations.open" -> body.putObject("channel").put("id",
                    dmChannel(params.getOrDefault("users", "UX")));
            case "files.getUploadURLExternal" -> {
                String fileId = "F" + sequence.getAndIncrement();
                uploadNames.put(fileId, params.getOrDefault("filename", "file"));
                body.put("upload_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/upload/" + fileId)
                        .put("file_id", fileId);
            }
            case "files.completeUploadExternal" -> {
                ArrayNode shared = body.putArray("files");
                try {
                    for (JsonNode file : JSON.readTree(params.getOrDefault("files", "[]"))) {
                        String id = file.path("id").asText();
                        if (!uploads.containsKey(id)) {
                            return error("file_not_found");
                        }
                        files.add(new SharedFile(id, uploadNames.getOrDefault(id, "file"),
                                file.path("title").asText(null), params.get("channel_id"),
                                params.get("initial_comment"), uploads.remove(id)));
                        shared.addObject().put("id", id).put("title", file.path("title").asText("file"));
                    }
                } catch (IOException e) {
                    return error("invalid_arguments");
                }
            }
            case "files.upload" -> body.putObject("file").put("id", "F" + sequence.getAndIncrement());
            default -> { }
        }
        return body;
    }

    private void view(ObjectNode body, Map<String, String> params) {
        ObjectNode view = body.putObject("view");
        view.put("id", params.getOrDefault("view_id", "V" + sequence.getAndIncrement()))
                .put("team_id", TEAM_ID).put("hash", "h" + sequence.getAndIncrement());
        String json = params.get("view");
        if (json != null) {
            try {
                JsonNode submitted = JSON.readTree(json);
                view.put("type", submitted.path("type").asText("modal"));
                view.put("callback_id", submitted.path("callback_id").asText(""));
                view.put("private_metadata", submitted.path("private_metadata").asText(""));
            } catch (IOException e) {
                view.put("type", "modal");
            }
        }
    }

    /** Slack's message timestamp: seconds of the clock, a dot, six digits unique within the second. */
    private String nextTs() {
        return clock.instant().getEpochSecond() + "." + String.format("%06d", sequence.getAndIncrement() % 1_000_000);
    }

    private void keep(String method, String channel, String ts, Map<String, String> params) {
        List<Posted> messages = history.computeIfAbsent(channel, key -> new CopyOnWriteArrayList<>());
        JsonNode metadata = null;
        if (params.containsKey("metadata")) {
            try {
                metadata = JSON.readTree(params.get("metadata"));
            } catch (IOException e) {
                metadata = null;
            }
        }
        Posted posted = new Posted(channel, ts, params.getOrDefault("text", ""), metadata);
        if (method.equals("chat.update")) {
            messages.replaceAll(message -> message.ts().equals(ts) ? posted : message);
        } else {
            messages.add(posted);
        }
    }

    /** Newest first, after {@code oldest} and before {@code latest}, {@code limit} at a time with a cursor. */
    private void historyPage(ObjectNode body, Map<String, String> params) {
        List<Posted> messages = new ArrayList<>(history.getOrDefault(params.get("channel"), List.of()));
        Collections.reverse(messages);
        boolean inclusive = "true".equals(params.get("inclusive")) || "1".equals(params.get("inclusive"));
        BigDecimal oldest = params.containsKey("oldest") ? new BigDecimal(params.get("oldest")) : null;
        BigDecimal latest = params.containsKey("latest") ? new BigDecimal(params.get("latest")) : null;
        messages.removeIf(message -> {
            BigDecimal ts = new BigDecimal(message.ts());
            return oldest != null && (inclusive ? ts.compareTo(oldest) < 0 : ts.compareTo(oldest) <= 0)
                    || latest != null && (inclusive ? ts.compareTo(latest) > 0 : ts.compareTo(latest) >= 0);
        });
        int limit = Math.min(Integer.parseInt(params.getOrDefault("limit", "100")), 999);
        String cursor = params.getOrDefault("cursor", "");
        int from = cursor.startsWith("offset:") ? Integer.parseInt(cursor.substring("offset:".length())) : 0;
        int to = Math.min(messages.size(), from + limit);
        boolean withMetadata = "true".equals(params.get("include_all_metadata"));
        ArrayNode page = body.putArray("messages");
        for (Posted message : messages.subList(Math.min(from, to), to)) {
            ObjectNode json = page.addObject().put("type", "message").put("user", BOT_USER_ID).put("bot_id", "B0TEST")
                    .put("text", message.text()).put("ts", message.ts());
            if (withMetadata && message.metadata() != null) {
                json.set("metadata", message.metadata());
            }
        }
        body.put("has_more", to < messages.size());
        body.putObject("response_metadata").put("next_cursor", to < messages.size() ? "offset:" + to : "");
    }

    private static void pause(Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ObjectNode error(String error) {
        return JSON.createObjectNode().put("ok", false).put("error", error);
    }

    private void responseUrl(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/response/".length());
        String body = read(exchange.getRequestBody());
        pause(responseLatency);
        try {
            responsesHeld.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            responsePosts.add(new ResponsePost(id, JSON.readTree(body)));
        } catch (IOException e) {
            responsePosts.add(new ResponsePost(id, JSON.createObjectNode().put("raw", body)));
        }
        respond(exchange, 200, "{\"ok\":true}");
    }

    private static Map<String, String> params(HttpExchange exchange) throws IOException {
        String body = read(exchange.getRequestBody());
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        Map<String, String> params = new LinkedHashMap<>();
        if (contentType.contains("json") && !body.isBlank()) {
            JsonNode json = JSON.readTree(body);
            json.fields().forEachRemaining(field -> params.put(field.getKey(),
                    field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        } else {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                params.put(name, value);
            }
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    params.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static String token(HttpExchange exchange, Map<String, String> params) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return authorization.substring("Bearer ".length());
        }
        return params.get("token");
    }

    private static String read(InputStream stream) throws IOException {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** For lists in assertions. */
    public static List<String> texts(List<Call> calls) {
        List<String> texts = new ArrayList<>();
        calls.forEach(call -> texts.add(call.allText()));
        return texts;
    }
}
