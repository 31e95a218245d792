package org.talentpool.availability;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.talentpool.slack.SlackText;

/** The mrkdwn text of {@code /available} replies: where a specialist stands this week and next, and why. */
final class AvailabilityReplies {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    static final String NO_PROFILE = "You haven't set up your profile yet. Run `/available` on its own to add"
            + " your skills, hours a week and line manager.";

    private AvailabilityReplies() {}

    /** The numbers for this week and next, then the permission and pause lines. */
    static String summary(AvailabilitySummary summary) {
        StringBuilder text = new StringBuilder();
        text.append(week("This week", summary.thisWeek())).append('\n');
        text.append(week("Next week", summary.nextWeek())).append('\n');
        text.append("Your usual offer: ").append(Hours.format(summary.profile().defaultMinutes())).append(" a week.\n");
        text.append(permission(summary.permission(), summary.profile()));
        if (summary.profile().paused()) {
            text.append("\n⏸ You're paused: nobody can find you or hold new hours until you run `/available resume`.");
        }
        return text.toString();
    }

    static String week(String label, WeekCapacity week) {
        StringBuilder line = new StringBuilder("• *").append(label).append("* (w/c ")
                .append(Weeks.dayMonth(week.weekStart())).append("): ")
                .append(Hours.format(week.offeredMinutes())).append(" offered · ")
                .append(Hours.format(week.heldMinutes())).append(" held · ")
                .append(Hours.format(week.bookedMinutes())).append(" booked · *")
                .append(Hours.format(week.leftMinutes())).append(" left*");
        if (week.capped()) {
            line.append(" (you asked for ").append(Hours.format(week.requestedMinutes())).append(')');
        }
        if (week.overridden()) {
            line.append(" — just that week");
        }
        return line.toString();
    }

    static String permission(PermissionStanding standing, Specialist profile) {
        Optional<Permission> pending = standing.pending();
        return switch (standing.kind()) {
            case APPROVED -> "✅ " + SlackText.mention(standing.valid().orElseThrow().managerId())
                    + " agreed you may offer up to " + Hours.format(standing.capMinutes()) + " a week, until "
                    + date(standing.valid().orElseThrow().expiresOn()) + "."
                    + (profile.paused() ? "" : " Staff at other councils can find you with `/find-expert`.");
            case APPROVED_RAISE_PENDING -> "⏳ You're awaiting your manager's permission for more hours: I've asked "
                    + SlackText.mention(pending.orElseThrow().managerId()) + " to agree to up to "
                    + Hours.format(pending.orElseThrow().capMinutes()) + " a week. Until then your offer is capped at "
                    + Hours.format(standing.capMinutes()) + " a week.";
            case AWAITING -> "⏳ You're awaiting your manager's permission: I've asked "
                    + SlackText.mention(pending.orElseThrow().managerId()) + " to agree to up to "
                    + Hours.format(pending.orElseThrow().capMinutes())
                    + " a week. Until they do, nobody at another council can find or book you.";
            case DECLINED -> "✋ " + SlackText.mention(standing.lastAnswer().orElseThrow().managerId())
                    + " declined your request to offer time to other councils, so nobody can find you. To ask"
                    + " again, save your profile with `/available`.";
            case REVOKED -> "✋ " + SlackText.mention(standing.lastAnswer().orElseThrow().managerId())
                    + " withdrew their permission, so nobody can find you. To ask again, save your profile with"
                    + " `/available`.";
            case EXPIRED -> "⌛ Your manager's permission ended on "
                    + date(standing.lastAnswer().orElseThrow().expiresOn())
                    + ", so nobody can find you. To ask again, save your profile with `/available`.";
            case NONE -> "Save your profile with `/available` to ask your line manager's permission.";
        };
    }

    /** The line added when a change sent the manager a new request. */
    static String asked(Permission request) {
        return "I've asked " + SlackText.mention(request.managerId()) + " to agree to up to "
                + Hours.format(request.capMinutes()) + " a week; I'll tell you their answer.";
    }

    static String belowCommitted(WeeklyCapacity.OfferChange.BelowCommitted refusal) {
        WeekCapacity week = refusal.week();
        return "You can't offer " + Hours.format(refusal.requestedMinutes()) + " in the week of "
                + Weeks.dayMonth(week.weekStart()) + ": " + Hours.format(week.heldMinutes()) + " held and "
                + Hours.format(week.bookedMinutes()) + " booked there already, so at least "
                + Hours.format(week.committedMinutes()) + ". Nothing was changed.";
    }

    static String date(LocalDate date) {
        return DATE.format(date);
    }
}
