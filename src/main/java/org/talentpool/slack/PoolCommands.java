package org.talentpool.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.talentpool.persistence.AuditLog;

/**
 * {@code /pool} (help and member sub-commands) and {@code /pool-admin} (admin sub-commands). Sub-commands
 * come from the {@link CommandRegistry}; an unknown one gets the help with a note. Non-admins are refused
 * {@code /pool-admin} and the attempt is audited.
 */
public final class PoolCommands implements SlackFeature {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PoolCommands.class);
    private final Predicate<String> isAdmin;
    private final AuditLog audit;

    public PoolCommands(Predicate<String> isAdmin, AuditLog audit) {
        this.isAdmin = isAdmin;
        this.audit = audit;
    }

    @Override
    public void register(App app, CommandRegistry commands) {
        commands.describe("/pool", "this help: every command with an example");
        app.command(CommandRegistry.POOL, (request, ctx) -> {
            var payload = request.getPayload();
            Words words = Words.of(payload.getText());
            if (words.first().isEmpty() || words.first().equals("help")) {
                return ephemeral(ctx, help(commands, isAdmin.test(payload.getUserId()), null));
            }
            var handler = commands.find(CommandRegistry.POOL, words.first());
            if (handler.isEmpty()) {
                return ephemeral(ctx, help(commands, isAdmin.test(payload.getUserId()),
                        "I don't know `/pool " + SlackText.escape(words.first()) + "`. Here is what I can do:"));
            }
            return run(handler.get(), new CommandRegistry.Call(payload, ctx, words.first(), words.rest()));
        });
        app.command(CommandRegistry.POOL_ADMIN, (request, ctx) -> {
            var payload = request.getPayload();
            Words words = Words.of(payload.getText());
            if (!isAdmin.test(payload.getUserId())) {
                audit.record(AuditLog.Change.of(payload.getUserId(), "admin.refused", "command",
                        (CommandRegistry.POOL_ADMIN + " " + words.first()).trim()).detail(payload.getText()));
                return ephemeral(ctx, List.of(section(s -> s.text(markdownText(
                        "Only community admins can use `/pool-admin`. If you think you should be one, ask an"
                                + " existing admin to run `/pool-admin admins add @you`.")))));
            }
            if (words.first().isEmpty() || words.first().equals("help")) {
                return ephemeral(ctx, adminHelp(commands, null));
            }
            var handler = commands.find(CommandRegistry.POOL_ADMIN, words.first());
            if (handler.isEmpty()) {
                return ephemeral(ctx, adminHelp(commands,
                        "I don't know `/pool-admin " + SlackText.escape(words.first()) + "`. Admin commands:"));
            }
            return run(handler.get(), new CommandRegistry.Call(payload, ctx, words.first(), words.rest()));
        });
    }

    /** Runs a sub-command; a failure is logged and the member gets a short apology, never a stack trace. */
    private static Response run(CommandRegistry.Handler handler, CommandRegistry.Call call) {
        try {
            return handler.handle(call);
        } catch (Exception e) {
            log.error("{} {} failed for {}", call.payload().getCommand(), call.subcommand(), call.userId(), e);
            return ephemeral(call.context(), "Sorry, something went wrong on my side and nothing was changed."
                    + " Please try again in a minute.");
        }
    }

    static List<LayoutBlock> help(CommandRegistry commands, boolean admin, String note) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String intro = note != null ? note
                : "*Talent Pool* lends specialist hours between councils. Offer a few hours a week, find an expert"
                        + " at another council, and book their time.";
        blocks.add(section(s -> s.text(markdownText(intro))));
        blocks.add(section(s -> s.text(markdownText(helpLines(commands.help(false))))));
        if (admin && !commands.adminHelp().isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(
                    "You are a community admin: `/pool-admin` lists the admin commands.")))));
        }
        return blocks;
    }

    static List<LayoutBlock> adminHelp(CommandRegistry commands, String note) {
        String intro = note != null ? note : "*Admin commands*";
        List<CommandRegistry.HelpEntry> entries = commands.adminHelp();
        String body = entries.isEmpty() ? "No admin commands are installed yet." : helpLines(entries);
        return List.of(section(s -> s.text(markdownText(intro))), section(s -> s.text(markdownText(body))));
    }

    /** Help entries as mrkdwn, one {@code • `example` — summary} a line (also shown on the App Home). */
    public static String helpLines(List<CommandRegistry.HelpEntry> entries) {
        StringBuilder text = new StringBuilder();
        for (CommandRegistry.HelpEntry entry : entries) {
            text.append("• `").append(entry.example()).append("` — ").append(entry.summary()).append('\n');
        }
        return text.toString().stripTrailing();
    }

    /** An ephemeral reply as the acknowledgement of a slash command. */
    public static Response ephemeral(SlashCommandContext ctx, List<LayoutBlock> blocks) {
        return ctx.ack(response -> response.responseType("ephemeral").text(plainText(blocks)).blocks(blocks));
    }

    /** A one-line ephemeral reply. */
    public static Response ephemeral(SlashCommandContext ctx, String mrkdwn) {
        return ephemeral(ctx, List.of(section(s -> s.text(markdownText(mrkdwn)))));
    }

    private static String plainText(List<LayoutBlock> blocks) {
        for (LayoutBlock block : blocks) {
            if (block instanceof com.slack.api.model.block.SectionBlock section && section.getText() != null) {
                return section.getText().getText();
            }
        }
        return "Talent Pool";
    }

    /** The first word of a command's text (lower case) and the rest as typed. */
    public record Words(String first, String rest) {
        public static Words of(String text) {
            String trimmed = text == null ? "" : text.trim();
            int space = trimmed.indexOf(' ');
            if (space < 0) {
                return new Words(trimmed.toLowerCase(Locale.ROOT), "");
            }
            return new Words(trimmed.substring(0, space).toLowerCase(Locale.ROOT), trimmed.substring(space + 1).trim());
        }
    }
}
