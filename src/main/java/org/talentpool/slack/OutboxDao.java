package org.talentpool.slack;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL for the {@code outbox} and {@code outbox_pause} tables. Every change a dispatcher makes to a claimed
 * message is conditional on {@code claimed_by = :me}, so an instance that lost its lease changes nothing.
 */
@RegisterConstructorMapper(OutboxDao.Claimed.class)
@RegisterConstructorMapper(OutboxDao.Failure.class)
@RegisterConstructorMapper(OutboxDao.Pause.class)
interface OutboxDao {

    /** A message claimed for delivery, as read right after the claim. */
    record Claimed(long id, String dedupKey, String method, String params, int attempts,
                   OffsetDateTime firstAttemptAt, boolean outcomeUnknown) {}

    /** A message that failed for good, or keeps failing, for admins. */
    record Failure(long id, String dedupKey, String method, String status, int attempts, String lastError,
                   OffsetDateTime lastAttemptAt) {}

    record Pause(String method, OffsetDateTime pausedUntil, String reason) {}

    /** Due, unclaimed (or lease expired), not held by a method pause; locked rows are someone else's. */
    @SqlQuery("SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= :now"
            + " AND (claimed_until IS NULL OR claimed_until < :now)"
            + " AND NOT EXISTS (SELECT 1 FROM outbox_pause p WHERE p.method = outbox.method AND p.paused_until > :now)"
            + " ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
    List<Long> lockDue(@Bind("now") OffsetDateTime now, @Bind("limit") int limit);

    /** How many instances hold leases on queued messages: those delivering now (their claims, committed or ours). */
    @SqlQuery("SELECT COUNT(DISTINCT claimed_by) FROM outbox WHERE status = 'queued' AND claimed_until > :now")
    int instancesDelivering(@Bind("now") OffsetDateTime now);

    @SqlUpdate("UPDATE outbox SET claimed_by = :me, claimed_until = :until WHERE id IN (<ids>)")
    void claim(@BindList("ids") List<Long> ids, @Bind("me") String me, @Bind("until") OffsetDateTime until);

    @SqlQuery("SELECT id, dedup_key, method, params, attempts, first_attempt_at, outcome_unknown FROM outbox"
            + " WHERE id IN (<ids>) ORDER BY id")
    List<Claimed> read(@BindList("ids") List<Long> ids);

    /** Extends the lease of a message this instance still holds; 0 when it lost it. */
    @SqlUpdate("UPDATE outbox SET claimed_until = :until WHERE id = :id AND claimed_by = :me AND status = 'queued'")
    int renew(@Bind("id") long id, @Bind("me") String me, @Bind("until") OffsetDateTime until);

    /**
     * Committed just before a call goes to Slack: from here until a result is recorded, the outcome is
     * unknown (a crash leaves it so). Renews the lease; 0 when this instance no longer holds the message.
     */
    @SqlUpdate("UPDATE outbox SET attempts = attempts + 1, outcome_unknown = TRUE, last_attempt_at = :now,"
            + " first_attempt_at = COALESCE(first_attempt_at, :now), claimed_until = :until"
            + " WHERE id = :id AND claimed_by = :me AND status = 'queued'")
    int beginAttempt(@Bind("id") long id, @Bind("me") String me, @Bind("now") OffsetDateTime now,
                     @Bind("until") OffsetDateTime until);

    @SqlUpdate("UPDATE outbox SET status = 'sent', sent_at = :now, result_channel = :channel, result_ts = :ts,"
            + " last_error = NULL, outcome_unknown = FALSE, claimed_by = NULL, claimed_until = NULL"
            + " WHERE id = :id AND claimed_by = :me")
    int markSent(@Bind("id") long id, @Bind("me") String me, @Bind("now") OffsetDateTime now,
                 @Bind("channel") String channel, @Bind("ts") String ts);

    @SqlUpdate("UPDATE outbox SET next_attempt_at = :at, last_error = :error, outcome_unknown = :unknown,"
            + " claimed_by = NULL, claimed_until = NULL WHERE id = :id AND claimed_by = :me")
    int retryLater(@Bind("id") long id, @Bind("me") String me, @Bind("at") OffsetDateTime at,
                   @Bind("error") String error, @Bind("unknown") boolean outcomeUnknown);

    @SqlUpdate("UPDATE outbox SET status = 'failed', last_error = :error, outcome_unknown = FALSE,"
            + " claimed_by = NULL, claimed_until = NULL WHERE id = :id AND claimed_by = :me")
    int fail(@Bind("id") long id, @Bind("me") String me, @Bind("error") String error);

    /** Gives a claimed message back untouched (not tried: paced, paused, or the dispatcher is stopping). */
    @SqlUpdate("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = :id AND claimed_by = :me")
    int release(@Bind("id") long id, @Bind("me") String me);

    @SqlUpdate("INSERT INTO outbox_pause (method, paused_until, reason) VALUES (:method, :until, :reason)"
            + " ON CONFLICT DO NOTHING")
    int insertPause(@Bind("method") String method, @Bind("until") OffsetDateTime until, @Bind("reason") String reason);

    @SqlUpdate("UPDATE outbox_pause SET paused_until = :until, reason = :reason"
            + " WHERE method = :method AND paused_until < :until")
    int extendPause(@Bind("method") String method, @Bind("until") OffsetDateTime until, @Bind("reason") String reason);

    @SqlQuery("SELECT method, paused_until, reason FROM outbox_pause WHERE paused_until > :now ORDER BY method")
    List<Pause> pauses(@Bind("now") OffsetDateTime now);

    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE status = :status")
    long count(@Bind("status") String status);

    @SqlQuery("SELECT MIN(created_at) FROM outbox WHERE status = 'queued'")
    Optional<OffsetDateTime> oldestQueued();

    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE status = 'queued' AND last_error IS NOT NULL")
    long retrying();

    @SqlQuery("SELECT id, dedup_key, method, status, attempts, last_error, last_attempt_at FROM outbox"
            + " WHERE status = 'failed' OR (status = 'queued' AND last_error IS NOT NULL)"
            + " ORDER BY last_attempt_at DESC, id DESC LIMIT :limit")
    List<Failure> recentFailures(@Bind("limit") int limit);

    @SqlUpdate("DELETE FROM outbox WHERE status = 'sent' AND sent_at < :cutoff")
    int deleteSentBefore(@Bind("cutoff") OffsetDateTime cutoff);

    @SqlUpdate("DELETE FROM outbox_pause WHERE paused_until < :cutoff")
    int deletePausesBefore(@Bind("cutoff") OffsetDateTime cutoff);
}
