package org.talentpool.home;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.council.Council;
import org.talentpool.slack.OutboxDispatcher;

/** The end of an admin's App Home: councils waiting for a decision and the health of Slack delivery and jobs. */
public final class AdminPanelSection implements HomeSection {
    private final Jdbi jdbi;
    private final Supplier<OutboxDispatcher.Counts> outboxCounts;
    private final BooleanSupplier schedulerRunning;

    public AdminPanelSection(Jdbi jdbi, Supplier<OutboxDispatcher.Counts> outboxCounts, BooleanSupplier schedulerRunning) {
        this.jdbi = jdbi;
        this.outboxCounts = outboxCounts;
        this.schedulerRunning = schedulerRunning;
    }

    @Override
    public List<LayoutBlock> blocks(HomeViewer viewer) {
        if (!viewer.admin()) {
            return List.of();
        }
        long pending = jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM council WHERE status = :status")
                .bind("status", Council.Status.PENDING.dbValue())
                .mapTo(Long.class)
                .one());
        OutboxDispatcher.Counts outbox = outboxCounts.get();
        return List.of(
                header(h -> h.text(plainText("Community admin"))),
                section(s -> s.fields(List.of(
                        markdownText("*Councils asking to join*\n" + pending),
                        markdownText("*Scheduled jobs*\n" + (schedulerRunning.getAsBoolean() ? "running" : "stopped")),
                        markdownText("*Slack messages queued*\n" + outbox.queued()),
                        markdownText("*Slack messages failed*\n" + outbox.failed())))),
                context(c -> c.elements(List.of(markdownText("`/pool-admin` lists the admin commands.")))));
    }
}
