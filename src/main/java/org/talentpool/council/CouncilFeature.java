package org.talentpool.council;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.Services;
import org.talentpool.persistence.AuditLog;
import org.talentpool.slack.CommandRegistry;
import org.talentpool.slack.PoolCommands;
import org.talentpool.slack.SlackFeature;
import org.talentpool.slack.SlackText;

/**
 * The Slack side of councils: {@code /pool council} for members, the {@code /pool-admin} council commands,
 * the Ask to join button of the gate, and the Approve / Reject buttons and dialogues of join requests.
 * Listeners parse what Slack sent, call a service and acknowledge; the services do the work.
 */
public final class CouncilFeature implements SlackFeature {
    private static final Logger log = LoggerFactory.getLogger(CouncilFeature.class);
    static final String NAME_CALLBACK = "join_request_name";
    static final String REASON_CALLBACK = "join_request_reason";
    static final String NAME_BLOCK = "council_name";
    static final String DOMAIN_BLOCK = "council_domain";
    static final String REASON_BLOCK = "reject_reason";
    static final String INPUT_ACTION = "value";

    private final Membership membership;
    private final AdminDirectory admins;
    private final AuditLog audit;
    private final ExecutorService work;
    private final CouncilService councils;
    private final CouncilRoles roles;
    private final JoinRequests joinRequests;

    /**
     * @param listeners told of every council status change, in its transaction (see {@link CouncilStatusListener});
     *                  later features pass theirs here
     */
    public CouncilFeature(Services services, List<CouncilStatusListener> listeners) {
        this.membership = services.membership();
        this.admins = services.admins();
        this.audit = services.audit();
        this.work = services.work();
        CouncilModule module = new CouncilModule(services.jdbi(), services.audit(), services.outbox(),
                services.admins(), services.membership(), services.config().adminChannel(), services.clock(),
                services.config().timezone(), listeners);
        this.councils = module.councils;
        this.roles = module.roles;
        this.joinRequests = module.joinRequests;
    }

    @Override
    public void register(App app, CommandRegistry commands) {
        commands.pool("council", "/pool council", "your council, its status in the pool, its leads and hourly rate",
                this::council);
        commands.admin("councils", CouncilService.COUNCILS_EXAMPLE, "councils by status (pending, approved,"
                + " suspended, known, rejected) and/or part of a name or domain; counts of each", this::councils);
        commands.admin("approve", CouncilService.APPROVE_EXAMPLE, "approve a council: its staff can use the pool",
                call -> answer(call, () -> councils.approve(call.userId(),
                        onlyDomain(call.args(), CouncilService.APPROVE_EXAMPLE))));
        commands.admin("reject", CouncilService.REJECT_EXAMPLE, "turn down a council or a domain's join request;"
                + " the reason is shown to its staff", this::reject);
        commands.admin("suspend", CouncilService.SUSPEND_EXAMPLE, "stop an approved council's staff using the pool"
                + " (the reason is optional)", this::suspend);
        commands.admin("reinstate", CouncilService.REINSTATE_EXAMPLE, "lift a council's suspension",
                call -> answer(call, () -> councils.reinstate(call.userId(),
                        onlyDomain(call.args(), CouncilService.REINSTATE_EXAMPLE))));
        commands.admin("add-council", CouncilService.ADD_COUNCIL_EXAMPLE, "register a council's email domain: a new"
                + " council is approved; a council of that name in the register gets the domain", this::addCouncil);
        commands.admin("lead", CouncilRoles.LEAD_EXAMPLE, "appoint a council lead (`… remove @Sam` removes one;"
                + " only the domain lists them)", this::lead);
        commands.admin("admins", CouncilRoles.ADMINS_EXAMPLE, "appoint or remove (`admins remove @Sam`) a community"
                + " admin; `admins` lists them", this::admins);
        commands.admin("rate", CouncilService.RATE_EXAMPLE, "set a council's hourly rate from today (add"
                + " `from 2027-04-01` for another day; only the domain shows the history)", this::rate);
        app.blockAction(GateReplies.ASK_TO_JOIN_ACTION, this::askToJoin);
        app.blockAction(CouncilNotices.APPROVE_ACTION, this::approveClicked);
        app.blockAction(CouncilNotices.REJECT_ACTION, this::rejectClicked);
        app.viewSubmission(NAME_CALLBACK, this::councilNamed);
        app.viewSubmission(REASON_CALLBACK, this::reasonGiven);
    }

    // --- slash commands ---

    private Response council(CommandRegistry.Call call) {
        Access access = membership.check(call.userId());
        if (access instanceof Access.Allowed allowed) {
            return PoolCommands.ephemeral(call.context(), councils.describe(allowed.member()));
        }
        return PoolCommands.ephemeral(call.context(), GateReplies.blocks(access));
    }

    private Response councils(CommandRegistry.Call call) {
        return answerBlocks(call, () -> {
            String typed = SlackText.unescape(call.args()).trim();
            PoolCommands.Words words = PoolCommands.Words.of(typed);
            Council.Status status = statusNamed(words.first());
            String text = status == null ? typed : words.rest();
            if (text.length() > 100) {
                throw new InvalidInput("That's a long search; give part of a name or domain. Example: `"
                        + CouncilService.COUNCILS_EXAMPLE + "` or `/pool-admin councils york`");
            }
            return listingBlocks(councils.list(status, text));
        });
    }

    private Response reject(CommandRegistry.Call call) {
        String example = "`" + CouncilService.REJECT_EXAMPLE + "`";
        return answer(call, () -> {
            PoolCommands.Words words = PoolCommands.Words.of(call.args());
            String domain = CommandInput.domain(words.first(), example);
            String reason = CommandInput.text(words.rest(), 500, "reason", example).orElseThrow(() -> new InvalidInput(
                    "Give a reason after the domain: it is shown to the council's staff. Example: " + example));
            return councils.reject(call.userId(), domain, reason);
        });
    }

    private Response suspend(CommandRegistry.Call call) {
        String example = "`" + CouncilService.SUSPEND_EXAMPLE + "`";
        return answer(call, () -> {
            PoolCommands.Words words = PoolCommands.Words.of(call.args());
            String domain = CommandInput.domain(words.first(), example);
            String reason = CommandInput.text(words.rest(), 500, "reason", example).orElse(null);
            return councils.suspend(call.userId(), domain, reason);
        });
    }

    private Response addCouncil(CommandRegistry.Call call) {
        String example = "`" + CouncilService.ADD_COUNCIL_EXAMPLE + "`";
        return answer(call, () -> {
            CommandInput.NameAndRest nameAndRest = CommandInput.quotedName(call.args(), example);
            String domain = onlyDomain(nameAndRest.rest(), CouncilService.ADD_COUNCIL_EXAMPLE);
            return councils.addCouncil(call.userId(), nameAndRest.name(), domain);
        });
    }

    private Response lead(CommandRegistry.Call call) {
        String example = "`" + CouncilRoles.LEAD_EXAMPLE + "`";
        return answer(call, () -> {
            PoolCommands.Words words = PoolCommands.Words.of(call.args());
            String domain = CommandInput.domain(words.first(), example);
            if (words.rest().isEmpty()) {
                return roles.showLeads(domain);
            }
            PoolCommands.Words who = PoolCommands.Words.of(words.rest());
            if (who.first().equals("remove")) {
                return roles.removeLead(call.userId(), domain, CommandInput.userId(who.rest(),
                        "`/pool-admin lead " + domain + " remove @Sam`"));
            }
            return roles.addLead(call.userId(), domain, CommandInput.userId(words.rest(), example));
        });
    }

    private Response admins(CommandRegistry.Call call) {
        String example = "`" + CouncilRoles.ADMINS_EXAMPLE + "`";
        return answer(call, () -> {
            PoolCommands.Words words = PoolCommands.Words.of(call.args());
            return switch (words.first()) {
                case "" -> roles.showAdmins();
                case "add" -> roles.addAdmin(call.userId(), CommandInput.userId(words.rest(), example));
                case "remove" -> roles.removeAdmin(call.userId(), CommandInput.userId(words.rest(),
                        "`/pool-admin admins remove @Sam`"));
                default -> throw new InvalidInput("Say `add` or `remove`, then mention the person. Example: "
                        + example);
            };
        });
    }

    private Response rate(CommandRegistry.Call call) {
        String example = "`" + CouncilService.RATE_EXAMPLE + "`";
        return answer(call, () -> {
            PoolCommands.Words words = PoolCommands.Words.of(call.args());
            String domain = CommandInput.domain(words.first(), example);
            PoolCommands.Words amountAndDay = PoolCommands.Words.of(SlackText.unescape(words.rest()));
            if (amountAndDay.first().isEmpty()) {
                return councils.showRates(domain);
            }
            int pence = HourlyRate.parsePence(amountAndDay.first(), example);
            return councils.setRate(call.userId(), domain, pence, effectiveFrom(amountAndDay.rest(), example));
        });
    }

    /** Empty text: from today. Otherwise {@code from YYYY-MM-DD}. */
    private static LocalDate effectiveFrom(String text, String example) {
        PoolCommands.Words words = PoolCommands.Words.of(text);
        if (words.first().isEmpty()) {
            return null;
        }
        String dated = "`" + CouncilService.RATE_EXAMPLE + " from 2027-04-01`";
        if (!words.first().equals("from") || words.rest().isEmpty() || words.rest().contains(" ")) {
            throw new InvalidInput("After the amount only `from YYYY-MM-DD` may follow, to start the rate on another"
                    + " day. Example: " + example + " or " + dated);
        }
        try {
            return LocalDate.parse(words.rest());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("`" + SlackText.escape(words.rest()) + "` isn't a date like 2027-04-01. Example: "
                    + dated);
        }
    }

    /** The domain, when it is the only word. */
    private static String onlyDomain(String args, String example) {
        PoolCommands.Words words = PoolCommands.Words.of(args);
        if (!words.rest().isEmpty()) {
            throw new InvalidInput("Give just the council's email domain. Example: `" + example + "`");
        }
        return CommandInput.domain(words.first(), "`" + example + "`");
    }

    private static Council.Status statusNamed(String word) {
        for (Council.Status status : Council.Status.values()) {
            if (status.dbValue().equals(word)) {
                return status;
            }
        }
        return null;
    }

    private static Response answer(CommandRegistry.Call call, Supplier<Outcome> action) {
        try {
            return PoolCommands.ephemeral(call.context(), action.get().text());
        } catch (InvalidInput e) {
            return PoolCommands.ephemeral(call.context(), e.getMessage());
        }
    }

    private static Response answerBlocks(CommandRegistry.Call call, Supplier<List<LayoutBlock>> action) {
        try {
            return PoolCommands.ephemeral(call.context(), action.get());
        } catch (InvalidInput e) {
            return PoolCommands.ephemeral(call.context(), e.getMessage());
        }
    }

    /** The listing as sections of at most ~2,900 characters (Slack's limit for one is 3,000). */
    static List<LayoutBlock> listingBlocks(CouncilService.Listing listing) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(listing.summary()))));
        StringBuilder chunk = new StringBuilder();
        for (String line : listing.lines()) {
            if (chunk.length() + line.length() + 1 > 2900) {
                String text = chunk.toString();
                blocks.add(section(s -> s.text(markdownText(text))));
                chunk.setLength(0);
            }
            chunk.append(chunk.length() == 0 ? "" : "\n").append(line);
        }
        if (chunk.length() > 0) {
            String text = chunk.toString();
            blocks.add(section(s -> s.text(markdownText(text))));
        }
        if (!listing.footer().isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(listing.footer()))));
        }
        return blocks;
    }

    // --- buttons ---

    /**
     * Ask to join: acknowledged at once; the request is made on the app's executor and the answer replaces
     * the gate's message.
     */
    private Response askToJoin(BlockActionRequest request, ActionContext ctx) {
        String userId = request.getPayload().getUser().getId();
        work.execute(() -> {
            String text;
            try {
                text = joinRequests.ask(membership.check(userId)).text();
            } catch (RuntimeException e) {
                log.error("Ask to join failed for {}", userId, e);
                text = "Sorry, something went wrong on my side and nothing was changed. Please try again in a minute.";
            }
            respond(ctx, text, true);
        });
        return ctx.ack();
    }

    private Response approveClicked(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload payload = request.getPayload();
        String actor = payload.getUser().getId();
        Optional<Long> requestId = requestId(payload);
        if (requestId.isEmpty() || !isAdmin(actor, requestId, "Approve button", ctx)) {
            return ctx.ack();
        }
        JoinRequests.MessageRef clicked = clickedMessage(payload);
        JoinRequests.Approval approval = joinRequests.approve(requestId.get(), actor, clicked);
        if (approval instanceof JoinRequests.Approval.NameNeeded nameNeeded) {
            openModal(ctx, nameModal(nameNeeded.request(), clicked));
        } else if (approval instanceof JoinRequests.Approval.Answered answered && !answered.outcome().changed()) {
            respondLater(ctx, answered.outcome().text());
        }
        return ctx.ack();
    }

    private Response rejectClicked(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload payload = request.getPayload();
        String actor = payload.getUser().getId();
        Optional<Long> requestId = requestId(payload);
        if (requestId.isEmpty() || !isAdmin(actor, requestId, "Reject button", ctx)) {
            return ctx.ack();
        }
        Optional<Outcome> decided = joinRequests.alreadyDecided(requestId.get());
        if (decided.isPresent()) {
            respondLater(ctx, decided.get().text());
        } else {
            Optional<JoinRequest> joinRequest = joinRequests.find(requestId.get());
            if (joinRequest.isEmpty()) {
                respondLater(ctx, "That join request no longer exists.");
            } else {
                openModal(ctx, reasonModal(joinRequest.get(), clickedMessage(payload)));
            }
        }
        return ctx.ack();
    }

    private boolean isAdmin(String actor, Optional<Long> requestId, String what, ActionContext ctx) {
        if (admins.isAdmin(actor)) {
            return true;
        }
        audit.record(AuditLog.Change.of(actor, "admin.refused", "join_request", requestId.map(String::valueOf)
                .orElse("?")).detail(what));
        respondLater(ctx, "Only community admins can decide join requests.");
        return false;
    }

    private Optional<Long> requestId(BlockActionPayload payload) {
        try {
            return Optional.of(Long.parseLong(payload.getActions().get(0).getValue()));
        } catch (RuntimeException e) {
            log.warn("Join request button without a request ID: {}", payload.getActions());
            return Optional.empty();
        }
    }

    private static JoinRequests.MessageRef clickedMessage(BlockActionPayload payload) {
        BlockActionPayload.Container container = payload.getContainer();
        if (container == null || container.getChannelId() == null || container.getMessageTs() == null) {
            return null;
        }
        return new JoinRequests.MessageRef(container.getChannelId(), container.getMessageTs());
    }

    private void openModal(ActionContext ctx, View modal) {
        try {
            ViewsOpenResponse opened = ctx.client().viewsOpen(r -> r.triggerId(ctx.getTriggerId()).view(modal));
            if (!opened.isOk()) {
                log.warn("views.open failed: {}", opened.getError());
                respondLater(ctx, "I couldn't open the dialogue (Slack said " + opened.getError() + "); please click"
                        + " again.");
            }
        } catch (Exception e) {
            log.warn("views.open failed: {}", e.getMessage());
            respondLater(ctx, "I couldn't open the dialogue just now; please click again.");
        }
    }

    /** An ephemeral answer through the click's response_url, sent after the acknowledgement. */
    private void respondLater(ActionContext ctx, String mrkdwn) {
        work.execute(() -> respond(ctx, mrkdwn, false));
    }

    private static void respond(ActionContext ctx, String mrkdwn, boolean replaceOriginal) {
        try {
            ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(replaceOriginal).text(mrkdwn)
                    .blocks(List.of(section(s -> s.text(markdownText(mrkdwn))))));
        } catch (Exception e) {
            log.warn("Could not answer through response_url: {}", e.getMessage());
        }
    }

    // --- dialogues ---

    static View nameModal(JoinRequest request, JoinRequests.MessageRef clicked) {
        return view(v -> v.type("modal").callbackId(NAME_CALLBACK).privateMetadata(metadata(request, clicked))
                .title(viewTitle(t -> t.type("plain_text").text("Approve join request")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Approve")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        section(s -> s.text(markdownText(SlackText.mention(request.requestedBy())
                                + " asked to join from `" + request.emailDomain() + "`, which is not in the register."
                                + " Which council is it?"))),
                        input(i -> i.blockId(NAME_BLOCK).label(plainText("Council's official name"))
                                .element(plainTextInput(p -> p.actionId(INPUT_ACTION).maxLength(200)
                                        .placeholder(plainText("e.g. City of York Council"))))),
                        input(i -> i.blockId(DOMAIN_BLOCK).label(plainText("Its email domain"))
                                .hint(plainText("Its staff's addresses end with this; it covers subdomains too."))
                                .element(plainTextInput(p -> p.actionId(INPUT_ACTION).maxLength(253)
                                        .initialValue(request.emailDomain())))))));
    }

    static View reasonModal(JoinRequest request, JoinRequests.MessageRef clicked) {
        return view(v -> v.type("modal").callbackId(REASON_CALLBACK).privateMetadata(metadata(request, clicked))
                .title(viewTitle(t -> t.type("plain_text").text("Reject join request")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Reject")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        section(s -> s.text(markdownText("Rejecting the request from `" + request.emailDomain()
                                + "`. The people who asked will see your reason."))),
                        input(i -> i.blockId(REASON_BLOCK).label(plainText("Reason"))
                                .element(plainTextInput(p -> p.actionId(INPUT_ACTION).multiline(true).maxLength(500)
                                        .placeholder(plainText("e.g. Not a UK council"))))))));
    }

    /** {@code id|channel|ts} of the request and the message clicked. */
    private static String metadata(JoinRequest request, JoinRequests.MessageRef clicked) {
        return request.id() + "|" + (clicked == null ? "" : clicked.channel() + "|" + clicked.ts());
    }

    private record Metadata(long requestId, JoinRequests.MessageRef clicked) {
        static Optional<Metadata> parse(String text) {
            try {
                String[] parts = (text == null ? "" : text).split("\\|", -1);
                JoinRequests.MessageRef clicked = parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()
                        ? new JoinRequests.MessageRef(parts[1], parts[2]) : null;
                return Optional.of(new Metadata(Long.parseLong(parts[0]), clicked));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private Response councilNamed(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        String actor = request.getPayload().getUser().getId();
        Optional<Metadata> metadata = Metadata.parse(request.getPayload().getView().getPrivateMetadata());
        if (metadata.isEmpty()) {
            return ctx.ackWithUpdate(messageView("This dialogue has lost track of its join request; please click"
                    + " Approve again."));
        }
        if (!admins.isAdmin(actor)) {
            audit.record(AuditLog.Change.of(actor, "admin.refused", "join_request", metadata.get().requestId())
                    .detail("Approve dialogue"));
            return ctx.ackWithUpdate(messageView("Only community admins can decide join requests."));
        }
        Map<String, Map<String, ViewState.Value>> values = request.getPayload().getView().getState().getValues();
        String name = typed(values, NAME_BLOCK).replaceAll("\\s+", " ");
        String domainTyped = typed(values, DOMAIN_BLOCK);
        if (name.isEmpty()) {
            return ctx.ackWithErrors(Map.of(NAME_BLOCK,
                    "Give the council's official name, e.g. City of York Council."));
        }
        if (name.length() > 200) {
            return ctx.ackWithErrors(Map.of(NAME_BLOCK, "At most 200 characters."));
        }
        try {
            String domain = CommandInput.domain(domainTyped, "york.gov.uk");
            Outcome outcome = joinRequests.approveNaming(metadata.get().requestId(), actor, name, domain,
                    metadata.get().clicked());
            return outcome.changed() ? ctx.ack() : ctx.ackWithUpdate(messageView(outcome.text()));
        } catch (InvalidInput e) {
            return ctx.ackWithErrors(Map.of(DOMAIN_BLOCK, plainError(e.getMessage())));
        }
    }

    private Response reasonGiven(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        String actor = request.getPayload().getUser().getId();
        Optional<Metadata> metadata = Metadata.parse(request.getPayload().getView().getPrivateMetadata());
        if (metadata.isEmpty()) {
            return ctx.ackWithUpdate(messageView("This dialogue has lost track of its join request; please click"
                    + " Reject again."));
        }
        if (!admins.isAdmin(actor)) {
            audit.record(AuditLog.Change.of(actor, "admin.refused", "join_request", metadata.get().requestId())
                    .detail("Reject dialogue"));
            return ctx.ackWithUpdate(messageView("Only community admins can decide join requests."));
        }
        String reason = typed(request.getPayload().getView().getState().getValues(), REASON_BLOCK)
                .replaceAll("\\s+", " ");
        if (reason.isEmpty()) {
            return ctx.ackWithErrors(Map.of(REASON_BLOCK, "Give a reason: the people who asked will see it."));
        }
        if (reason.length() > 500) {
            return ctx.ackWithErrors(Map.of(REASON_BLOCK, "At most 500 characters."));
        }
        try {
            Outcome outcome = joinRequests.reject(metadata.get().requestId(), actor, reason, metadata.get().clicked());
            return outcome.changed() ? ctx.ack() : ctx.ackWithUpdate(messageView(outcome.text()));
        } catch (InvalidInput e) {
            return ctx.ackWithUpdate(messageView(e.getMessage()));
        }
    }

    private static String typed(Map<String, Map<String, ViewState.Value>> values, String block) {
        if (values == null || values.get(block) == null || values.get(block).get(INPUT_ACTION) == null) {
            return "";
        }
        String value = values.get(block).get(INPUT_ACTION).getValue();
        return value == null ? "" : value.trim();
    }

    /** Modal errors are plain text: drop the mrkdwn code marks. */
    private static String plainError(String mrkdwn) {
        return mrkdwn.replace("`", "").replace("*", "");
    }

    private static View messageView(String mrkdwn) {
        return view(v -> v.type("modal").title(viewTitle(t -> t.type("plain_text").text("Join request")))
                .close(viewClose(c -> c.type("plain_text").text("OK")))
                .blocks(List.of(section(s -> s.text(markdownText(mrkdwn))))));
    }
}
