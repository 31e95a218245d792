package org.talentpool.bench;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.config.PoolConfig;
import org.talentpool.persistence.Database;
import org.talentpool.testing.TestDatabase;

/**
 * The pool at scale that search (2) and the weekly reset (3) share, one a database kind: generated on first use by
 * {@link PoolData} (seed 2), with search's listing index when search runs, and analysed as autovacuum would; dropped
 * on {@link #close()}. Search only reads it; the reset writes weeks after next, which search never reads.
 */
final class LargePools implements AutoCloseable {
    /** A generated pool: its database, open, and what was generated. */
    record Large(TestDatabase database, Database open, PoolData.Seeded seeded) {
        Jdbi jdbi() {
            return open.jdbi();
        }
    }

    private final int specialists;
    private final boolean listed;
    private final Map<TestDatabase.Kind, Large> pools = new EnumMap<>(TestDatabase.Kind.class);

    /** {@code listed}: whether to build search's listing index (what the weekly reset job rebuilds). */
    LargePools(int specialists, boolean listed) {
        this.specialists = specialists;
        this.listed = listed;
    }

    /** The pool on a kind of database, generated now if it was not yet. */
    Large get(TestDatabase.Kind kind) {
        Large large = pools.get(kind);
        if (large == null) {
            large = generate(kind);
            pools.put(kind, large);
        }
        return large;
    }

    private Large generate(TestDatabase.Kind kind) {
        TestDatabase database = TestDatabase.create(kind);
        Database open = null;
        try {
            open = Databases.openForSeeding(database.url());
            PoolData.Seeded seeded = new PoolData(open.jdbi(), Clock.systemUTC(), PoolConfig.DEFAULT_TIMEZONE)
                    .seed(PoolData.Scale.of(specialists), 2, listed);
            Databases.analyze(open.jdbi());
            return new Large(database, open, seeded);
        } catch (RuntimeException | Error e) {
            if (open != null) {
                open.close();
            }
            database.close();
            throw e;
        }
    }

    /** Closes and drops every pool generated. */
    @Override
    public void close() {
        for (Large large : pools.values()) {
            large.open().close();
            large.database().close();
        }
        pools.clear();
    }
}
