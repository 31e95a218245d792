package org.talentpool.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Search statements' named parameters as JDBC's positional ones, as Jdbi would bind them. */
class PositionalStatementTest {

    @Test
    void eachNameOutsideQuotesBecomesAQuestionMarkInOrder() {
        Map<String, Object> binds = new HashMap<>(Map.of("w0", "street", "w1", "lighting", "limit", 10, "id_2", 7L));
        ExpertSearch.Statement.Positional positional = ExpertSearch.Statement.positional(
                "SELECT x::text, ' :w1 '' :w0 ' AS q FROM t WHERE a = :w0 AND (b = :w1 OR b = :w0) AND c <> :id_2"
                        + " LIMIT :limit", binds);

        assertThat(positional.sql()).isEqualTo("SELECT x::text, ' :w1 '' :w0 ' AS q FROM t WHERE a = ? AND"
                + " (b = ? OR b = ?) AND c <> ? LIMIT ?");
        assertThat(positional.values()).containsExactly("street", "lighting", "street", 7L, 10);
    }

    @Test
    void aNullValueIsBoundAsNullAndAMissingOneIsAnError() {
        Map<String, Object> binds = new HashMap<>();
        binds.put("none", null);
        assertThat(ExpertSearch.Statement.positional("SELECT :none", binds).values())
                .isEqualTo(Arrays.asList((Object) null));
        assertThatThrownBy(() -> ExpertSearch.Statement.positional("SELECT :other", binds))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":other");
    }
}
