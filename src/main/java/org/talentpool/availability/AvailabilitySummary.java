package org.talentpool.availability;

/** What a specialist is told after any change: their profile, this week's and next week's capacity, permission. */
public record AvailabilitySummary(Specialist profile, WeekCapacity thisWeek, WeekCapacity nextWeek,
                                  PermissionStanding permission) {}
