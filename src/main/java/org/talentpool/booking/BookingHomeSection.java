package org.talentpool.booking;

import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;
import org.talentpool.home.HomeSection;
import org.talentpool.home.HomeViewer;

/**
 * "Your bookings" on the App Home: the {@code /pool bookings} list, open bookings of this week and later both ways,
 * with Accept / Decline on requests for the viewer's time and Cancel on the rest (the same action IDs as the DM
 * buttons, so the same listeners answer them). Members of a council that is no longer approved still see bookings
 * they have, which are kept.
 */
final class BookingHomeSection implements HomeSection {
    private final BookingService bookings;

    BookingHomeSection(BookingService bookings) {
        this.bookings = bookings;
    }

    @Override
    public List<LayoutBlock> blocks(HomeViewer viewer) {
        if (viewer.member().isEmpty()) {
            return List.of();
        }
        BookingService.MyBookings mine = bookings.bookingsOf(viewer.userId());
        if (!viewer.allowed() && mine.isEmpty()) {
            return List.of();
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Your bookings"))));
        blocks.addAll(BookingBlocks.myBookings(mine));
        return blocks;
    }
}
