package org.talentpool.http;

import io.javalin.Javalin;

/**
 * A feature that serves HTTP endpoints of its own besides Slack's (e.g. reports). {@code TalentPool} hands each such
 * feature the server's routes before it starts.
 */
public interface HttpRoutes {
    void addRoutes(Javalin routes);
}
