package org.talentpool.council;

import java.time.LocalDate;
import java.util.OptionalInt;
import org.jdbi.v3.core.Jdbi;

/**
 * Councils' hourly rates as the ledger needs them: the rate in force on the day the work was done, in
 * whole pence. Admins set rates with {@code /pool-admin rate}; a new rate never rewrites an older one.
 */
public final class CouncilRates {
    private final Jdbi jdbi;

    public CouncilRates(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Pence per hour for work done on {@code day}: the rate with the latest start on or before that day.
     * Empty when the council had no rate yet on that day.
     */
    public OptionalInt rateAt(long councilId, LocalDate day) {
        return jdbi.withExtension(CouncilDao.class, dao -> dao.rateOn(councilId, day))
                .map(rate -> OptionalInt.of(rate.pencePerHour()))
                .orElse(OptionalInt.empty());
    }
}
