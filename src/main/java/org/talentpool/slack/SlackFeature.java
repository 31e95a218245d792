package org.talentpool.slack;

import com.slack.api.bolt.App;
import java.util.List;
import org.talentpool.schedule.ScheduledJob;

/**
 * A feature's Slack listeners. Each feature package has one; {@code TalentPool} registers them on the
 * one Bolt {@link App}. Sub-commands of {@code /pool} and {@code /pool-admin} go to the
 * {@link CommandRegistry} instead, so that help lists them.
 */
public interface SlackFeature {
    void register(App app, CommandRegistry commands);

    /** The feature's scheduled jobs; {@code TalentPool} registers them with the scheduler before it starts. */
    default List<ScheduledJob> jobs() {
        return List.of();
    }
}
