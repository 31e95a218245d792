package org.talentpool.sandbox;

/**
 * A feature's part of the sandbox demo data (e.g. specialists' profiles and availability, a few bookings).
 * Register it with {@link DemoSeeds#add}; it runs once, in the transaction that loads the demo data into an
 * empty database, after the councils and people exist. Mark every row it adds with {@link DemoContext#mark}.
 */
@FunctionalInterface
public interface DemoSeed {
    void seed(DemoContext demo) throws Exception;
}
