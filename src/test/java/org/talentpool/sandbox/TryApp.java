package org.talentpool.sandbox;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.multiStaticSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.usersSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.talentpool.slack.SlackText;

/**
 * A little Bolt app with the kinds of interaction features will use (a form with validation, a button in a
 * modal, buttons in a DM answered through the response URL, a modal stack, late, failing and slow replies),
 * for testing the sandbox before features with modals exist. It records what it received.
 */
final class TryApp {
    final List<Map<String, String>> submissions = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();

    void register(App app) {
        app.command("/try-form", (request, ctx) -> {
            ctx.client().viewsOpen(open -> open.triggerId(request.getPayload().getTriggerId()).view(form(false)));
            return ctx.ack();
        });
        app.blockAction("add_note", (request, ctx) -> {
            View current = request.getPayload().getView();
            events.add("add_note saw " + current.getState().getValues().get("need").get("text").getValue());
            ctx.client().viewsUpdate(update -> update.viewId(current.getId()).hash(current.getHash()).view(form(true)));
            return ctx.ack();
        });
        app.viewSubmission("try_form", (request, ctx) -> {
            Map<String, Map<String, ViewState.Value>> values = request.getPayload().getView().getState().getValues();
            String need = values.get("need").get("text").getValue();
            if (need == null || need.length() < 5) {
                return ctx.ack(response -> response.responseAction("errors")
                        .errors(Map.of("need", "Say a little more: five characters at least.")));
            }
            List<String> skills = new ArrayList<>();
            values.get("skills").get("many").getSelectedOptions().forEach(option -> skills.add(option.getValue()));
            submissions.add(Map.of("user", request.getPayload().getUser().getId(), "need", need,
                    "week", values.get("week").get("choice").getSelectedOption().getValue(),
                    "manager", values.get("manager").get("user").getSelectedUser(),
                    "skills", String.join(",", skills),
                    "metadata", request.getPayload().getView().getPrivateMetadata()));
            ctx.client().chatPostMessage(post -> post.channel(request.getPayload().getUser().getId())
                    .text("Request sent").blocks(List.of(
                            section(s -> s.text(markdownText("You asked for *" + SlackText.escape(need) + "*"))),
                            actions(a -> a.blockId("decide").elements(List.of(
                                    button(b -> b.actionId("accept").text(plainText("Accept")).value("42")
                                            .style("primary")),
                                    button(b -> b.actionId("decline").text(plainText("Decline")).value("42")
                                            .style("danger"))))))));
            return ctx.ack();
        });
        app.viewClosed("try_form", (request, ctx) -> {
            events.add("closed " + request.getPayload().getView().getPrivateMetadata());
            return ctx.ack();
        });
        app.blockAction("accept", (request, ctx) -> {
            events.add("accept " + request.getPayload().getActions().get(0).getValue() + " in "
                    + request.getPayload().getContainer().getChannelId());
            ctx.respond(response -> response.replaceOriginal(true).text("Accepted request "
                    + request.getPayload().getActions().get(0).getValue()));
            return ctx.ack();
        });
        app.blockAction("decline", (request, ctx) -> {
            ctx.respond(response -> response.deleteOriginal(true));
            return ctx.ack();
        });
        app.command("/try-steps", (request, ctx) -> {
            ctx.client().viewsOpen(open -> open.triggerId(request.getPayload().getTriggerId()).view(step("step_one")));
            return ctx.ack();
        });
        app.viewSubmission("step_one", (request, ctx) -> ctx.ack(response -> response.responseAction("push")
                .view(step("step_two"))));
        app.viewSubmission("step_two", (request, ctx) -> ctx.ack(response -> response.responseAction("update")
                .view(step("step_three"))));
        app.viewSubmission("step_three", (request, ctx) -> ctx.ack(response -> response.responseAction("clear")));
        app.command("/try-later", (request, ctx) -> {
            ctx.respond(response -> response.responseType("in_channel").text("Said out loud"));
            ctx.respond(response -> response.text("Told quietly"));
            return ctx.ack();
        });
        app.command("/try-broken", (request, ctx) -> {
            throw new IllegalStateException("listener failed");
        });
        app.command("/try-slow", (request, ctx) -> {
            LockSupport.parkNanos(Duration.ofMillis(3_300).toNanos());
            return ctx.ack("finally");
        });
    }

    static View form(boolean withNote) {
        List<LayoutBlock> blocks = new ArrayList<>(List.of(
                input(i -> i.blockId("need").label(plainText("What you need"))
                        .element(plainTextInput(p -> p.actionId("text").multiline(true)))),
                input(i -> i.blockId("week").label(plainText("Week")).element(staticSelect(s -> s.actionId("choice")
                        .options(List.of(option(plainText("This week"), "this"), option(plainText("Next week"), "next")))))),
                input(i -> i.blockId("manager").label(plainText("Line manager"))
                        .element(usersSelect(u -> u.actionId("user")))),
                input(i -> i.blockId("skills").optional(true).label(plainText("Skills"))
                        .element(multiStaticSelect(m -> m.actionId("many").options(List.of(
                                option(plainText("GIS"), "gis"), option(plainText("Python"), "python")))))),
                actions(a -> a.blockId("more").elements(List.of(
                        button(b -> b.actionId("add_note").text(plainText("Add a note")).value("note")))))));
        if (withNote) {
            blocks.add(input(i -> i.blockId("note").optional(true).label(plainText("Note"))
                    .element(plainTextInput(p -> p.actionId("text")))));
        }
        return view(v -> v.type("modal").callbackId("try_form").privateMetadata("meta-42").notifyOnClose(true)
                .title(viewTitle(t -> t.type("plain_text").text("Try a form")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Send")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    static View step(String callbackId) {
        return view(v -> v.type("modal").callbackId(callbackId)
                .title(viewTitle(t -> t.type("plain_text").text(callbackId.replace('_', ' '))))
                .submit(viewSubmit(s -> s.type("plain_text").text("Next")))
                .blocks(List.of(section(s -> s.text(markdownText("This is " + callbackId))))));
    }
}
