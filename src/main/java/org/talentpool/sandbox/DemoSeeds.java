package org.talentpool.sandbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The features' {@link DemoSeed}s, run in the order they were added. Used only in sandbox mode. */
public final class DemoSeeds {
    private final List<DemoSeed> seeds = new CopyOnWriteArrayList<>();

    public DemoSeeds add(DemoSeed seed) {
        seeds.add(seed);
        return this;
    }

    public List<DemoSeed> all() {
        return List.copyOf(seeds);
    }
}
