package org.talentpool.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The help every command shows, and the sub-commands of {@code /pool} and {@code /pool-admin}.
 * Features add their entries when they register; {@link PoolCommands} dispatches and renders help.
 */
public final class CommandRegistry {
    public static final String POOL = "/pool";
    public static final String POOL_ADMIN = "/pool-admin";

    /** One line of help: an example of use and what it does. */
    public record HelpEntry(String example, String summary, boolean adminOnly) {}

    /** What a sub-command handler gets: who asked, the words after the sub-command, and Bolt's context. */
    public record Call(SlashCommandPayload payload, SlashCommandContext context, String subcommand, String args) {
        public String userId() {
            return payload.getUserId();
        }
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Call call) throws Exception;
    }

    private record Subcommand(String name, Handler handler) {}

    private final List<HelpEntry> help = new ArrayList<>();
    private final Map<String, Map<String, Subcommand>> subcommands = new LinkedHashMap<>();

    public CommandRegistry() {
        subcommands.put(POOL, new LinkedHashMap<>());
        subcommands.put(POOL_ADMIN, new LinkedHashMap<>());
    }

    /** Documents a command handled elsewhere (e.g. {@code /available 4}) in the help. */
    public CommandRegistry describe(String example, String summary) {
        help.add(new HelpEntry(example, summary, false));
        return this;
    }

    /** Adds {@code /pool <name>}. */
    public CommandRegistry pool(String name, String example, String summary, Handler handler) {
        return add(POOL, name, example, summary, handler, false);
    }

    /** Adds {@code /pool-admin <name>}; only admins reach the handler. */
    public CommandRegistry admin(String name, String example, String summary, Handler handler) {
        return add(POOL_ADMIN, name, example, summary, handler, true);
    }

    private CommandRegistry add(String command, String name, String example, String summary, Handler handler,
                                boolean adminOnly) {
        String key = name.toLowerCase(Locale.ROOT);
        if (subcommands.get(command).putIfAbsent(key, new Subcommand(key, handler)) != null) {
            throw new IllegalStateException(command + " " + name + " is registered twice");
        }
        help.add(new HelpEntry(example, summary, adminOnly));
        return this;
    }

    Optional<Handler> find(String command, String name) {
        return Optional.ofNullable(subcommands.getOrDefault(command, Map.of()).get(name.toLowerCase(Locale.ROOT)))
                .map(Subcommand::handler);
    }

    public List<HelpEntry> help(boolean includeAdmin) {
        return help.stream().filter(entry -> includeAdmin || !entry.adminOnly()).toList();
    }

    public List<HelpEntry> adminHelp() {
        return help.stream().filter(HelpEntry::adminOnly).toList();
    }
}
