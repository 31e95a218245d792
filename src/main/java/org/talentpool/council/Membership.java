package org.talentpool.council;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a member's council from the verified email domain of their Slack profile, never from
 * anything they type. Profiles are cached in the {@code member} table for {@link #PROFILE_TTL}.
 */
public final class Membership {
    private static final Logger log = LoggerFactory.getLogger(Membership.class);
    public static final Duration PROFILE_TTL = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final SlackDirectory directory;
    private final Clock clock;

    public Membership(Jdbi jdbi, SlackDirectory directory, Clock clock) {
        this.jdbi = jdbi;
        this.directory = directory;
        this.clock = clock;
    }

    /** The gate of every member-facing command. */
    public Access check(String userId) {
        CouncilDao.MemberRow row;
        try {
            Optional<CouncilDao.MemberRow> cached = jdbi.withExtension(CouncilDao.class, dao -> dao.findMember(userId));
            row = cached.filter(this::fresh).isPresent() ? cached.get() : refresh(userId, cached);
        } catch (SlackDirectory.Unavailable e) {
            log.warn("users.info failed for {}: {}", userId, e.getMessage());
            return new Access.Unavailable(userId);
        }
        if (row == null || row.emailDomain() == null) {
            return new Access.NoEmail(userId);
        }
        Optional<Council> council = councilForDomain(row.emailDomain());
        if (council.isEmpty()) {
            return new Access.UnknownDomain(userId, row.displayName(), row.emailDomain());
        }
        if (!java.util.Objects.equals(row.councilId(), council.get().id())) {
            saveMember(userId, row.displayName(), row.emailDomain(), council.get().id(), row.refreshedAt());
        }
        Member member = new Member(userId, row.displayName(), row.emailDomain(), council.get());
        return council.get().approved() ? new Access.Allowed(member) : new Access.CouncilNotApproved(member);
    }

    /** The council owning this domain or its nearest registered parent domain. */
    public Optional<Council> councilForDomain(String emailDomain) {
        return jdbi.withExtension(CouncilDao.class,
                dao -> dao.findByAnyDomain(EmailDomains.withParents(emailDomain)));
    }

    /** The display name Slack last gave us for a user, or the user ID if we never asked. */
    public String displayName(String userId) {
        return jdbi.withExtension(CouncilDao.class, dao -> dao.findMember(userId))
                .map(CouncilDao.MemberRow::displayName)
                .filter(name -> !name.isBlank())
                .orElse(userId);
    }

    /**
     * Inserts or updates the member row. Two first lookups of the same member at once may both try to insert
     * (MERGE does not serialise them on PostgreSQL): the loser finds the row on its second try and updates it.
     */
    private void saveMember(String userId, String name, String domain, Long councilId, OffsetDateTime refreshedAt) {
        try {
            jdbi.useExtension(CouncilDao.class, dao -> dao.upsertMember(userId, name, domain, councilId, refreshedAt));
        } catch (JdbiException raced) {
            log.debug("Member {} was saved concurrently; updating it", userId);
            jdbi.useExtension(CouncilDao.class, dao -> dao.upsertMember(userId, name, domain, councilId, refreshedAt));
        }
    }

    private boolean fresh(CouncilDao.MemberRow row) {
        return row.refreshedAt().toInstant().plus(PROFILE_TTL).isAfter(clock.instant());
    }

    private CouncilDao.MemberRow refresh(String userId, Optional<CouncilDao.MemberRow> previous)
            throws SlackDirectory.Unavailable {
        Optional<SlackDirectory.Profile> profile = directory.profile(userId);
        if (profile.isEmpty() || profile.get().deleted() || profile.get().bot()) {
            return null;
        }
        String domain = profile.get().email().flatMap(EmailDomains::ofEmail).orElse(null);
        Long councilId = domain == null ? null : councilForDomain(domain).map(Council::id).orElse(null);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String name = profile.get().displayName();
        saveMember(userId, name, domain, councilId, now);
        return new CouncilDao.MemberRow(userId, name, domain, councilId, now);
    }
}
