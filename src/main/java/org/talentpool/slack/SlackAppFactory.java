package org.talentpool.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import org.talentpool.config.PoolConfig;

/** Builds the Slack client (pointed at {@code SLACK_API_URL}) and the one Bolt {@link App}. */
public final class SlackAppFactory {
    private SlackAppFactory() {}

    /** A Slack client of its own for this process, talking to the configured Web API. */
    public static Slack slack(PoolConfig config) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.slackApiUrl());
        slackConfig.setStatsEnabled(false);
        slackConfig.setHttpClientCallTimeoutMillis(10_000);
        return Slack.getInstance(slackConfig);
    }

    /** The Bolt app. Request verification stays on; in Socket Mode Slack does not sign requests. */
    public static App app(PoolConfig config, Slack slack) {
        AppConfig.AppConfigBuilder builder = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(config.botToken().orElseThrow());
        config.signingSecret().ifPresent(builder::signingSecret);
        return new App(builder.build());
    }
}
