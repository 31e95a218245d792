package org.talentpool;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.config.PoolConfig;
import org.talentpool.council.AdminDirectory;
import org.talentpool.council.Membership;
import org.talentpool.home.AppHome;
import org.talentpool.http.Metrics;
import org.talentpool.persistence.AuditLog;
import org.talentpool.persistence.Database;
import org.talentpool.sandbox.DemoSeeds;
import org.talentpool.schedule.PoolScheduler;
import org.talentpool.slack.Outbox;

/**
 * The shared collaborators {@link TalentPool} builds once and hands to each feature's constructor.
 * {@code work} is the executor the app owns for slow work done after a Slack acknowledgement. Features add
 * their App Home sections to {@code home} (and refresh members' homes through {@code home.refresher()}), and
 * their sandbox demo rows to {@code demoSeeds}. {@code metrics} is the registry {@code GET /metrics} serves.
 */
public record Services(
        PoolConfig config,
        Clock clock,
        Database database,
        Jdbi jdbi,
        AuditLog audit,
        Outbox outbox,
        Membership membership,
        AdminDirectory admins,
        PoolScheduler scheduler,
        ExecutorService work,
        AppHome home,
        DemoSeeds demoSeeds,
        Metrics metrics) {}
