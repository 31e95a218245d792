package org.talentpool.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.talentpool.testing.TestDatabase;

/** The settings {@link Database} gives an H2 database, unless its URL chooses otherwise. */
class DatabaseH2SettingsTest {
    @Test
    void anH2DatabaseKeepsAFewHundredPreparedStatementsAConnection() {
        try (TestDatabase h2 = TestDatabase.create(TestDatabase.Kind.H2);
             Database database = Database.open(h2.url(), "", "", 2)) {
            assertThat(setting(database, "QUERY_CACHE_SIZE")).isEqualTo(String.valueOf(Database.H2_QUERY_CACHE_SIZE));
        }
    }

    @Test
    void aSettingTheUrlChoosesIsKept() {
        assertThat(Database.h2Url("jdbc:h2:mem:x;QUERY_CACHE_SIZE=16")).contains(";QUERY_CACHE_SIZE=16")
                .doesNotContain("QUERY_CACHE_SIZE=" + Database.H2_QUERY_CACHE_SIZE);
        assertThat(Database.h2Url("jdbc:h2:mem:x")).contains(";QUERY_CACHE_SIZE=" + Database.H2_QUERY_CACHE_SIZE)
                .contains(";MODE=PostgreSQL");
    }

    private static String setting(Database database, String name) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT setting_value FROM"
                + " information_schema.settings WHERE setting_name = :name").bind("name", name)
                .mapTo(String.class).one());
    }
}
