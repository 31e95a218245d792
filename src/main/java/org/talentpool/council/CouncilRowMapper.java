package org.talentpool.council;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps the {@link CouncilDao#COUNCIL_COLUMNS} of a row to a {@link Council}. */
public final class CouncilRowMapper implements RowMapper<Council> {
    @Override
    public Council map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Council(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("short_name"),
                rs.getString("nation"), rs.getString("council_type"), Council.Status.fromDb(rs.getString("status")),
                rs.getString("status_reason"));
    }
}
