package org.talentpool.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.talentpool.availability.Skills;
import org.talentpool.availability.ListingIndex;
import org.talentpool.availability.Weeks;

/**
 * Generates a pool at benchmark scale straight into the tables, in batched inserts: approved councils with a
 * domain each, members whose profiles were fetched just now (so the membership gate answers from its cache),
 * their line managers, specialists with about six skills each from a {@link SkillCatalogue} long tail, the
 * line manager's permission, and this week's and next week's capacity. Deterministic for a given seed.
 *
 * <p>Most specialists are listed; as in life some are paused (3 %), some wait for their manager (4 %), some
 * never asked (3 %), one in twenty offers different hours this week, and one in ten has hours held or booked.
 */
final class PoolData {
    static final int BATCH = 2_000;
    private static final int[] DEFAULT_MINUTES = {60, 60, 120, 120, 120, 180, 180, 240, 240, 300, 420, 450};
    private static final List<String> JOB_TITLES = List.of(
            "GIS Analyst", "Senior Planner", "User Researcher", "Data Analyst", "Service Designer", "Developer",
            "Project Manager", "Business Analyst", "Procurement Officer", "Content Designer", "Policy Officer",
            "Transport Planner", "Flood Risk Engineer", "Ecologist", "Urban Designer", "Information Governance Lead",
            "Cyber Security Analyst", "Finance Business Partner", "Community Engagement Officer", "Delivery Manager");

    /** How big a pool to generate. */
    record Scale(int councils, int specialists, int specialistsPerManager) {
        static Scale of(int specialists) {
            return new Scale(400, specialists, 20);
        }
    }

    /**
     * What was generated: the specialists' user IDs (in order), the skills, the weeks and how long it took; then the
     * search listing index built from it, as the weekly reset rebuilds it, and how long that took.
     */
    record Seeded(Scale scale, List<String> specialistIds, SkillCatalogue skills, LocalDate thisWeek,
                  Map<String, Integer> rows, Duration took, ListingIndex.Rebuilt listing, Duration listingTook) {
        String describe() {
            return String.format(Locale.ROOT, "%,d specialists of %,d councils, %,d skills (%,d specialist skills),"
                            + " %,d permissions, %,d weeks, seeded in %.1f s",
                    rows.get("specialist"), rows.get("council"), rows.get("skill"), rows.get("specialist_skill"),
                    rows.get("permission"), rows.get("specialist_week"), took.toMillis() / 1000.0)
                    + (listing == null ? "" : String.format(Locale.ROOT, "; search listing index rebuilt in %.1f s"
                            + " (%,d specialist-weeks with hours, %,d word rows; what the weekly reset job rebuilds"
                            + " after resetting)", listingTook.toMillis() / 1000.0, listing.weeks(), listing.words()));
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final SkillCatalogue skills = SkillCatalogue.standard();

    PoolData(Jdbi jdbi, Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
    }

    static String specialistId(int number) {
        return String.format(Locale.ROOT, "U%07d", number);
    }

    static String managerId(int number) {
        return String.format(Locale.ROOT, "UM%06d", number);
    }

    static String councilDomain(int council) {
        return String.format(Locale.ROOT, "bench%03d.gov.uk", council);
    }

    /** Generates the pool into an empty, migrated database, and builds search's listing index from it. */
    Seeded seed(Scale scale, long seed) {
        return seed(scale, seed, true);
    }

    /** Generates the pool; builds search's listing index from it when {@code listed}. */
    Seeded seed(Scale scale, long seed, boolean listed) {
        long started = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        LocalDate today = Weeks.today(clock, zone);
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        Map<String, Integer> rows = new HashMap<>();

        jdbi.useTransaction(handle -> {
            rows.put("council", councils(handle, scale, now));
            rows.put("skill", skills(handle, now));
        });
        Map<String, Long> skillIds = jdbi.withHandle(handle -> {
            Map<String, Long> ids = new HashMap<>();
            handle.createQuery("SELECT id, name FROM skill").map((rs, ctx) -> ids.put(rs.getString("name"),
                    rs.getLong("id"))).list();
            return ids;
        });
        long[] skillIdByRank = skills.displayNames().stream()
                .mapToLong(name -> skillIds.get(Skills.normalise(name).orElseThrow())).toArray();

        List<String> ids = new ArrayList<>(scale.specialists());
        try (Batches batches = new Batches(jdbi)) {
            Batch members = batches.add("INSERT INTO member (user_id, display_name, email_domain, council_id,"
                    + " refreshed_at) SELECT :userId, :name, d.domain, d.council_id, :now FROM council_domain d"
                    + " WHERE d.domain = :domain");
            Batch specialists = batches.add("INSERT INTO specialist (user_id, job_title, bio, default_minutes,"
                    + " manager_id, paused, created_at, updated_at) VALUES (:userId, :jobTitle, :bio, :defaultMinutes,"
                    + " :managerId, :paused, :now, :now)");
            Batch specialistSkills = batches.add("INSERT INTO specialist_skill (user_id, skill_id)"
                    + " VALUES (:userId, :skillId)");
            Batch permissions = batches.add("INSERT INTO permission (specialist_id, manager_id, cap_minutes,"
                    + " status, requested_at, decided_at, expires_on) VALUES (:userId, :managerId, :cap, :status,"
                    + " :requestedAt, :decidedAt, :expiresOn)");
            Batch weeks = batches.add("INSERT INTO specialist_week (user_id, week_start, requested_minutes,"
                    + " offered_minutes, held_minutes, booked_minutes, overridden) VALUES (:userId, :weekStart,"
                    + " :requested, :offered, :held, :booked, :overridden)");
            int managers = (scale.specialists() + scale.specialistsPerManager() - 1) / scale.specialistsPerManager();
            for (int manager = 1; manager <= managers; manager++) {
                members.row().bind("userId", managerId(manager)).bind("name", "Manager " + manager)
                        .bind("domain", councilDomain(councilOf(manager, scale))).bind("now", now).add();
                batches.flushIfFull();
            }
            int permissionRows = 0;
            int skillRows = 0;
            for (int number = 1; number <= scale.specialists(); number++) {
                String userId = specialistId(number);
                ids.add(userId);
                int manager = (number - 1) / scale.specialistsPerManager() + 1;
                String managerId = managerId(manager);
                int defaultMinutes = DEFAULT_MINUTES[random.nextInt(DEFAULT_MINUTES.length)];
                boolean paused = random.nextInt(100) < 3;
                int permissionDraw = random.nextInt(100);
                boolean approved = permissionDraw >= 7;
                boolean requested = permissionDraw >= 3 && permissionDraw < 7;
                int cap = Math.max(defaultMinutes, 240);
                String title = JOB_TITLES.get(random.nextInt(JOB_TITLES.size()));

                members.row().bind("userId", userId).bind("name", "Specialist " + number)
                        .bind("domain", councilDomain(councilOf(manager, scale))).bind("now", now).add();
                specialists.row().bind("userId", userId).bind("jobTitle", title)
                        .bind("bio", title + " offering a few hours a week to other councils (profile " + number + ")")
                        .bind("defaultMinutes", defaultMinutes).bind("managerId", managerId).bind("paused", paused)
                        .bind("now", now).add();
                int skillCount = 3 + binomial(6, random);
                for (int rank : skills.drawDistinct(skillCount, random)) {
                    specialistSkills.row().bind("userId", userId).bind("skillId", skillIdByRank[rank]).add();
                    skillRows++;
                }
                if (approved || requested) {
                    permissions.row().bind("userId", userId).bind("managerId", managerId).bind("cap", cap)
                            .bind("status", approved ? "approved" : "requested").bind("requestedAt", now)
                            .bindByType("decidedAt", approved ? now : null, OffsetDateTime.class)
                            .bindByType("expiresOn", approved ? today.plusDays(300) : null, LocalDate.class).add();
                    permissionRows++;
                }
                for (LocalDate week : List.of(thisWeek, thisWeek.plusWeeks(1))) {
                    boolean overridden = random.nextInt(20) == 0;
                    int requestedMinutes = overridden ? DEFAULT_MINUTES[random.nextInt(DEFAULT_MINUTES.length)]
                            : defaultMinutes;
                    int offered = paused || !approved ? 0 : Math.min(requestedMinutes, cap);
                    boolean committed = offered >= 120 && random.nextInt(10) == 0;
                    weeks.row().bind("userId", userId).bind("weekStart", week).bind("requested", requestedMinutes)
                            .bind("offered", offered).bind("held", committed ? 60 : 0)
                            .bind("booked", committed ? 60 : 0).bind("overridden", overridden).add();
                }
                batches.flushIfFull();
            }
            batches.flush();
            rows.put("specialist", scale.specialists());
            rows.put("member", scale.specialists() + managers);
            rows.put("specialist_skill", skillRows);
            rows.put("permission", permissionRows);
            rows.put("specialist_week", scale.specialists() * 2);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long rebuilding = System.nanoTime();
        ListingIndex.Rebuilt listing = listed ? new ListingIndex(jdbi, clock, zone).rebuild() : null;
        return new Seeded(scale, List.copyOf(ids), skills, thisWeek, Map.copyOf(rows), took, listing,
                Duration.ofNanos(System.nanoTime() - rebuilding));
    }

    /** How many specialists hold each skill: the commonest's share, the median and how many are rare. */
    String skillSpread(int specialists) {
        List<Integer> holders = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM specialist_skill GROUP BY skill_id ORDER BY COUNT(*) DESC")
                .mapTo(Integer.class).list());
        if (holders.isEmpty()) {
            return "no skills";
        }
        double mean = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT CAST(COUNT(*) AS DOUBLE PRECISION) / COUNT(DISTINCT user_id) FROM specialist_skill")
                .mapTo(Double.class).one());
        long rare = holders.stream().filter(count -> count * 1000L < specialists).count();
        return String.format(Locale.ROOT, "%.1f skills a specialist; %,d skills in use: commonest held by %.1f %%,"
                        + " tenth by %.1f %%, median skill by %d specialists, %,d skills by fewer than 0.1 %%",
                mean, holders.size(), 100.0 * holders.get(0) / specialists,
                100.0 * holders.get(Math.min(9, holders.size() - 1)) / specialists,
                holders.get(holders.size() / 2), rare);
    }

    private static int councilOf(int manager, Scale scale) {
        return (manager - 1) % scale.councils() + 1;
    }

    private static int binomial(int trials, SplittableRandom random) {
        int successes = 0;
        for (int i = 0; i < trials; i++) {
            successes += random.nextBoolean() ? 1 : 0;
        }
        return successes;
    }

    private static int councils(Handle handle, Scale scale, OffsetDateTime now) {
        PreparedBatch councils = handle.prepareBatch("INSERT INTO council (code, name, short_name, nation,"
                + " council_type, status, created_at, updated_at) VALUES (:code, :name, :shortName, 'England',"
                + " 'District', 'approved', :now, :now)");
        for (int council = 1; council <= scale.councils(); council++) {
            councils.bind("code", String.format(Locale.ROOT, "BENCH%03d", council))
                    .bind("name", String.format(Locale.ROOT, "Bench Borough Council %03d", council))
                    .bind("shortName", String.format(Locale.ROOT, "Bench %03d", council)).bind("now", now).add();
        }
        councils.execute();
        PreparedBatch domains = handle.prepareBatch("INSERT INTO council_domain (domain, council_id)"
                + " SELECT :domain, id FROM council WHERE code = :code");
        for (int council = 1; council <= scale.councils(); council++) {
            domains.bind("domain", councilDomain(council))
                    .bind("code", String.format(Locale.ROOT, "BENCH%03d", council)).add();
        }
        domains.execute();
        return scale.councils();
    }

    private int skills(Handle handle, OffsetDateTime now) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO skill (name, display_name, created_at)"
                + " VALUES (:name, :displayName, :now)");
        for (String displayName : skills.displayNames()) {
            batch.bind("name", Skills.normalise(displayName).orElseThrow()).bind("displayName", displayName)
                    .bind("now", now).add();
        }
        batch.execute();
        return skills.size();
    }

    /** One statement's rows waiting to be inserted. */
    private static final class Batch {
        private final Handle handle;
        private final String sql;
        private PreparedBatch rows;

        Batch(Handle handle, String sql) {
            this.handle = handle;
            this.sql = sql;
            this.rows = handle.prepareBatch(sql);
        }

        /** The batch to bind the next row to (then {@code add()} it). */
        PreparedBatch row() {
            return rows;
        }

        int size() {
            return rows.size();
        }

        void execute() {
            if (rows.size() > 0) {
                rows.execute();
            }
            rows.close();
            rows = handle.prepareBatch(sql);
        }
    }

    /** Batches on one handle, executed together (in order) every {@link #BATCH} rows, each time in a transaction. */
    private static final class Batches implements AutoCloseable {
        private final Handle handle;
        private final List<Batch> batches = new ArrayList<>();

        Batches(Jdbi jdbi) {
            this.handle = jdbi.open();
        }

        Batch add(String sql) {
            Batch batch = new Batch(handle, sql);
            batches.add(batch);
            return batch;
        }

        void flushIfFull() {
            if (batches.stream().anyMatch(batch -> batch.size() >= BATCH)) {
                flush();
            }
        }

        void flush() {
            handle.useTransaction(transaction -> batches.forEach(Batch::execute));
        }

        @Override
        public void close() {
            handle.close();
        }
    }
}
