package org.talentpool.ledger;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.Optional;

/**
 * {@code GET /reports/statements/<YYYY-MM>.csv}: the month's statement as CSV for finance systems, with
 * {@code Authorization: Bearer <REPORTS_TOKEN>}. Registered only when {@code REPORTS_TOKEN} is set (otherwise the
 * path answers 404); a missing or wrong token → 401; a malformed month → 400.
 */
final class StatementEndpoint {
    static final String PATH = "/reports/statements/{file}";
    private static final String SUFFIX = ".csv";

    private final byte[] token;
    private final Statements statements;

    StatementEndpoint(String token, Statements statements) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.statements = statements;
    }

    void handle(Context ctx) {
        if (!authorised(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"reports\"").status(401).contentType("text/plain")
                    .result("A bearer token is required: Authorization: Bearer <REPORTS_TOKEN>\n");
            return;
        }
        String file = ctx.pathParam("file");
        Optional<YearMonth> month = file.endsWith(SUFFIX)
                ? Statements.parseMonth(file.substring(0, file.length() - SUFFIX.length())) : Optional.empty();
        if (month.isEmpty()) {
            ctx.status(400).contentType("text/plain").result("Give the month as YYYY-MM, e.g. /reports/statements/"
                    + Statements.MONTH_EXAMPLE + SUFFIX + "\n");
            return;
        }
        Statement statement = statements.forMonth(month.get());
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + StatementCsv.fileName(statement) + "\"")
                .header("Cache-Control", "no-store")
                .result(StatementCsv.bytes(statement));
    }

    /** Compares in constant time, so the token cannot be guessed from how long a refusal takes. */
    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8), token);
    }
}
