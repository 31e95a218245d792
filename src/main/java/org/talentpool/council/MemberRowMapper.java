package org.talentpool.council;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

public final class MemberRowMapper implements RowMapper<CouncilDao.MemberRow> {
    @Override
    public CouncilDao.MemberRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        long councilId = rs.getLong("council_id");
        return new CouncilDao.MemberRow(rs.getString("user_id"), rs.getString("display_name"),
                rs.getString("email_domain"), rs.wasNull() ? null : councilId,
                rs.getObject("refreshed_at", OffsetDateTime.class));
    }
}
