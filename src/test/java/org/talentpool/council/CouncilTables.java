package org.talentpool.council;

import org.jdbi.v3.core.Jdbi;

/** Empties the tables council tests write, children first. */
final class CouncilTables {
    private CouncilTables() {}

    static void empty(Jdbi jdbi) {
        jdbi.useHandle(handle -> {
            for (String table : new String[] {"join_request_member", "join_request", "council_rate", "council_lead",
                    "pool_admin", "audit_log", "outbox", "member", "council_domain", "council"}) {
                handle.execute("DELETE FROM " + table);
            }
        });
    }
}
