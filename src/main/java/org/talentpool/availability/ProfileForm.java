package org.talentpool.availability;

import java.util.List;

/**
 * The profile modal's fields as submitted. {@code chosenSkills} are the values of the skill multi-select:
 * skill keys from the list, or {@code new:<text>} for a skill typed there that is not in the list yet.
 * The field names double as the modal's block IDs, so validation errors land next to their field.
 */
public record ProfileForm(List<String> chosenSkills, String newSkills, String jobTitle, String bio, String hours,
                          String managerId) {
    public static final String SKILLS = "skills";
    public static final String NEW_SKILLS = "new_skills";
    public static final String TITLE = "title";
    public static final String BIO = "bio";
    public static final String HOURS = "hours";
    public static final String MANAGER = "manager";

    public static final String NEW_SKILL_PREFIX = "new:";
    public static final int MAX_TITLE = 120;
    public static final int MAX_BIO = 500;

    public ProfileForm {
        chosenSkills = chosenSkills == null ? List.of() : List.copyOf(chosenSkills);
    }
}
