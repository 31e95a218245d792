package org.talentpool.availability;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.talentpool.council.CouncilDao;
import org.talentpool.persistence.AuditLog;
import org.talentpool.sandbox.DemoContext;
import org.talentpool.sandbox.DemoData;
import org.talentpool.sandbox.DemoPerson;
import org.talentpool.sandbox.DemoSeed;

/**
 * The sandbox's demo specialists, so that {@code /find-expert} finds people at once: every demo person with a
 * council becomes a member of it (as the membership gate would record them), and every demo specialist gets a
 * profile with their skills and weekly hours, their line manager's approval for those hours for twelve months
 * (audited as demo data), and this week's and next week's capacity. Every row is marked as demo data.
 */
final class AvailabilityDemo implements DemoSeed {
    private final WeeklyCapacity capacity;
    private final ZoneId zone;
    private final AuditLog audit;

    AvailabilityDemo(WeeklyCapacity capacity, ZoneId zone, AuditLog audit) {
        this.capacity = capacity;
        this.zone = zone;
        this.audit = audit;
    }

    @Override
    public void seed(DemoContext demo) {
        Handle handle = demo.handle();
        OffsetDateTime now = OffsetDateTime.now(demo.clock());
        LocalDate today = Weeks.today(demo.clock(), zone);
        LocalDate thisWeek = Weeks.weekStart(today);
        CouncilDao councils = handle.attach(CouncilDao.class);
        for (DemoPerson person : demo.people()) {
            if (person.councilCode().isEmpty()) {
                continue;
            }
            String domain = person.email().substring(person.email().indexOf('@') + 1).toLowerCase(Locale.ROOT);
            councils.upsertMember(person.userId(), person.displayName(), domain,
                    demo.councilId(person.councilCode().get()), now);
            demo.mark("member", person.userId());
        }
        SpecialistDao specialists = handle.attach(SpecialistDao.class);
        PermissionDao permissions = handle.attach(PermissionDao.class);
        for (DemoPerson person : demo.people(DemoPerson.Kind.SPECIALIST)) {
            String userId = person.userId();
            String managerId = person.lineManagerId().orElseThrow(() -> new IllegalStateException(
                    "Demo specialist " + userId + " has no line manager"));
            String council = councils.findById(demo.councilId(person.councilCode().orElseThrow())).orElseThrow().name();
            specialists.insert(userId, person.title(), bio(person, council), person.weeklyMinutes(), managerId, now);
            demo.mark("specialist", userId);
            for (String typed : person.skills()) {
                Skills.SkillName skill = Skills.of(typed).orElseThrow(() -> new IllegalStateException(
                        "Demo skill '" + typed + "' of " + userId + " is not a skill"));
                specialists.insertSkill(skill.name(), skill.displayName(), now);
                for (SpecialistDao.SkillRow row : specialists.skillsNamed(List.of(skill.name()))) {
                    specialists.addSkill(userId, row.id());
                    demo.mark("skill", row.id());
                    demo.mark("specialist_skill", userId + "/" + row.id());
                }
            }
            long permission = permissions.request(userId, managerId, person.weeklyMinutes(), now);
            permissions.approve(permission, managerId, now, today.plus(PermissionService.VALIDITY));
            demo.mark("permission", permission);
            audit.record(handle, AuditLog.Change.of(DemoData.ACTOR, "permission.approved", "permission", permission)
                    .states(null, PermissionService.describe(permissions.find(permission).orElseThrow()))
                    .detail("demo data"));
            capacity.refresh(handle, userId, thisWeek);
            capacity.capacity(handle, userId, thisWeek.plusWeeks(1));
            demo.mark("specialist_week", userId + "/" + thisWeek);
            demo.mark("specialist_week", userId + "/" + thisWeek.plusWeeks(1));
        }
    }

    /** A short bio from what the demo person does and knows. */
    static String bio(DemoPerson person, String council) {
        List<String> skills = person.skills();
        String known = skills.size() == 1 ? skills.get(0)
                : String.join(", ", skills.subList(0, skills.size() - 1)) + " and " + skills.get(skills.size() - 1);
        String bio = person.title() + " at " + council + ". I can help other councils with " + known + ".";
        return bio.length() <= ProfileForm.MAX_BIO ? bio : bio.substring(0, ProfileForm.MAX_BIO - 1) + "…";
    }
}
