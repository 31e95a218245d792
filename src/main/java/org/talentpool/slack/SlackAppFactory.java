package org.talentpool.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The Bolt app. Request verification stays on, Bolt's own middleware, computing signatures with
     * {@link HmacSignature}; in Socket Mode Slack does not sign requests.
     */
    public static App app(PoolConfig config, Slack slack) {
        AppConfig.AppConfigBuilder builder = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(config.botToken().orElseThrow());
        config.signingSecret().ifPresent(builder::signingSecret);
        return new App(builder.build()) {
            @Override
            protected List<Middleware> buildDefaultMiddlewareList(AppConfig appConfig) {
                return withHmacSignatures(super.buildDefaultMiddlewareList(appConfig), appConfig);
            }
        };
    }

    /**
     * Bolt's middleware, its request verification computing signatures with {@link HmacSignature}; as Bolt made it
     * without a signing secret (Socket Mode, whose requests Slack does not sign and Bolt does not verify).
     */
    static List<Middleware> withHmacSignatures(List<Middleware> middleware, AppConfig appConfig) {
        if (appConfig.getSigningSecret() == null || appConfig.getSigningSecret().isBlank()) {
            return middleware;
        }
        List<Middleware> replaced = new ArrayList<>(middleware.size());
        for (Middleware each : middleware) {
            replaced.add(each instanceof RequestVerification ? new RequestVerification(new SlackSignature.Verifier(
                    new HmacSignature(appConfig.getSigningSecret()))) : each);
        }
        return replaced;
    }
}
