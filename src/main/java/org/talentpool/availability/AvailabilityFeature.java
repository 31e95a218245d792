package org.talentpool.availability;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.Services;
import org.talentpool.council.Access;
import org.talentpool.council.GateReplies;
import org.talentpool.council.Member;
import org.talentpool.council.Membership;
import org.talentpool.schedule.ScheduledJob;
import org.talentpool.slack.ClickReplies;
import org.talentpool.slack.CommandRegistry;
import org.talentpool.slack.PoolCommands;
import org.talentpool.slack.SlackFeature;
import org.talentpool.slack.SlackText;

/**
 * {@code /available} and its modal, the skill type-ahead, the manager's Approve / Decline / Revoke buttons, the
 * hours and nudge controls of the Monday nudge and the App Home, the "Your hours" App Home section, the sandbox's
 * demo specialists, and the weekly reset, Monday nudge and permission-expiry jobs. Listeners parse, call a service
 * and acknowledge; the services hold the logic.
 */
public final class AvailabilityFeature implements SlackFeature {
    private static final Logger log = LoggerFactory.getLogger(AvailabilityFeature.class);
    static final String COMMAND = "/available";

    private final Membership membership;
    private final ProfileService profiles;
    private final AvailabilityService availability;
    private final PermissionService permissions;
    private final Executor work;
    private final List<ScheduledJob> jobs;
    private final Services services;
    private final AvailabilityDemo demo;

    /**
     * @param listing told when a specialist stops being listed (pause, permission ended), in that change's
     *                transaction: the booking feature's, so that requesters of open bookings hear of it
     */
    public AvailabilityFeature(Services services, ListingListener listing) {
        var zone = services.config().timezone();
        var homes = services.home().refresher();
        WeeklyCapacity capacity = new WeeklyCapacity(services.jdbi(), services.clock(), zone);
        AvailabilityNotifier notifier = new SlackAvailabilityNotifier(services.outbox());
        this.permissions = new PermissionService(services.jdbi(), services.clock(), zone, services.audit(),
                notifier, capacity, homes, listing);
        this.availability = new AvailabilityService(services.jdbi(), services.clock(), zone, services.audit(),
                capacity, permissions, homes, listing);
        this.profiles = new ProfileService(services.jdbi(), services.clock(), zone, services.audit(),
                services.membership(), capacity, permissions, availability, homes);
        this.jobs = List.of(new WeeklyResetJob(capacity, zone), new HoursNudgeJob(services.jdbi(), zone, notifier),
                new PermissionExpiryJob(permissions, zone));
        this.demo = new AvailabilityDemo(capacity, zone, services.audit());
        this.membership = services.membership();
        this.work = services.work();
        this.services = services;
    }

    @Override
    public List<ScheduledJob> jobs() {
        return jobs;
    }

    @Override
    public void register(App app, CommandRegistry commands) {
        commands.describe("/available", "your specialist profile: skills, job title, bio, hours a week, line manager")
                .describe("/available 4", "offer 4 hours a week from this week on (0–37.5, half-hour steps)")
                .describe("/available 2 next week", "offer different hours for one week only (`this week` or"
                        + " `next week`)")
                .describe("/available pause", "stop being listed without losing your profile; `/available resume`"
                        + " to come back")
                .describe("/available status", "what you offer this week and next: held, booked and left")
                .describe("/available nudges off", "no Monday reminder when you offer no hours that week;"
                        + " `/available nudges on` to have it again")
                .describe("/available revoke @person", "line managers: withdraw your permission for someone to"
                        + " offer time");
        services.home().addSection(new AvailabilityHomeSection(availability));
        services.demoSeeds().add(demo);

        app.command(COMMAND, (request, ctx) -> guarded(ctx, () -> {
            var payload = request.getPayload();
            String userId = payload.getUserId();
            Access access = membership.check(userId);
            if (!(access instanceof Access.Allowed allowed)) {
                return PoolCommands.ephemeral(ctx, GateReplies.blocks(access));
            }
            AvailabilityCommand command = AvailabilityCommand.parse(payload.getText());
            return run(command, allowed.member(), payload.getTriggerId(), ctx);
        }));

        app.blockSuggestion(ProfileModal.SKILLS_ACTION, (request, ctx) -> {
            String typed = request.getPayload().getValue();
            List<SpecialistDao.SkillRow> matches;
            try {
                matches = profiles.suggestSkills(typed);
            } catch (RuntimeException e) {
                log.error("Skill suggestions for '{}' failed", typed, e);
                matches = List.of();
            }
            List<SpecialistDao.SkillRow> found = matches;
            return ctx.ack(r -> r.options(ProfileModal.options(typed, found)));
        });

        app.viewSubmission(ProfileModal.CALLBACK_ID, (request, ctx) -> {
            String userId = request.getPayload().getUser().getId();
            try {
                Access access = membership.check(userId);
                if (!(access instanceof Access.Allowed allowed)) {
                    return ctx.ackWithUpdate(ProfileModal.saved(SlackText.escape(GateReplies.text(access))));
                }
                ProfileForm form = ProfileModal.read(request.getPayload().getView().getState());
                ProfileService.SaveResult result = profiles.save(allowed.member(), form);
                if (result instanceof ProfileService.SaveResult.Invalid invalid) {
                    return ctx.ackWithErrors(invalid.errors());
                }
                var saved = (ProfileService.SaveResult.Saved) result;
                String intro = saved.created() ? "*Your profile is saved.*" : "*Your profile is updated.*";
                String asked = saved.askedManager().map(AvailabilityReplies::asked).map(line -> "\n" + line)
                        .orElse("");
                return ctx.ackWithUpdate(ProfileModal.saved(intro + asked + "\n"
                        + AvailabilityReplies.summary(saved.summary())));
            } catch (RuntimeException e) {
                log.error("Saving the profile of {} failed", userId, e);
                return ctx.ackWithErrors(Map.of(ProfileForm.TITLE, "Sorry, something went wrong on my side and"
                        + " nothing was saved. Please try again in a minute."));
            }
        });

        app.blockAction(SlackAvailabilityNotifier.APPROVE, (request, ctx) ->
                answer(request.getPayload(), ctx, Decision.APPROVE));
        app.blockAction(SlackAvailabilityNotifier.DECLINE, (request, ctx) ->
                answer(request.getPayload(), ctx, Decision.DECLINE));
        app.blockAction(SlackAvailabilityNotifier.REVOKE, (request, ctx) ->
                answer(request.getPayload(), ctx, Decision.REVOKE));
        app.blockAction(AvailabilityBlocks.SET_HOURS, (request, ctx) -> setHours(request.getPayload(), ctx));
        app.blockAction(AvailabilityBlocks.NUDGES, (request, ctx) -> setNudges(request.getPayload(), ctx));
    }

    /**
     * A set-hours button (Monday nudge) or select (App Home): one week's hours, as {@code /available 2 this week}.
     * The clicker is told the outcome; a nudge's buttons give way to it. The App Home is published again anyway.
     */
    private Response setHours(BlockActionPayload payload, ActionContext ctx) {
        String clicker = payload.getUser().getId();
        var action = payload.getActions().get(0);
        String value = action.getSelectedOption() != null ? action.getSelectedOption().getValue() : action.getValue();
        Optional<AvailabilityBlocks.SetHours> wanted = AvailabilityBlocks.SetHours.parse(value);
        if (wanted.isEmpty()) {
            return ctx.ack();
        }
        boolean fromMessage = payload.getContainer() != null && "message".equals(payload.getContainer().getType());
        try {
            Access access = membership.check(clicker);
            if (!(access instanceof Access.Allowed)) {
                ClickReplies.tell(ctx, work, SlackText.escape(GateReplies.text(access)));
                return ctx.ack();
            }
            Optional<AvailabilityService.WeekChoice> week = availability.weekChoice(wanted.get().weekStart());
            if (week.isEmpty()) {
                ClickReplies.tell(ctx, work, "The week of " + Weeks.dayMonth(wanted.get().weekStart())
                        + " is over. `/available 2 this week` offers hours this week.", fromMessage);
                return ctx.ack();
            }
            String which = week.get() == AvailabilityService.WeekChoice.THIS_WEEK ? "this week" : "next week";
            AvailabilityService.Outcome outcome = availability.setWeek(clicker, week.get(), wanted.get().minutes());
            if (outcome instanceof AvailabilityService.Outcome.NoProfile) {
                ClickReplies.tell(ctx, work, AvailabilityReplies.NO_PROFILE);
            } else if (outcome instanceof AvailabilityService.Outcome.BelowCommitted refused) {
                ClickReplies.tell(ctx, work, AvailabilityReplies.belowCommitted(refused.refusal()));
            } else if (fromMessage) {
                AvailabilityService.Outcome.Done done = (AvailabilityService.Outcome.Done) outcome;
                ClickReplies.tell(ctx, work, "You offer *" + Hours.format(wanted.get().minutes()) + "* "
                        + which + " only." + done.askedManager().map(asked -> " " + AvailabilityReplies.asked(asked))
                        .orElse("") + "\n" + AvailabilityReplies.summary(done.summary()), true);
            }
        } catch (RuntimeException e) {
            log.error("Setting hours {} for {} failed", value, clicker, e);
            ClickReplies.tell(ctx, work, "Sorry, something went wrong on my side and nothing was changed."
                    + " Please try again in a minute.");
        }
        return ctx.ack();
    }

    /** The nudge's "Stop these reminders" and the App Home's Turn off / Turn on. */
    private Response setNudges(BlockActionPayload payload, ActionContext ctx) {
        String clicker = payload.getUser().getId();
        String value = payload.getActions().get(0).getValue();
        if (!"on".equals(value) && !"off".equals(value)) {
            return ctx.ack();
        }
        boolean fromMessage = payload.getContainer() != null && "message".equals(payload.getContainer().getType());
        try {
            AvailabilityService.NudgeChange change = availability.setNudges(clicker, "on".equals(value));
            if (change == AvailabilityService.NudgeChange.NO_PROFILE) {
                ClickReplies.tell(ctx, work, AvailabilityReplies.NO_PROFILE);
            } else if (fromMessage) {
                ClickReplies.tell(ctx, work, nudgesText("on".equals(value)), true);
            }
        } catch (RuntimeException e) {
            log.error("Turning nudges {} for {} failed", value, clicker, e);
            ClickReplies.tell(ctx, work, "Sorry, something went wrong on my side and nothing was changed."
                    + " Please try again in a minute.");
        }
        return ctx.ack();
    }

    private static String nudgesText(boolean on) {
        return on ? "*Monday reminders are on:* when you offer no hours in a week, I'll remind you on the Monday."
                : "*No more Monday reminders.* `/available nudges on` turns them back on.";
    }

    private Response run(AvailabilityCommand command, Member member, String triggerId, SlashCommandContext ctx)
            throws Exception {
        String userId = member.userId();
        if (command instanceof AvailabilityCommand.OpenProfile) {
            return openProfile(userId, triggerId, ctx);
        }
        if (command instanceof AvailabilityCommand.Invalid invalid) {
            return PoolCommands.ephemeral(ctx, SlackText.escape(invalid.explanation()));
        }
        if (command instanceof AvailabilityCommand.Help) {
            return PoolCommands.ephemeral(ctx, "Offer hours to other councils: " + AvailabilityCommand.EXAMPLES
                    + ". `/pool` lists every command.");
        }
        if (command instanceof AvailabilityCommand.Status) {
            return availability.status(userId)
                    .map(summary -> reply(ctx, "*Your availability*", summary, Optional.empty()))
                    .orElseGet(() -> PoolCommands.ephemeral(ctx, AvailabilityReplies.NO_PROFILE));
        }
        if (command instanceof AvailabilityCommand.SetDefault setDefault) {
            return outcome(ctx, availability.setDefault(userId, setDefault.minutes()),
                    "You offer *" + Hours.format(setDefault.minutes()) + " a week* from this week on.");
        }
        if (command instanceof AvailabilityCommand.SetWeek setWeek) {
            String which = setWeek.week() == AvailabilityService.WeekChoice.THIS_WEEK ? "this week" : "next week";
            return outcome(ctx, availability.setWeek(userId, setWeek.week(), setWeek.minutes()),
                    "You offer *" + Hours.format(setWeek.minutes()) + "* " + which + " only.");
        }
        if (command instanceof AvailabilityCommand.Pause) {
            AvailabilityService.Outcome outcome = availability.pause(userId);
            return outcome(ctx, outcome, changed(outcome)
                    ? "*Paused.* Nobody can find you or hold new hours; hours already held or booked stand."
                    : "You were already paused.");
        }
        if (command instanceof AvailabilityCommand.Resume) {
            AvailabilityService.Outcome outcome = availability.resume(userId);
            return outcome(ctx, outcome, changed(outcome) ? "*Welcome back:* you offer your usual hours again."
                    : "You weren't paused.");
        }
        if (command instanceof AvailabilityCommand.Nudges nudges) {
            return switch (availability.setNudges(userId, nudges.on())) {
                case NO_PROFILE -> PoolCommands.ephemeral(ctx, AvailabilityReplies.NO_PROFILE);
                case CHANGED -> PoolCommands.ephemeral(ctx, nudgesText(nudges.on()));
                case ALREADY -> PoolCommands.ephemeral(ctx, nudges.on() ? "Monday reminders were already on."
                        : "Monday reminders were already off.");
            };
        }
        if (command instanceof AvailabilityCommand.Revoke revoke) {
            return PoolCommands.ephemeral(ctx, revokeReply(permissions.revokeFor(revoke.specialistId(), userId),
                    revoke.specialistId()));
        }
        throw new IllegalStateException("Unhandled command " + command);
    }

    /** Opens the modal with the command's trigger ID before acknowledging (the trigger lasts three seconds). */
    private Response openProfile(String userId, String triggerId, SlashCommandContext ctx) throws Exception {
        ViewsOpenResponse opened = ctx.client().viewsOpen(r -> r.triggerId(triggerId)
                .view(ProfileModal.form(profiles.profile(userId))));
        if (!opened.isOk()) {
            log.warn("views.open failed for {}: {}", userId, opened.getError());
            return PoolCommands.ephemeral(ctx, "I couldn't open your profile form just now (Slack said `"
                    + SlackText.escape(opened.getError()) + "`). Please run `/available` again.");
        }
        return ctx.ack();
    }

    private static boolean changed(AvailabilityService.Outcome outcome) {
        return outcome instanceof AvailabilityService.Outcome.Done done && done.changed();
    }

    private static Response outcome(SlashCommandContext ctx, AvailabilityService.Outcome outcome, String doneText) {
        if (outcome instanceof AvailabilityService.Outcome.NoProfile) {
            return PoolCommands.ephemeral(ctx, AvailabilityReplies.NO_PROFILE);
        }
        if (outcome instanceof AvailabilityService.Outcome.BelowCommitted refused) {
            return reply(ctx, AvailabilityReplies.belowCommitted(refused.refusal()), refused.summary(), Optional.empty());
        }
        var done = (AvailabilityService.Outcome.Done) outcome;
        return reply(ctx, doneText, done.summary(), done.askedManager());
    }

    private static Response reply(SlashCommandContext ctx, String headline, AvailabilitySummary summary,
                                  Optional<Permission> asked) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String top = headline + asked.map(request -> " " + AvailabilityReplies.asked(request)).orElse("");
        blocks.add(section(s -> s.text(markdownText(top))));
        blocks.add(section(s -> s.text(markdownText(AvailabilityReplies.summary(summary)))));
        return PoolCommands.ephemeral(ctx, blocks);
    }

    private enum Decision { APPROVE, DECLINE, REVOKE }

    /** A manager's button: the change goes through the service; only refusals need a word to the clicker. */
    private Response answer(BlockActionPayload payload, ActionContext ctx, Decision decision) {
        String clicker = payload.getUser().getId();
        String value = payload.getActions().get(0).getValue();
        long permissionId;
        try {
            permissionId = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return ctx.ack();
        }
        var container = payload.getContainer();
        Optional<AvailabilityNotifier.MessageRef> message = container == null || container.getMessageTs() == null
                ? Optional.empty()
                : Optional.of(new AvailabilityNotifier.MessageRef(container.getChannelId(), container.getMessageTs()));
        PermissionService.Answer answer;
        try {
            answer = switch (decision) {
                case APPROVE -> permissions.approve(permissionId, clicker, message);
                case DECLINE -> permissions.decline(permissionId, clicker, message);
                case REVOKE -> permissions.revoke(permissionId, clicker, message);
            };
        } catch (RuntimeException e) {
            log.error("Permission {} {} by {} failed", permissionId, decision, clicker, e);
            tellLater(ctx, "Sorry, something went wrong on my side and nothing was changed. Please try again.");
            return ctx.ack();
        }
        if (answer instanceof PermissionService.Answer.NotYours notYours) {
            tellLater(ctx, "Only " + SlackText.mention(notYours.permission().managerId()) + " can answer this request.");
        } else if (answer instanceof PermissionService.Answer.AlreadySettled settled) {
            tellLater(ctx, settledText(settled.permission()));
        } else if (answer instanceof PermissionService.Answer.NotFound) {
            tellLater(ctx, "I can't find that request any more.");
        }
        return ctx.ack();
    }

    /** An ephemeral word to the clicker through the response_url, after the acknowledgement. */
    private void tellLater(ActionContext ctx, String mrkdwn) {
        work.execute(() -> {
            try {
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(mrkdwn));
            } catch (Exception e) {
                log.warn("Could not answer a button click: {}", e.getMessage());
            }
        });
    }

    private static String settledText(Permission permission) {
        return switch (permission.status()) {
            case APPROVED -> "You already approved this, until " + AvailabilityReplies.date(permission.expiresOn()) + ".";
            case DECLINED -> "You already declined this request.";
            case REVOKED -> "You already withdrew this permission.";
            case SUPERSEDED -> "This request was replaced by a newer one; please answer the newest message.";
            case REQUESTED -> "This request hasn't been approved yet, so there is nothing to withdraw.";
        };
    }

    private static String revokeReply(PermissionService.Answer answer, String specialistId) {
        String who = SlackText.mention(specialistId);
        if (answer instanceof PermissionService.Answer.Done) {
            return "You withdrew " + who + "'s permission to offer time to other councils. They are no longer listed,"
                    + " and I've told them.";
        }
        if (answer instanceof PermissionService.Answer.NotYours notYours) {
            return "Only " + SlackText.mention(notYours.permission().managerId()) + ", who gave it, can withdraw "
                    + who + "'s permission.";
        }
        return who + " has no permission from you to withdraw.";
    }

    @FunctionalInterface
    private interface CommandBody {
        Response run() throws Exception;
    }

    /** A failure is logged and the member gets a short apology, never a stack trace. */
    private static Response guarded(SlashCommandContext ctx, CommandBody body) {
        try {
            return body.run();
        } catch (Exception e) {
            log.error("/available failed", e);
            return PoolCommands.ephemeral(ctx, "Sorry, something went wrong on my side and nothing was changed."
                    + " Please try again in a minute.");
        }
    }
}
