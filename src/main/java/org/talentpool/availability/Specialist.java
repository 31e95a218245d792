package org.talentpool.availability;

import java.time.OffsetDateTime;

/** A specialist's profile as stored (skills are in {@code specialist_skill}). */
public record Specialist(String userId, String jobTitle, String bio, int defaultMinutes, String managerId,
                         boolean paused, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
