package org.talentpool.council;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
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
    private static final CouncilRowMapper COUNCIL = new CouncilRowMapper();
    private static final MemberRowMapper MEMBER = new MemberRowMapper();

    private final Jdbi jdbi;
    private final SlackDirectory directory;
    private final Clock clock;
    private final MemberMovedListener moved;

    public Membership(Jdbi jdbi, SlackDirectory directory, Clock clock) {
        this(jdbi, directory, clock, (handle, userId) -> { });
    }

    /** {@code moved} is told when a member's council changes, in the transaction that records it. */
    public Membership(Jdbi jdbi, SlackDirectory directory, Clock clock, MemberMovedListener moved) {
        this.jdbi = jdbi;
        this.directory = directory;
        this.clock = clock;
        this.moved = moved;
    }

    /**
     * The gate of every member-facing command. A fresh member row and its council are read on one handle through
     * Jdbi's fluent API with mappers built once: a SQL object call copies the configuration and looks up its
     * mappers again every time, which cost more CPU on every command than the two statements did.
     */
    public Access check(String userId) {
        CouncilDao.MemberRow row;
        Optional<Council> council;
        try {
            Optional<Cached> cached = jdbi.withHandle(handle -> findMember(handle, userId).filter(this::fresh)
                    .map(fresh -> new Cached(fresh, fresh.emailDomain() == null ? Optional.empty()
                            : councilForDomain(handle, fresh.emailDomain()))));
            if (cached.isPresent()) {
                row = cached.get().member();
                council = cached.get().council();
            } else {
                row = refresh(userId);
                council = row == null || row.emailDomain() == null ? Optional.empty()
                        : councilForDomain(row.emailDomain());
            }
        } catch (SlackDirectory.Unavailable e) {
            log.warn("users.info failed for {}: {}", userId, e.getMessage());
            return new Access.Unavailable(userId);
        }
        if (row == null || row.emailDomain() == null) {
            return new Access.NoEmail(userId);
        }
        if (council.isEmpty()) {
            return new Access.UnknownDomain(userId, row.displayName(), row.emailDomain());
        }
        if (!java.util.Objects.equals(row.councilId(), council.get().id())) {
            saveMember(userId, row.displayName(), row.emailDomain(), council.get().id(), row.refreshedAt());
        }
        Member member = new Member(userId, row.displayName(), row.emailDomain(), council.get());
        return council.get().approved() ? new Access.Allowed(member) : new Access.CouncilNotApproved(member);
    }

    /** A member row still within {@link #PROFILE_TTL}, and the council of its domain as it is now. */
    private record Cached(CouncilDao.MemberRow member, Optional<Council> council) {}

    /** The council owning this domain or its nearest registered parent domain. */
    public Optional<Council> councilForDomain(String emailDomain) {
        return jdbi.withHandle(handle -> councilForDomain(handle, emailDomain));
    }

    private static Optional<Council> councilForDomain(Handle handle, String emailDomain) {
        return handle.createQuery(CouncilDao.FIND_BY_ANY_DOMAIN)
                .bindList("domains", EmailDomains.withParents(emailDomain))
                .map(COUNCIL)
                .findOne();
    }

    private static Optional<CouncilDao.MemberRow> findMember(Handle handle, String userId) {
        return handle.createQuery(CouncilDao.FIND_MEMBER).bind("userId", userId).map(MEMBER).findOne();
    }

    /** The display name Slack last gave us for a user, or the user ID if we never asked. */
    public String displayName(String userId) {
        return jdbi.withHandle(handle -> findMember(handle, userId))
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
            jdbi.useTransaction(handle -> save(handle, userId, name, domain, councilId, refreshedAt));
        } catch (JdbiException raced) {
            log.debug("Member {} was saved concurrently; updating it", userId);
            jdbi.useTransaction(handle -> save(handle, userId, name, domain, councilId, refreshedAt));
        }
    }

    /** Saves the member row; when it was there with another council, tells {@link #moved} in the same transaction. */
    private void save(Handle handle, String userId, String name, String domain, Long councilId,
                      OffsetDateTime refreshedAt) {
        Optional<CouncilDao.MemberRow> before = findMember(handle, userId);
        handle.attach(CouncilDao.class).upsertMember(userId, name, domain, councilId, refreshedAt);
        if (before.isPresent() && !java.util.Objects.equals(before.get().councilId(), councilId)) {
            moved.moved(handle, userId);
        }
    }

    private boolean fresh(CouncilDao.MemberRow row) {
        return row.refreshedAt().toInstant().plus(PROFILE_TTL).isAfter(clock.instant());
    }

    private CouncilDao.MemberRow refresh(String userId) throws SlackDirectory.Unavailable {
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
