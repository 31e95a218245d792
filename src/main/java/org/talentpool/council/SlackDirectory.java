package org.talentpool.council;

import java.util.Optional;

/** The port through which council logic asks Slack who a user is ({@code users.info}). */
public interface SlackDirectory {

    /** What Slack's profile says; email is absent when the profile hides it or the scope is missing. */
    record Profile(String userId, String displayName, Optional<String> email, boolean bot, boolean deleted) {}

    /** Thrown when Slack could not be asked (network, rate limit, error); the caller may try again. */
    final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The user's profile, or empty if Slack does not know the user. */
    Optional<Profile> profile(String userId) throws Unavailable;
}
