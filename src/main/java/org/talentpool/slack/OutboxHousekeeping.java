package org.talentpool.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.schedule.CronJob;

/**
 * Daily at 03:30 (outside the hour daylight-saving changes skip or repeat): deletes sent outbox messages
 * older than 30 days and expired rate-limit pauses. Failed and queued messages are kept. Running it twice
 * deletes nothing the second time.
 */
public final class OutboxHousekeeping extends CronJob {
    public static final String NAME = "outbox-housekeeping";
    static final Duration KEEP_SENT = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final Clock clock;

    public OutboxHousekeeping(Jdbi jdbi, Clock clock) {
        super(NAME, "0 30 3 * * ?",
                "deletes sent Slack messages older than 30 days from the outbox; keeps failed ones");
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public String run(Run run) {
        OffsetDateTime now = Outbox.now(clock);
        OffsetDateTime cutoff = now.minus(KEEP_SENT);
        int deleted = jdbi.inTransaction(handle -> {
            OutboxDao dao = handle.attach(OutboxDao.class);
            dao.deletePausesBefore(now);
            return dao.deleteSentBefore(cutoff);
        });
        return "deleted " + deleted + " sent message" + (deleted == 1 ? "" : "s") + " older than "
                + cutoff.format(DateTimeFormatter.ISO_LOCAL_DATE);
    }
}
