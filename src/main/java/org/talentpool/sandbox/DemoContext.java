package org.talentpool.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jdbi.v3.core.Handle;

/** What a {@link DemoSeed} works with: the loading transaction, the clock, the demo people and councils. */
public final class DemoContext {
    private final Handle handle;
    private final Clock clock;
    private final List<DemoPerson> people;
    private final Map<String, Long> councilIds;

    DemoContext(Handle handle, Clock clock, List<DemoPerson> people, Map<String, Long> councilIds) {
        this.handle = handle;
        this.clock = clock;
        this.people = List.copyOf(people);
        this.councilIds = Map.copyOf(councilIds);
    }

    /** The transaction the demo data is loaded in: write through it. */
    public Handle handle() {
        return handle;
    }

    public Clock clock() {
        return clock;
    }

    public List<DemoPerson> people() {
        return people;
    }

    public List<DemoPerson> people(DemoPerson.Kind kind) {
        return people.stream().filter(person -> person.kind() == kind).toList();
    }

    /** The ID of a demo council by its register code (LDS, YOR, BST). */
    public long councilId(String code) {
        Long id = councilIds.get(code);
        if (id == null) {
            throw new NoSuchElementException("No demo council " + code);
        }
        return id;
    }

    /** Records that a row is demo data, so it can be told apart from real data. */
    public void mark(String table, Object key) {
        mark(handle, table, key);
    }

    static void mark(Handle handle, String table, Object key) {
        handle.createUpdate("INSERT INTO demo_record (table_name, record_key) VALUES (:table, :key) ON CONFLICT DO NOTHING")
                .bind("table", table)
                .bind("key", String.valueOf(key))
                .execute();
    }
}
