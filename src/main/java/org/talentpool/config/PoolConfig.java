package org.talentpool.config;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the service reads from its environment, validated once at start-up. The names are
 * the runtime contract in PRODUCT.md; a bad value stops start-up with a message naming the setting.
 */
public record PoolConfig(
        Optional<String> signingSecret,
        Optional<String> botToken,
        Optional<String> appToken,
        String slackApiUrl,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int port,
        Set<String> admins,
        Optional<String> adminChannel,
        ZoneId timezone,
        Optional<String> reportsToken) {

    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    public static final String DEFAULT_DATABASE_URL = "jdbc:h2:file:./data/talentpool";
    public static final int DEFAULT_PORT = 3000;
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("Europe/London");

    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");

    public PoolConfig {
        admins = Set.copyOf(admins);
    }

    /** Reads the settings from an environment map such as {@code System.getenv()}. */
    public static PoolConfig fromEnv(Map<String, String> env) {
        Optional<String> signingSecret = optional(env, "SLACK_SIGNING_SECRET");
        Optional<String> botToken = optional(env, "SLACK_BOT_TOKEN");
        Optional<String> appToken = optional(env, "SLACK_APP_TOKEN");
        botToken.ifPresent(token -> requirePrefix("SLACK_BOT_TOKEN", token, "xoxb-"));
        appToken.ifPresent(token -> requirePrefix("SLACK_APP_TOKEN", token, "xapp-"));
        if ((signingSecret.isPresent() || appToken.isPresent()) && botToken.isEmpty()) {
            throw new ConfigException("SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN"
                    + " is set (the bot token starts with xoxb-, from the app's OAuth & Permissions page)");
        }
        return new PoolConfig(
                signingSecret,
                botToken,
                appToken,
                slackApiUrl(optional(env, "SLACK_API_URL").orElse(DEFAULT_SLACK_API_URL)),
                databaseUrl(optional(env, "DATABASE_URL").orElse(DEFAULT_DATABASE_URL)),
                optional(env, "DATABASE_USER").orElse(""),
                optional(env, "DATABASE_PASSWORD").orElse(""),
                port(optional(env, "PORT")),
                admins(optional(env, "POOL_ADMINS")),
                optional(env, "POOL_ADMIN_CHANNEL").map(PoolConfig::adminChannel),
                timezone(optional(env, "POOL_TIMEZONE")),
                optional(env, "REPORTS_TOKEN").map(PoolConfig::reportsToken));
    }

    /** True when a workspace is connected (HTTP with a signing secret, or Socket Mode). */
    public boolean slackConnected() {
        return signingSecret.isPresent() || appToken.isPresent();
    }

    public boolean socketMode() {
        return appToken.isPresent();
    }

    /** True when no workspace is configured: the service then runs its local sandbox in place of Slack. */
    public boolean sandbox() {
        return !slackConnected();
    }

    /**
     * These settings with another Slack standing in (the sandbox): its signing secret, bot token and Web API,
     * and an admin channel when none is configured.
     */
    public PoolConfig withSlack(String signingSecret, String botToken, String slackApiUrl, String defaultAdminChannel) {
        return new PoolConfig(Optional.of(signingSecret), Optional.of(botToken), Optional.empty(),
                slackApiUrl(slackApiUrl), databaseUrl, databaseUser, databasePassword, port, admins,
                adminChannel.or(() -> Optional.of(adminChannel(defaultAdminChannel))), timezone, reportsToken);
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static void requirePrefix(String name, String value, String prefix) {
        if (!value.startsWith(prefix)) {
            throw new ConfigException(name + " must start with '" + prefix + "'");
        }
    }

    private static String slackApiUrl(String value) {
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("SLACK_API_URL must be an http(s) URL such as " + DEFAULT_SLACK_API_URL
                    + ", got '" + value + "'");
        }
        return value.endsWith("/") ? value : value + "/";
    }

    private static String databaseUrl(String value) {
        if (!value.startsWith("jdbc:h2:") && !value.startsWith("jdbc:postgresql://")) {
            throw new ConfigException("DATABASE_URL must start with jdbc:postgresql:// or jdbc:h2:, got '"
                    + value + "' (example: jdbc:postgresql://localhost:5432/talentpool)");
        }
        return value;
    }

    private static int port(Optional<String> value) {
        if (value.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.get());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new ConfigException("PORT must be a whole number from 0 to 65535, got '" + value.get() + "'");
        }
    }

    private static Set<String> admins(Optional<String> value) {
        Set<String> admins = new LinkedHashSet<>();
        value.ifPresent(list -> Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .forEach(id -> {
                    if (!USER_ID.matcher(id).matches()) {
                        throw new ConfigException("POOL_ADMINS must be comma-separated Slack user IDs such as"
                                + " U012ABCDEF, got '" + id + "'");
                    }
                    admins.add(id);
                }));
        return admins;
    }

    private static String adminChannel(String value) {
        if (!CHANNEL_ID.matcher(value).matches()) {
            throw new ConfigException("POOL_ADMIN_CHANNEL must be a Slack channel ID such as C012ABCDEF, got '"
                    + value + "'");
        }
        return value;
    }

    private static String reportsToken(String value) {
        if (value.length() < 16 || value.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException("REPORTS_TOKEN must be at least 16 characters without spaces (a long random"
                    + " string, e.g. from `openssl rand -hex 32`)");
        }
        return value;
    }

    private static ZoneId timezone(Optional<String> value) {
        if (value.isEmpty()) {
            return DEFAULT_TIMEZONE;
        }
        try {
            return ZoneId.of(value.get());
        } catch (DateTimeException e) {
            throw new ConfigException("POOL_TIMEZONE must be a time zone ID such as Europe/London, got '"
                    + value.get() + "'");
        }
    }

    @Override
    public String toString() {
        return "PoolConfig[slack=" + (socketMode() ? "socket-mode" : slackConnected() ? "http" : "sandbox")
                + (sandbox() ? "" : ", slackApiUrl=" + slackApiUrl)
                + ", database=" + databaseUrl.replaceAll("password=[^&;]*", "password=***")
                + ", port=" + port + ", admins=" + admins + ", adminChannel=" + adminChannel.orElse("-")
                + ", timezone=" + timezone + "]";
    }
}
