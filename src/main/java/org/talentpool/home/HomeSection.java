package org.talentpool.home;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * One part of a member's App Home, contributed by a feature (e.g. "your hours this week", "your bookings").
 * Register it with {@link AppHome#addSection}; it is asked for its blocks each time the home is published.
 * Return an empty list to show nothing to this viewer. User-written text must be escaped.
 */
@FunctionalInterface
public interface HomeSection {
    List<LayoutBlock> blocks(HomeViewer viewer) throws Exception;
}
