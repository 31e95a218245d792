package org.talentpool.availability;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.multiExternalSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.usersSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.app_backend.interactive_components.response.Option;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.talentpool.slack.SlackText;

/**
 * The profile modal: its Block Kit view, the skill type-ahead options, and reading a submission back into
 * a {@link ProfileForm}. Block IDs are the {@link ProfileForm} field names, so errors land on the right field.
 */
final class ProfileModal {
    static final String CALLBACK_ID = "availability-profile";
    static final String SKILLS_ACTION = "skills";
    private static final int MAX_OPTION_TEXT = 75;

    private ProfileModal() {}

    /** The modal, filled in with the saved profile if there is one. */
    static View form(Optional<ProfileService.Profile> saved) {
        Optional<Specialist> specialist = saved.map(ProfileService.Profile::specialist);
        List<OptionObject> initialSkills = saved.map(profile -> profile.skills().stream()
                .map(skill -> option(plainText(optionText(skill.displayName())), skill.name()))
                .toList()).orElse(List.of());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("Offer a few hours a week to other councils. Your line"
                + " manager is asked to agree before anyone can find you."))));
        blocks.add(input(i -> i.blockId(ProfileForm.SKILLS).optional(true)
                .label(plainText("Skills"))
                .hint(plainText("Start typing to pick skills others have added."))
                .element(multiExternalSelect(m -> {
                    m.actionId(SKILLS_ACTION).minQueryLength(1).maxSelectedItems(Skills.MAX_PER_PROFILE)
                            .placeholder(plainText("e.g. GIS, user research, Python"));
                    if (!initialSkills.isEmpty()) {
                        m.initialOptions(initialSkills);
                    }
                    return m;
                }))));
        blocks.add(input(i -> i.blockId(ProfileForm.NEW_SKILLS).optional(true)
                .label(plainText("New skills"))
                .hint(plainText("Not in the list? Type them here, separated by commas."))
                .element(plainTextInput(t -> t.actionId(ProfileForm.NEW_SKILLS)
                        .placeholder(plainText("e.g. planning enforcement, Power BI"))))));
        blocks.add(input(i -> i.blockId(ProfileForm.TITLE).label(plainText("Job title"))
                .element(plainTextInput(t -> t.actionId(ProfileForm.TITLE).maxLength(ProfileForm.MAX_TITLE)
                        .initialValue(specialist.map(Specialist::jobTitle).orElse(null))
                        .placeholder(plainText("e.g. Senior GIS analyst"))))));
        blocks.add(input(i -> i.blockId(ProfileForm.BIO).label(plainText("Short bio"))
                .element(plainTextInput(t -> t.actionId(ProfileForm.BIO).multiline(true)
                        .maxLength(ProfileForm.MAX_BIO)
                        .initialValue(specialist.map(Specialist::bio).orElse(null))
                        .placeholder(plainText("What you do, and how you could help another council"))))));
        blocks.add(input(i -> i.blockId(ProfileForm.HOURS).label(plainText("Hours a week"))
                .hint(plainText("Up to 37.5, in half-hour steps. You can change single weeks with"
                        + " /available 2 next week."))
                .element(plainTextInput(t -> t.actionId(ProfileForm.HOURS)
                        .initialValue(specialist.map(found -> hoursNumber(found.defaultMinutes())).orElse(null))
                        .placeholder(plainText("e.g. 4 or 2.5"))))));
        blocks.add(input(i -> i.blockId(ProfileForm.MANAGER).label(plainText("Line manager"))
                .hint(plainText("They are asked to agree to the hours you offer."))
                .element(usersSelect(u -> u.actionId(ProfileForm.MANAGER)
                        .initialUser(specialist.map(Specialist::managerId).orElse(null))
                        .placeholder(plainText("Choose your line manager"))))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Your profile is shown to staff of other"
                + " approved councils once your manager agrees. `/available pause` hides it at any time.")))));
        return view(v -> v.type("modal").callbackId(CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Specialist profile")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Save")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    /** The view that replaces the modal after a successful save. */
    static View saved(String mrkdwn) {
        return view(v -> v.type("modal").callbackId(CALLBACK_ID + "-saved")
                .title(viewTitle(t -> t.type("plain_text").text("Profile saved")))
                .close(viewClose(c -> c.type("plain_text").text("Done")))
                .blocks(List.of(section(s -> s.text(markdownText(mrkdwn))))));
    }

    /** A submission read back: missing fields come back null or empty, for the service to judge. */
    static ProfileForm read(ViewState state) {
        Map<String, Map<String, ViewState.Value>> values = state == null || state.getValues() == null
                ? Map.of() : state.getValues();
        List<String> chosen = new ArrayList<>();
        Optional.ofNullable(value(values, ProfileForm.SKILLS)).map(ViewState.Value::getSelectedOptions)
                .ifPresent(options -> options.forEach(option -> chosen.add(option.getValue())));
        return new ProfileForm(chosen, text(values, ProfileForm.NEW_SKILLS), text(values, ProfileForm.TITLE),
                text(values, ProfileForm.BIO), text(values, ProfileForm.HOURS),
                Optional.ofNullable(value(values, ProfileForm.MANAGER)).map(ViewState.Value::getSelectedUser)
                        .orElse(null));
    }

    /**
     * Type-ahead options: the matching skills, and the typed text itself as a new skill when it is not in
     * the list yet.
     */
    static List<Option> options(String typed, List<SpecialistDao.SkillRow> matches) {
        List<Option> options = new ArrayList<>();
        Optional<Skills.SkillName> typedSkill = Skills.of(typed == null ? "" : typed);
        boolean known = typedSkill.isPresent()
                && matches.stream().anyMatch(row -> row.name().equals(typedSkill.get().name()));
        if (typedSkill.isPresent() && !known && typedSkill.get().displayName().length() <= Skills.MAX_LENGTH) {
            options.add(new Option(plainText(optionText("Add “" + typedSkill.get().displayName() + "”")),
                    ProfileForm.NEW_SKILL_PREFIX + typedSkill.get().displayName()));
        }
        for (SpecialistDao.SkillRow row : matches) {
            options.add(new Option(plainText(optionText(row.displayName()
                    + (row.specialists() > 0 ? " (" + row.specialists() + ")" : ""))), row.name()));
        }
        return options;
    }

    private static ViewState.Value value(Map<String, Map<String, ViewState.Value>> values, String block) {
        Map<String, ViewState.Value> actions = values.get(block);
        if (actions == null || actions.isEmpty()) {
            return null;
        }
        ViewState.Value byId = actions.get(block);
        return byId != null ? byId : actions.values().iterator().next();
    }

    private static String text(Map<String, Map<String, ViewState.Value>> values, String block) {
        ViewState.Value value = value(values, block);
        return value == null ? null : value.getValue();
    }

    private static String optionText(String text) {
        String escaped = SlackText.escape(text);
        return escaped.length() <= MAX_OPTION_TEXT ? escaped : escaped.substring(0, MAX_OPTION_TEXT - 1) + "…";
    }

    static String hoursNumber(int minutes) {
        return minutes % 60 == 0 ? String.valueOf(minutes / 60) : (minutes / 60) + "." + (minutes % 60 * 10 / 60);
    }
}
