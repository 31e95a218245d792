package org.talentpool.council;

/** The answer of the membership gate every member-facing command goes through. */
public sealed interface Access {

    /** A member of an approved council: may offer, search and book. */
    record Allowed(Member member) implements Access {}

    /** The member's council is in the register but not approved (known, pending, suspended or rejected). */
    record CouncilNotApproved(Member member) implements Access {}

    /** Nobody has registered the member's email domain. */
    record UnknownDomain(String userId, String displayName, String emailDomain) implements Access {}

    /** Slack did not show an email for the member (hidden, or the app lacks {@code users:read.email}). */
    record NoEmail(String userId) implements Access {}

    /** Slack could not be asked just now. */
    record Unavailable(String userId) implements Access {}
}
