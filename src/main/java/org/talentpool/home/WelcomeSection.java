package org.talentpool.home;

import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;
import org.talentpool.council.Council;
import org.talentpool.council.GateReplies;
import org.talentpool.council.Member;
import org.talentpool.slack.CommandRegistry;
import org.talentpool.slack.PoolCommands;
import org.talentpool.slack.SlackText;

/**
 * The top of every App Home: who the member is for the pool (their council, decided by their verified email
 * domain, and its status), or what the membership gate says when they may not use it yet; then the commands.
 */
public final class WelcomeSection implements HomeSection {
    private final CommandRegistry commands;

    public WelcomeSection(CommandRegistry commands) {
        this.commands = commands;
    }

    @Override
    public List<LayoutBlock> blocks(HomeViewer viewer) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Talent Pool"))));
        if (viewer.allowed()) {
            Member member = viewer.member().orElseThrow();
            blocks.add(section(s -> s.text(markdownText("*Welcome, " + SlackText.escape(member.displayName())
                    + ".* Offer a few hours a week, find an expert at another council, and book their time."))));
        } else {
            blocks.addAll(GateReplies.blocks(viewer.access()));
        }
        viewer.member().ifPresent(member -> blocks.add(section(s -> s.fields(List.of(
                markdownText("*Your council*\n" + SlackText.escape(member.council().name())),
                markdownText("*Status*\n" + status(member.council())))))));
        blocks.add(section(s -> s.text(markdownText("*Commands*\n" + PoolCommands.helpLines(commands.help(false))))));
        return blocks;
    }

    private static String status(Council council) {
        return switch (council.status()) {
            case APPROVED -> "Approved: you can offer, search and book";
            case PENDING -> "Asked to join, waiting for a community admin";
            case SUSPENDED -> "Suspended";
            case REJECTED -> "Not approved";
            default -> "Not in the pool yet";
        };
    }
}
