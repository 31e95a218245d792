package org.talentpool.council;

/** A Slack user whose council is known from their verified email domain. */
public record Member(String userId, String displayName, String emailDomain, Council council) {}
