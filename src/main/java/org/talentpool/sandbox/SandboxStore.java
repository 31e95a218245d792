package org.talentpool.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the sandbox's stand-in for Slack holds, in memory: messages per conversation (ephemeral ones visible to
 * one person), each person's open modals (a stack, as in Slack) and published App Home, trigger IDs, response
 * URLs and uploaded files. Every change bumps a version the page polls for. Thread-safe (one lock).
 */
final class SandboxStore {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TRIGGER_LIFETIME = Duration.ofSeconds(3);
    static final Duration RESPONSE_URL_LIFETIME = Duration.ofMinutes(30);
    static final int RESPONSE_URL_USES = 5;
    static final int MAX_MODAL_STACK = 3;
    static final int MAX_MESSAGES_PER_CHANNEL = 300;
    static final int MAX_FILE_BYTES = 5_000_000;

    /** Who wrote a message: the bot, a person (their own slash command, shown to them), or Slackbot (a notice). */
    enum Author { BOT, PERSON, SLACKBOT }

    /** A message in a conversation; {@code visibleTo} is set for ephemeral messages. Immutable: changes replace it. */
    record Message(String id, String channel, String ts, Author author, String authorId, String visibleTo,
                   String text, JsonNode blocks, List<JsonNode> files, boolean edited) {
        Message {
            files = List.copyOf(files);
        }

        boolean ephemeral() {
            return visibleTo != null;
        }

        Message showing(String newText, JsonNode newBlocks) {
            return new Message(id, channel, ts, author, authorId, visibleTo, newText, newBlocks, files, true);
        }

        Message withFile(JsonNode file) {
            List<JsonNode> more = new ArrayList<>(files);
            more.add(file);
            return new Message(id, channel, ts, author, authorId, visibleTo, text, blocks, more, edited);
        }
    }

    /** Where a response_url posts land: the person and conversation, and the message acted on, if any. */
    record ResponseTarget(String userId, String channel, String messageId, Instant issued, int uses) {}

    record StoredFile(String id, String name, String title, String mimeType, byte[] content) {}

    /** Thrown for a Web API call Slack would refuse; the code is Slack's error code. */
    static final class SlackError extends Exception {
        final String code;

        SlackError(String code) {
            super(code);
            this.code = code;
        }
    }

    private final Clock clock;
    private final Object lock = new Object();
    private final List<Message> messages = new ArrayList<>();
    private final Map<String, List<ObjectNode>> modals = new HashMap<>();
    private final Map<String, ObjectNode> homes = new HashMap<>();
    private final Map<String, Map.Entry<String, Instant>> triggers = new HashMap<>();
    private final Set<String> usedTriggers = new HashSet<>();
    private final Map<String, ResponseTarget> responseUrls = new HashMap<>();
    private final Map<String, StoredFile> files = new LinkedHashMap<>();
    private final Map<String, String> pendingUploadNames = new HashMap<>();
    private final Map<String, byte[]> pendingUploads = new HashMap<>();
    private long sequence;
    private long version;

    SandboxStore(Clock clock) {
        this.clock = clock;
    }

    /** The bot's direct-message conversation with a person: {@code U123 → D123}. */
    static String dmChannel(String userId) {
        return "D" + userId.substring(1);
    }

    /** A channel as callers name it (a user ID means the DM with that user) in its canonical form. */
    static String canonicalChannel(String channel) {
        return channel.startsWith("U") || channel.startsWith("W") ? dmChannel(channel) : channel;
    }

    long version() {
        synchronized (lock) {
            return version;
        }
    }

    private long next() {
        version++;
        return ++sequence;
    }

    private String nextTs() {
        return clock.instant().getEpochSecond() + "." + String.format("%06d", next() % 1_000_000);
    }

    // ----- messages -----

    Message post(String channel, Author author, String authorId, String visibleTo, String text, JsonNode blocks) {
        synchronized (lock) {
            String canonical = canonicalChannel(channel);
            Message message = new Message("M" + next(), canonical, nextTs(), author, authorId, visibleTo, text,
                    SandboxBlocks.withIds(blocks), List.of(), false);
            messages.add(message);
            trim(canonical);
            return message;
        }
    }

    private void trim(String channel) {
        long count = messages.stream().filter(message -> message.channel().equals(channel)).count();
        Iterator<Message> oldest = messages.iterator();
        while (count > MAX_MESSAGES_PER_CHANNEL && oldest.hasNext()) {
            if (oldest.next().channel().equals(channel)) {
                oldest.remove();
                count--;
            }
        }
    }

    Message updateMessage(String channel, String ts, String text, JsonNode blocks) throws SlackError {
        synchronized (lock) {
            Message message = find(channel, ts).orElseThrow(() -> new SlackError("message_not_found"));
            if (message.author() != Author.BOT) {
                throw new SlackError("cant_update_message");
            }
            Message updated = message.showing(text, blocks == null ? message.blocks() : SandboxBlocks.withIds(blocks));
            messages.set(messages.indexOf(message), updated);
            next();
            return updated;
        }
    }

    void deleteMessage(String channel, String ts) throws SlackError {
        synchronized (lock) {
            Message message = find(channel, ts).orElseThrow(() -> new SlackError("message_not_found"));
            messages.remove(message);
            next();
        }
    }

    private Optional<Message> find(String channel, String ts) {
        String canonical = canonicalChannel(channel);
        return messages.stream().filter(message -> message.channel().equals(canonical) && message.ts().equals(ts))
                .findFirst();
    }

    Optional<Message> message(String id) {
        synchronized (lock) {
            return messages.stream().filter(message -> message.id().equals(id)).findFirst();
        }
    }

    /** The messages of a conversation that a person sees, oldest first. */
    List<Message> conversation(String channel, String userId) {
        synchronized (lock) {
            return messages.stream()
                    .filter(message -> message.channel().equals(channel))
                    .filter(message -> message.visibleTo() == null || message.visibleTo().equals(userId))
                    .toList();
        }
    }

    /** The conversations other than direct messages, in order of their first message. */
    List<String> channels() {
        synchronized (lock) {
            return messages.stream().map(Message::channel).filter(channel -> !channel.startsWith("D"))
                    .distinct().toList();
        }
    }

    void attach(String messageId, JsonNode file) {
        synchronized (lock) {
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).id().equals(messageId)) {
                    messages.set(i, messages.get(i).withFile(file));
                    next();
                }
            }
        }
    }

    // ----- triggers and response URLs -----

    String newTrigger(String userId) {
        synchronized (lock) {
            String trigger = next() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            triggers.put(trigger, Map.entry(userId, clock.instant()));
            return trigger;
        }
    }

    /** The person a trigger was issued to; it is used up, and must be used within three seconds. */
    String useTrigger(String trigger) throws SlackError {
        synchronized (lock) {
            Map.Entry<String, Instant> issued = trigger == null ? null : triggers.remove(trigger);
            if (issued == null) {
                throw new SlackError(trigger != null && usedTriggers.contains(trigger)
                        ? "exchanged_trigger_id" : "invalid_trigger_id");
            }
            usedTriggers.add(trigger);
            if (Duration.between(issued.getValue(), clock.instant()).compareTo(TRIGGER_LIFETIME) > 0) {
                throw new SlackError("expired_trigger_id");
            }
            return issued.getKey();
        }
    }

    String newResponseUrl(String userId, String channel, String messageId) {
        synchronized (lock) {
            String id = UUID.randomUUID().toString();
            responseUrls.put(id, new ResponseTarget(userId, canonicalChannel(channel), messageId, clock.instant(), 0));
            return id;
        }
    }

    /** Where a response_url post goes; each URL works five times within thirty minutes, as in Slack. */
    ResponseTarget useResponseUrl(String id) throws SlackError {
        synchronized (lock) {
            ResponseTarget target = responseUrls.get(id);
            if (target == null) {
                throw new SlackError("invalid_url");
            }
            if (Duration.between(target.issued(), clock.instant()).compareTo(RESPONSE_URL_LIFETIME) > 0) {
                throw new SlackError("expired_url");
            }
            if (target.uses() >= RESPONSE_URL_USES) {
                throw new SlackError("used_url");
            }
            responseUrls.put(id, new ResponseTarget(target.userId(), target.channel(), target.messageId(),
                    target.issued(), target.uses() + 1));
            return target;
        }
    }

    /** Replaces what a message shows (response_url with replace_original). */
    void replace(String messageId, String text, JsonNode blocks) throws SlackError {
        synchronized (lock) {
            Message message = messages.stream().filter(candidate -> candidate.id().equals(messageId)).findFirst()
                    .orElseThrow(() -> new SlackError("message_not_found"));
            messages.set(messages.indexOf(message), message.showing(text, SandboxBlocks.withIds(blocks)));
            next();
        }
    }

    void remove(String messageId) {
        synchronized (lock) {
            messages.removeIf(message -> message.id().equals(messageId));
            next();
        }
    }

    // ----- views -----

    /** A view as Slack returns it: what the app sent, plus ID, hash and Slack's own fields. */
    private ObjectNode stored(JsonNode submitted, String id, String rootId, String previousId) throws SlackError {
        if (submitted == null || !submitted.isObject()) {
            throw new SlackError("invalid_arguments");
        }
        ObjectNode view = ((ObjectNode) submitted).deepCopy();
        String type = view.path("type").asText("");
        if (!type.equals("modal") && !type.equals("home")) {
            throw new SlackError("invalid_arguments");
        }
        view.put("id", id).put("team_id", SandboxSlack.TEAM_ID).put("app_id", SandboxSlack.APP_ID)
                .put("bot_id", SandboxSlack.BOT_ID).put("hash", next() + "." + UUID.randomUUID().toString().substring(0, 8))
                .put("root_view_id", rootId);
        if (previousId == null) {
            view.putNull("previous_view_id");
        } else {
            view.put("previous_view_id", previousId);
        }
        if (!view.has("private_metadata")) {
            view.put("private_metadata", "");
        }
        if (!view.has("callback_id")) {
            view.put("callback_id", "");
        }
        if (!view.has("external_id")) {
            view.put("external_id", "");
        }
        if (!view.has("blocks")) {
            view.putArray("blocks");
        }
        view.set("blocks", SandboxBlocks.withIds(view.get("blocks")));
        view.putObject("state").putObject("values");
        return view;
    }

    private String newViewId() {
        return "V" + String.format("%010d", next());
    }

    ObjectNode open(String userId, JsonNode view) throws SlackError {
        synchronized (lock) {
            String id = newViewId();
            ObjectNode stored = stored(view, id, id, null);
            List<ObjectNode> stack = new ArrayList<>();
            stack.add(stored);
            modals.put(userId, stack);
            return stored.deepCopy();
        }
    }

    ObjectNode push(String userId, JsonNode view) throws SlackError {
        synchronized (lock) {
            List<ObjectNode> stack = modals.get(userId);
            if (stack == null || stack.isEmpty()) {
                throw new SlackError("not_found");
            }
            if (stack.size() >= MAX_MODAL_STACK) {
                throw new SlackError("push_limit_reached");
            }
            ObjectNode top = stack.get(stack.size() - 1);
            String id = newViewId();
            ObjectNode stored = stored(view, id, top.path("root_view_id").asText(), top.path("id").asText());
            stack.add(stored);
            return stored.deepCopy();
        }
    }

    /** views.update: by view ID or external ID; a hash that is not the current one is a conflict, as in Slack. */
    ObjectNode updateView(String viewId, String externalId, String hash, JsonNode view) throws SlackError {
        synchronized (lock) {
            ObjectNode current = findView(viewId, externalId).orElseThrow(() -> new SlackError("not_found"));
            if (hash != null && !hash.isBlank() && !hash.equals(current.path("hash").asText())) {
                throw new SlackError("hash_conflict");
            }
            ObjectNode stored = stored(view, current.path("id").asText(), current.path("root_view_id").asText(),
                    current.path("previous_view_id").isNull() ? null : current.path("previous_view_id").asText());
            replaceView(current, stored);
            return stored.deepCopy();
        }
    }

    ObjectNode publish(String userId, JsonNode view) throws SlackError {
        synchronized (lock) {
            ObjectNode current = homes.get(userId);
            String id = current == null ? newViewId() : current.path("id").asText();
            ObjectNode stored = stored(view, id, id, null);
            if (!"home".equals(stored.path("type").asText())) {
                throw new SlackError("invalid_arguments");
            }
            homes.put(userId, stored);
            return stored.deepCopy();
        }
    }

    private Optional<ObjectNode> findView(String viewId, String externalId) {
        List<ObjectNode> all = new ArrayList<>(homes.values());
        modals.values().forEach(all::addAll);
        return all.stream().filter(view -> viewId != null && !viewId.isBlank()
                        ? viewId.equals(view.path("id").asText())
                        : externalId != null && !externalId.isBlank() && externalId.equals(view.path("external_id").asText()))
                .findFirst();
    }

    private void replaceView(ObjectNode current, ObjectNode replacement) {
        homes.replaceAll((user, view) -> view == current ? replacement : view);
        modals.values().forEach(stack -> stack.replaceAll(view -> view == current ? replacement : view));
    }

    /** The modal on top of a person's stack, if any. */
    Optional<ObjectNode> topModal(String userId) {
        synchronized (lock) {
            List<ObjectNode> stack = modals.get(userId);
            return stack == null || stack.isEmpty() ? Optional.empty() : Optional.of(stack.get(stack.size() - 1).deepCopy());
        }
    }

    int modalDepth(String userId) {
        synchronized (lock) {
            List<ObjectNode> stack = modals.get(userId);
            return stack == null ? 0 : stack.size();
        }
    }

    Optional<ObjectNode> home(String userId) {
        synchronized (lock) {
            return Optional.ofNullable(homes.get(userId)).map(ObjectNode::deepCopy);
        }
    }

    /** A person's open modal or home view by ID. */
    Optional<ObjectNode> view(String userId, String viewId) {
        synchronized (lock) {
            List<ObjectNode> candidates = new ArrayList<>(modals.getOrDefault(userId, List.of()));
            if (homes.containsKey(userId)) {
                candidates.add(homes.get(userId));
            }
            return candidates.stream().filter(view -> view.path("id").asText().equals(viewId)).findFirst()
                    .map(ObjectNode::deepCopy);
        }
    }

    /** Closes the top modal (an empty acknowledgement of a submission, or the person closing it). */
    void closeTop(String userId, String viewId) {
        synchronized (lock) {
            List<ObjectNode> stack = modals.get(userId);
            if (stack != null && !stack.isEmpty() && stack.get(stack.size() - 1).path("id").asText().equals(viewId)) {
                stack.remove(stack.size() - 1);
                next();
            }
        }
    }

    void clearModals(String userId) {
        synchronized (lock) {
            modals.remove(userId);
            next();
        }
    }

    // ----- files -----

    String newUpload(String name) {
        synchronized (lock) {
            String id = "F" + String.format("%010d", next());
            pendingUploadNames.put(id, name == null || name.isBlank() ? "file" : name);
            return id;
        }
    }

    void receiveUpload(String fileId, byte[] content) throws SlackError {
        synchronized (lock) {
            if (!pendingUploadNames.containsKey(fileId)) {
                throw new SlackError("file_not_found");
            }
            if (content.length > MAX_FILE_BYTES) {
                throw new SlackError("file_too_large");
            }
            pendingUploads.put(fileId, content);
        }
    }

    StoredFile completeUpload(String fileId, String title) throws SlackError {
        synchronized (lock) {
            String name = pendingUploadNames.remove(fileId);
            byte[] content = pendingUploads.remove(fileId);
            if (name == null || content == null) {
                throw new SlackError("file_not_found");
            }
            return addFile(fileId, name, title, content);
        }
    }

    StoredFile addFile(String fileId, String name, String title, byte[] content) {
        synchronized (lock) {
            String id = fileId != null ? fileId : "F" + String.format("%010d", next());
            StoredFile file = new StoredFile(id, name, title == null || title.isBlank() ? name : title,
                    mimeType(name), content);
            files.put(id, file);
            next();
            return file;
        }
    }

    Optional<StoredFile> file(String id) {
        synchronized (lock) {
            return Optional.ofNullable(files.get(id));
        }
    }

    private static String mimeType(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return "text/csv";
        }
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        if (lower.endsWith(".txt")) {
            return "text/plain";
        }
        return "application/octet-stream";
    }
}
