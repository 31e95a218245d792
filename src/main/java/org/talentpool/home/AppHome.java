package org.talentpool.home;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.council.AdminDirectory;
import org.talentpool.council.Membership;

/**
 * The App Home: a view assembled, for one member at a time, from sections. It starts with the welcome
 * section, continues with each feature's sections in the order they were added, and ends, for admins,
 * with the admin panel. A section that fails is replaced by a one-line note; the rest of the home still shows.
 * Features add sections with {@link #addSection} and ask for refreshes through {@link #refresher()}.
 */
public final class AppHome {
    private static final Logger log = LoggerFactory.getLogger(AppHome.class);
    public static final String CALLBACK_ID = "talent_pool_home";
    /** Slack refuses views with more blocks than this. */
    static final int MAX_BLOCKS = 100;
    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm");

    private final Membership membership;
    private final AdminDirectory admins;
    private final HomeRefresher refresher;
    private final Clock clock;
    private final ZoneId zone;
    private final HomeSection welcome;
    private final HomeSection adminPanel;
    private final List<HomeSection> sections = new CopyOnWriteArrayList<>();

    public AppHome(Membership membership, AdminDirectory admins, HomeRefresher refresher, Clock clock, ZoneId zone,
                   HomeSection welcome, HomeSection adminPanel) {
        this.membership = membership;
        this.admins = admins;
        this.refresher = refresher;
        this.clock = clock;
        this.zone = zone;
        this.welcome = welcome;
        this.adminPanel = adminPanel;
    }

    /** Adds a feature's section after those added before it. */
    public AppHome addSection(HomeSection section) {
        sections.add(section);
        return this;
    }

    /** What features' services use to have a member's home published again after a change. */
    public HomeRefresher refresher() {
        return refresher;
    }

    /** The member's home as it is now. */
    public View view(String userId) {
        HomeViewer viewer = new HomeViewer(userId, membership.check(userId), admins.isAdmin(userId));
        List<LayoutBlock> blocks = new ArrayList<>(blocks(welcome, viewer));
        for (HomeSection section : sections) {
            append(blocks, blocks(section, viewer));
        }
        if (viewer.admin()) {
            append(blocks, blocks(adminPanel, viewer));
        }
        if (blocks.size() >= MAX_BLOCKS) {
            blocks = new ArrayList<>(blocks.subList(0, MAX_BLOCKS - 2));
            blocks.add(context(c -> c.elements(List.of(markdownText(
                    "There is more than fits here: use the commands to see the rest.")))));
        }
        String updated = ZonedDateTime.now(clock.withZone(zone)).format(UPDATED);
        blocks.add(context(c -> c.elements(List.of(markdownText("Updated " + updated)))));
        List<LayoutBlock> finalBlocks = blocks;
        return Views.view(view -> view.type("home").callbackId(CALLBACK_ID).blocks(finalBlocks));
    }

    private static void append(List<LayoutBlock> blocks, List<LayoutBlock> more) {
        if (more.isEmpty()) {
            return;
        }
        if (!blocks.isEmpty()) {
            blocks.add(divider());
        }
        blocks.addAll(more);
    }

    private static List<LayoutBlock> blocks(HomeSection section, HomeViewer viewer) {
        try {
            List<LayoutBlock> blocks = section.blocks(viewer);
            return blocks == null ? List.of() : blocks;
        } catch (Exception e) {
            log.warn("Home section {} failed for {}", section.getClass().getSimpleName(), viewer.userId(), e);
            return List.of(context(c -> c.elements(List.of(markdownText(
                    "This part of your home couldn't be loaded just now. It will be back at the next refresh.")))));
        }
    }
}
