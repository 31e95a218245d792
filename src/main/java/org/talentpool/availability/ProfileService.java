package org.talentpool.availability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.council.Access;
import org.talentpool.council.Member;
import org.talentpool.council.Membership;
import org.talentpool.home.HomeRefresher;
import org.talentpool.persistence.AuditLog;

/**
 * Specialist profiles: validating and saving the profile modal, the skill list and its type-ahead. Saving a
 * first profile (or changing the line manager, or a profile whose permission was declined, revoked or
 * expired) asks the line manager for permission.
 */
public final class ProfileService {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int SUGGESTIONS = 50;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;
    private final Membership membership;
    private final WeeklyCapacity capacity;
    private final PermissionService permissions;
    private final AvailabilityService availability;
    private final HomeRefresher homes;

    public ProfileService(Jdbi jdbi, Clock clock, ZoneId zone, AuditLog audit, Membership membership,
                          WeeklyCapacity capacity, PermissionService permissions, AvailabilityService availability,
                          HomeRefresher homes) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
        this.membership = membership;
        this.capacity = capacity;
        this.permissions = permissions;
        this.availability = availability;
        this.homes = homes;
    }

    /** A profile and its skills (display names), for filling in the modal. */
    public record Profile(Specialist specialist, List<SpecialistDao.SkillRow> skills) {}

    public Optional<Profile> profile(String userId) {
        return jdbi.withHandle(handle -> {
            SpecialistDao specialists = handle.attach(SpecialistDao.class);
            return specialists.find(userId).map(found -> new Profile(found, specialists.skillsOf(userId)));
        });
    }

    /** The outcome of saving the modal. */
    public sealed interface SaveResult {
        /** Saved; {@code askedManager} is the new permission request, if one was sent. */
        record Saved(AvailabilitySummary summary, boolean created, Optional<Permission> askedManager)
                implements SaveResult {}

        /** Nothing saved: messages by field ({@link ProfileForm} constants). */
        record Invalid(Map<String, String> errors) implements SaveResult {}
    }

    /** Skills for the type-ahead: the typed text matched against the list, most used first. */
    public List<SpecialistDao.SkillRow> suggestSkills(String typed) {
        Optional<String> query = Skills.normalise(typed);
        if (query.isEmpty()) {
            return jdbi.withExtension(SpecialistDao.class, dao -> dao.suggest("", SUGGESTIONS));
        }
        // Normalised text holds only letters, digits, spaces, + and #: nothing LIKE treats specially.
        return jdbi.withExtension(SpecialistDao.class, dao -> dao.suggest(query.get(), SUGGESTIONS));
    }

    /**
     * Validates and saves the profile of {@code member} (who passed the membership gate). Validation asks Slack
     * about the line manager, so call it from the submission handler, not inside a transaction.
     */
    public SaveResult save(Member member, ProfileForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<Skills.SkillName> skills = skills(form, errors);
        String title = required(form.jobTitle(), ProfileForm.MAX_TITLE, ProfileForm.TITLE,
                "Give your job title, e.g. GIS analyst.", "Keep your job title to 120 characters.", errors);
        String bio = required(form.bio(), ProfileForm.MAX_BIO, ProfileForm.BIO,
                "Write a short bio: what you do and what you could help other councils with.",
                "Keep your bio to 500 characters (it has " + length(form.bio()) + ").", errors);
        int minutes = hours(form.hours(), errors);
        String managerId = manager(member, form.managerId(), errors);
        if (!errors.isEmpty()) {
            return new SaveResult.Invalid(errors);
        }
        try {
            return jdbi.inTransaction(handle -> {
                SpecialistDao specialists = handle.attach(SpecialistDao.class);
                OffsetDateTime now = OffsetDateTime.now(clock);
                String userId = member.userId();
                boolean created = specialists.insert(userId, title, bio, minutes, managerId, now) == 1;
                Specialist before = specialists.lock(userId).orElseThrow();
                List<String> skillsBefore = created ? List.of() : displayNames(specialists.skillsOf(userId));
                if (!created) {
                    specialists.update(userId, title, bio, minutes, managerId, now);
                }
                List<String> skillsAfter = replaceSkills(specialists, userId, skills, now);
                Specialist after = specialists.lock(userId).orElseThrow();

                if (created || before.defaultMinutes() != minutes) {
                    capacity.applyDefault(handle, userId, Weeks.thisWeek(clock, zone), minutes);
                }
                if (!before.managerId().equals(managerId)) {
                    permissions.forgetOtherManagers(handle, after);
                }
                Optional<Permission> asked = permissions.askIfNeeded(handle, after, minutes, true, skillsAfter);
                capacity.refresh(handle, userId, Weeks.thisWeek(clock, zone));

                String beforeState = created ? null : describe(before, skillsBefore);
                String afterState = describe(after, skillsAfter);
                if (!Objects.equals(beforeState, afterState)) {
                    audit.record(handle, AuditLog.Change.of(userId, created ? "profile.created" : "profile.updated",
                            "specialist", userId).states(beforeState, afterState));
                }
                homes.refresh(handle, userId);
                return new SaveResult.Saved(availability.summary(handle, userId), created, asked);
            });
        } catch (WeeklyCapacity.BelowCommittedException e) {
            WeekCapacity week = e.refusal().week();
            return new SaveResult.Invalid(Map.of(ProfileForm.HOURS, "You have " + Hours.format(week.committedMinutes())
                    + " held or booked in the week of " + Weeks.dayMonth(week.weekStart())
                    + ", so you can't offer less than that."));
        }
    }

    private List<Skills.SkillName> skills(ProfileForm form, Map<String, String> errors) {
        Map<String, Skills.SkillName> byName = new LinkedHashMap<>();
        List<String> listed = new ArrayList<>();
        for (String value : form.chosenSkills()) {
            if (value.startsWith(ProfileForm.NEW_SKILL_PREFIX)) {
                Skills.of(value.substring(ProfileForm.NEW_SKILL_PREFIX.length()))
                        .ifPresent(skill -> byName.putIfAbsent(skill.name(), skill));
            } else {
                listed.add(value);
            }
        }
        if (!listed.isEmpty()) {
            jdbi.withExtension(SpecialistDao.class, dao -> dao.skillsNamed(listed)).forEach(row ->
                    byName.putIfAbsent(row.name(), new Skills.SkillName(row.name(), row.displayName())));
            listed.stream().filter(name -> !byName.containsKey(name)).forEach(name ->
                    Skills.of(name).ifPresent(skill -> byName.putIfAbsent(skill.name(), skill)));
        }
        if (byName.values().stream().anyMatch(skill -> skill.displayName().length() > Skills.MAX_LENGTH)) {
            errors.put(ProfileForm.SKILLS, "Keep each skill to " + Skills.MAX_LENGTH + " characters.");
        }
        for (String typed : Skills.splitList(form.newSkills())) {
            Optional<Skills.SkillName> skill = Skills.of(typed);
            if (skill.isEmpty()) {
                errors.putIfAbsent(ProfileForm.NEW_SKILLS, "“" + typed + "” isn't a skill I can store: use letters"
                        + " or numbers, e.g. GIS, user research, C#.");
            } else if (skill.get().displayName().length() > Skills.MAX_LENGTH) {
                errors.putIfAbsent(ProfileForm.NEW_SKILLS, "Keep each skill to " + Skills.MAX_LENGTH
                        + " characters; separate skills with commas, e.g. GIS, Python, user research.");
            } else {
                byName.putIfAbsent(skill.get().name(), skill.get());
            }
        }
        if (byName.isEmpty() && !errors.containsKey(ProfileForm.NEW_SKILLS)) {
            errors.put(ProfileForm.SKILLS, "Choose at least one skill, or type new ones below, separated by commas.");
        } else if (byName.size() > Skills.MAX_PER_PROFILE) {
            errors.putIfAbsent(ProfileForm.SKILLS, "Choose at most " + Skills.MAX_PER_PROFILE + " skills (you have "
                    + byName.size() + ").");
        }
        return List.copyOf(byName.values());
    }

    private static String required(String value, int max, String field, String missing, String tooLong,
                                   Map<String, String> errors) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            errors.put(field, missing);
        } else if (trimmed.length() > max) {
            errors.put(field, tooLong);
        }
        return trimmed;
    }

    private static int length(String value) {
        return value == null ? 0 : value.strip().length();
    }

    private static int hours(String typed, Map<String, String> errors) {
        Hours.Parsed parsed = Hours.parse(typed);
        if (parsed instanceof Hours.Parsed.Invalid invalid) {
            errors.put(ProfileForm.HOURS, invalid.reason());
            return 0;
        }
        int minutes = ((Hours.Parsed.Minutes) parsed).minutes();
        if (minutes == 0) {
            errors.put(ProfileForm.HOURS, "Offer at least half an hour a week. To stop for a while, use"
                    + " /available pause.");
        }
        return minutes;
    }

    /** The manager must be someone else, at the same approved council, according to their Slack email. */
    private String manager(Member member, String managerId, Map<String, String> errors) {
        if (managerId == null || managerId.isBlank()) {
            errors.put(ProfileForm.MANAGER, "Choose your line manager: they are asked to agree to your time.");
            return null;
        }
        if (managerId.equals(member.userId())) {
            errors.put(ProfileForm.MANAGER, "You can't be your own line manager: choose the person who agrees"
                    + " to your time.");
            return null;
        }
        String council = member.council().name();
        Access access = membership.check(managerId);
        Optional<Member> manager = access instanceof Access.Allowed allowed ? Optional.of(allowed.member())
                : access instanceof Access.CouncilNotApproved other ? Optional.of(other.member()) : Optional.empty();
        if (access instanceof Access.Unavailable) {
            errors.put(ProfileForm.MANAGER, "I couldn't check your manager with Slack just now. Please try again"
                    + " in a minute.");
        } else if (manager.isEmpty()) {
            errors.put(ProfileForm.MANAGER, "I can't tell from their Slack profile that "
                    + membership.displayName(managerId) + " works for " + council
                    + ". Choose your line manager at " + council + ".");
        } else if (manager.get().council().id() != member.council().id()) {
            errors.put(ProfileForm.MANAGER, manager.get().displayName() + " works for "
                    + manager.get().council().name() + ", not " + council + ". Choose your line manager at "
                    + council + ".");
        }
        return managerId;
    }

    private static List<String> replaceSkills(SpecialistDao specialists, String userId, List<Skills.SkillName> skills,
                                              OffsetDateTime now) {
        for (Skills.SkillName skill : skills) {
            specialists.insertSkill(skill.name(), skill.displayName(), now);
        }
        List<SpecialistDao.SkillRow> rows = specialists.skillsNamed(skills.stream().map(Skills.SkillName::name).toList());
        specialists.clearSkills(userId);
        rows.forEach(row -> specialists.addSkill(userId, row.id()));
        return displayNames(specialists.skillsOf(userId));
    }

    private static List<String> displayNames(List<SpecialistDao.SkillRow> rows) {
        return rows.stream().map(SpecialistDao.SkillRow::displayName).toList();
    }

    private static String describe(Specialist specialist, List<String> skills) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("title", specialist.jobTitle());
        state.put("bio", specialist.bio());
        state.put("hours", Hours.format(specialist.defaultMinutes()));
        state.put("manager", specialist.managerId());
        state.put("skills", skills);
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
