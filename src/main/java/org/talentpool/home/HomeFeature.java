package org.talentpool.home;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import org.talentpool.slack.CommandRegistry;
import org.talentpool.slack.SlackFeature;

/** Publishes a member's App Home each time they open its Home tab ({@code app_home_opened}). */
public final class HomeFeature implements SlackFeature {
    private final HomeRefresher refresher;

    public HomeFeature(HomeRefresher refresher) {
        this.refresher = refresher;
    }

    @Override
    public void register(App app, CommandRegistry commands) {
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent event = payload.getEvent();
            if (event.getUser() != null && (event.getTab() == null || "home".equals(event.getTab()))) {
                refresher.refresh(event.getUser());
            }
            return ctx.ack();
        });
    }
}
