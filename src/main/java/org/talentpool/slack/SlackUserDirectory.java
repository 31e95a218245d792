package org.talentpool.slack;

import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import java.io.IOException;
import java.util.Optional;
import org.talentpool.council.SlackDirectory;

/** {@link SlackDirectory} over {@code users.info} (needs the {@code users:read} and {@code users:read.email} scopes). */
public final class SlackUserDirectory implements SlackDirectory {
    private final Slack slack;
    private final String token;

    public SlackUserDirectory(Slack slack, String token) {
        this.slack = slack;
        this.token = token;
    }

    @Override
    public Optional<Profile> profile(String userId) throws Unavailable {
        UsersInfoResponse response;
        try {
            response = slack.methods(token).usersInfo(request -> request.user(userId));
        } catch (IOException | SlackApiException e) {
            throw new Unavailable("users.info failed: " + e.getMessage(), e);
        }
        if (!response.isOk()) {
            if ("user_not_found".equals(response.getError())) {
                return Optional.empty();
            }
            throw new Unavailable("users.info answered " + response.getError(), null);
        }
        User user = response.getUser();
        User.Profile profile = user.getProfile();
        String name = firstNonBlank(profile == null ? null : profile.getDisplayName(),
                profile == null ? null : profile.getRealName(), user.getRealName(), user.getName(), userId);
        Optional<String> email = Optional.ofNullable(profile == null ? null : profile.getEmail())
                .filter(value -> !value.isBlank());
        return Optional.of(new Profile(user.getId(), name, email, user.isBot(), user.isDeleted()));
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }
}
