package org.talentpool.bench;

import io.javalin.Javalin;

/**
 * The footprint benchmark's baseline process: Javalin alone on {@code PORT}, answering {@code GET /health} and
 * {@code POST /slack/events} with 200 and nothing else. Stops on SIGTERM.
 */
public final class BareServer {
    private BareServer() {}

    public static void main(String[] args) {
        Javalin javalin = Javalin.create(config -> config.showJavalinBanner = false)
                .get("/health", ctx -> ctx.status(200))
                .post("/slack/events", ctx -> ctx.status(200))
                .start("127.0.0.1", Integer.parseInt(System.getenv().getOrDefault("PORT", "3000")));
        Runtime.getRuntime().addShutdownHook(new Thread(javalin::stop, "shutdown"));
    }
}
