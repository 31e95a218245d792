package org.talentpool.search;

import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.DispatchActionConfig;
import java.util.List;
import org.talentpool.home.HomeSection;
import org.talentpool.home.HomeViewer;

/**
 * "Find an expert" on the App Home of members who may book: a search box that runs {@code /find-expert} when the
 * member presses Enter ({@code dispatch_action}); the results arrive in their DM with the bot, with Book buttons.
 */
final class SearchHomeSection implements HomeSection {
    /** The search box's block and action ID. */
    static final String SEARCH = "find-expert-home";

    @Override
    public List<LayoutBlock> blocks(HomeViewer viewer) {
        if (!viewer.allowed()) {
            return List.of();
        }
        return List.of(
                header(h -> h.text(plainText("Find an expert"))),
                input(i -> i.blockId(SEARCH).dispatchAction(true)
                        .label(plainText("Skills you need at another council"))
                        .hint(plainText("Press Enter to search, e.g. gis python (add --next-week for next week)."
                                + " The results come to your messages with Talent Pool, each with a Book button."))
                        .element(plainTextInput(e -> e.actionId(SEARCH).maxLength(200)
                                .placeholder(plainText("e.g. gis python"))
                                .dispatchActionConfig(DispatchActionConfig.builder()
                                        .triggerActionsOn(List.of("on_enter_pressed")).build())))));
    }
}
