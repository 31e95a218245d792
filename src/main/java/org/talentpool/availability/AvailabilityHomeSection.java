package org.talentpool.availability;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.talentpool.home.HomeSection;
import org.talentpool.home.HomeViewer;

/**
 * "Your hours" on a specialist's App Home: this week's and next week's hours (offered, held, booked, left), each
 * with a select that changes them (as {@code /available 2 this week} does), where their permission stands, and
 * the Monday nudge with a button to turn it off or on. Members without a profile see nothing here.
 */
final class AvailabilityHomeSection implements HomeSection {
    private final AvailabilityService availability;

    AvailabilityHomeSection(AvailabilityService availability) {
        this.availability = availability;
    }

    @Override
    public List<LayoutBlock> blocks(HomeViewer viewer) {
        if (!viewer.allowed()) {
            return List.of();
        }
        Optional<AvailabilitySummary> found = availability.status(viewer.userId());
        if (found.isEmpty()) {
            return List.of();
        }
        AvailabilitySummary summary = found.get();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Your hours"))));
        blocks.add(week("This week", summary.thisWeek()));
        blocks.add(week("Next week", summary.nextWeek()));
        StringBuilder standing = new StringBuilder(AvailabilityReplies.permission(summary.permission(),
                summary.profile()));
        standing.append(" Your usual offer: ").append(Hours.format(summary.profile().defaultMinutes()))
                .append(" a week (`/available 4` changes it).");
        if (summary.profile().paused()) {
            standing.append("\n⏸ You're paused: nobody can find you or hold new hours until you run"
                    + " `/available resume`.");
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(standing.toString())))));
        boolean nudges = availability.nudges(viewer.userId()).orElse(true);
        blocks.add(section(s -> s.blockId("hours-nudges")
                .text(markdownText("Monday reminder when you offer no hours: *" + (nudges ? "on" : "off") + "*"))
                .accessory(AvailabilityBlocks.nudgesButton(!nudges, nudges ? "Turn off" : "Turn on"))));
        return blocks;
    }

    private static SectionBlock week(String label, WeekCapacity week) {
        SectionBlock block = section(s -> s.blockId("hours-" + week.weekStart())
                .text(markdownText(AvailabilityReplies.week(label, week))));
        AvailabilityBlocks.hoursSelect(week).ifPresent(block::setAccessory);
        return block;
    }
}
