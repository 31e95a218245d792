package org.talentpool.persistence;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Who did what to which thing, when, with the state before and after. Written in the same
 * transaction as the change it describes: pass the {@link Handle} of that transaction.
 */
public final class AuditLog {
    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public record Entry(long id, OffsetDateTime occurredAt, String actor, String action, String subjectType,
                        String subjectId, String beforeState, String afterState, String detail) {}

    /** One change: {@code before}/{@code after} are short descriptions (JSON or text), null when none. */
    public record Change(String actor, String action, String subjectType, String subjectId, String before,
                         String after, String detail) {
        public static Change of(String actor, String action, String subjectType, Object subjectId) {
            return new Change(actor, action, subjectType, String.valueOf(subjectId), null, null, null);
        }

        public Change states(String before, String after) {
            return new Change(actor, action, subjectType, subjectId, before, after, detail);
        }

        public Change detail(String detail) {
            return new Change(actor, action, subjectType, subjectId, before, after, detail);
        }
    }

    /**
     * Writes the entry in the caller's transaction. Every change and every refused admin command is audited, so this
     * is one fluent statement rather than a SQL object call, which copies the Jdbi configuration and sets up its
     * binders again each time.
     */
    public void record(Handle handle, Change change) {
        handle.createUpdate(Dao.INSERT)
                .bind("at", OffsetDateTime.now(clock))
                .bind("actor", change.actor())
                .bind("action", change.action())
                .bind("subjectType", change.subjectType())
                .bind("subjectId", change.subjectId())
                .bind("before", truncate(change.before(), 4000))
                .bind("after", truncate(change.after(), 4000))
                .bind("detail", truncate(change.detail(), 1000))
                .execute();
    }

    public void record(Change change) {
        jdbi.useHandle(handle -> record(handle, change));
    }

    public List<Entry> forSubject(String subjectType, String subjectId) {
        return jdbi.withExtension(Dao.class, dao -> dao.forSubject(subjectType, subjectId));
    }

    public List<Entry> byActor(String actor) {
        return jdbi.withExtension(Dao.class, dao -> dao.byActor(actor));
    }

    public List<Entry> recent(int limit) {
        return jdbi.withExtension(Dao.class, dao -> dao.recent(limit));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    @RegisterConstructorMapper(Entry.class)
    public interface Dao {
        /** The statement {@link AuditLog#record(Handle, Change)} runs. */
        String INSERT = "INSERT INTO audit_log (occurred_at, actor, action, subject_type, subject_id, before_state,"
                + " after_state, detail) VALUES (:at, :actor, :action, :subjectType, :subjectId, :before, :after, :detail)";

        @SqlQuery("SELECT * FROM audit_log WHERE subject_type = :subjectType AND subject_id = :subjectId ORDER BY id")
        List<Entry> forSubject(@Bind("subjectType") String subjectType, @Bind("subjectId") String subjectId);

        @SqlQuery("SELECT * FROM audit_log WHERE actor = :actor ORDER BY id")
        List<Entry> byActor(@Bind("actor") String actor);

        @SqlQuery("SELECT * FROM audit_log ORDER BY id DESC LIMIT :limit")
        List<Entry> recent(@Bind("limit") int limit);
    }
}
