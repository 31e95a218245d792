package org.talentpool.search;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.talentpool.availability.ListingIndex;
import org.talentpool.availability.Weeks;
import org.talentpool.persistence.Database;

/**
 * {@code /find-expert}: specialists of other councils whose skills match the search words, ranked by how many
 * words their skills match, then by hours left in the week searched, then by who was booked least recently
 * (fairness). Specialists whose job title or bio matches but no skill come after those. Only searchable
 * specialists (availability's {@code specialist_listing} with an unexpired permission) with hours left are
 * listed. The query is set-based over the skill index; the vocabulary, not the profiles, is matched in Java.
 * A search for which nobody is available is recorded as unmet demand.
 */
public final class ExpertSearch {
    public static final int PAGE_SIZE = 5;
    static final int DEMAND_LIMIT = 10;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final ListingIndex listing;
    private final Vocabulary vocabulary = new Vocabulary();
    private final boolean bitsFirst;
    private volatile LocalDate listingCheckedFor;

    /** Search over {@code jdbi}'s database; word bits are counted first on PostgreSQL, with BITCOUNT on H2. */
    public ExpertSearch(Jdbi jdbi, Clock clock, ZoneId zone) {
        this(jdbi, clock, zone, bitsPay(jdbi));
    }

    /**
     * {@code bitsFirst}: whether a row's word bits are counted, with integer arithmetic, before its words are compared
     * ({@link Check}). On PostgreSQL comparing text costs about 2 µs a row and the bits a quarter of that; on H2 the
     * arithmetic costs as much as the comparison (Java's {@code String.indexOf}), so H2 instead bounds how many search
     * words a row may match with its {@code BITCOUNT} and {@code BITAND} functions ({@link #bitBound}), which
     * PostgreSQL does not have.
     */
    ExpertSearch(Jdbi jdbi, Clock clock, ZoneId zone, boolean bitsFirst) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.listing = new ListingIndex(jdbi, clock, zone);
        this.bitsFirst = bitsFirst;
    }

    /** Whether to count word bits term by term before comparing words (PostgreSQL) rather than with BITCOUNT (H2). */
    static boolean bitsPay(Jdbi jdbi) {
        return jdbi.withHandle(Database::kindOf) == Database.Kind.POSTGRESQL;
    }

    /** Who searches: their council's specialists are left out. */
    public record Searcher(String userId, long councilId) {}

    /**
     * A specialist on a page of results. {@code matchedSkills} are the skills the search words matched (none when
     * only the job title or bio matched); hours are minutes left this week and next.
     */
    public record Expert(String userId, String jobTitle, String bio, String councilName, int overlap,
                         List<String> matchedSkills, List<String> otherSkills, int leftThisWeek, int leftNextWeek) {
        public boolean matchedOnSkills() {
            return !matchedSkills.isEmpty();
        }
    }

    /** The outcome of a search. */
    public sealed interface Result {
        SearchQuery query();

        LocalDate weekStart();

        /** Page {@code page} (from 0) of the results; {@code more} when there is a next page. */
        record Page(SearchQuery query, LocalDate weekStart, int page, List<Expert> experts, boolean more)
                implements Result {}

        /**
         * Nobody is available for the words in the week searched. {@code otherWeekHasExperts} when someone is in
         * the other week (this or next); {@code nearbySkills} are listed skills close to the words.
         */
        record Nobody(SearchQuery query, LocalDate weekStart, boolean otherWeekHasExperts, List<String> nearbySkills)
                implements Result {}
    }

    /** The first page for the week the query names (this week, or next with {@code --next-week}). */
    public Result search(Searcher searcher, SearchQuery query) {
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        return search(searcher, query, query.nextWeek() ? thisWeek.plusWeeks(1) : thisWeek, 0);
    }

    /**
     * A page of results for a week (a More button carries the week it was for: a week that has ended since is read
     * as this week).
     */
    public Result search(Searcher searcher, SearchQuery query, LocalDate week, int page) {
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        LocalDate weekStart = week.isAfter(thisWeek) ? thisWeek.plusWeeks(1) : thisWeek;
        LocalDate otherWeek = weekStart.isAfter(thisWeek) ? thisWeek : thisWeek.plusWeeks(1);
        int wanted = (page + 1) * PAGE_SIZE + 1;
        ensureListingCurrent(thisWeek);
        return jdbi.inTransaction(handle -> {
            SkillMatcher.Lexicon lexicon = vocabulary.lexicon(handle);
            List<SkillMatcher.Match> matches = SkillMatcher.match(query.terms(), lexicon);
            List<List<String>> words = SkillMatcher.words(query.terms(), matches);
            List<Ranked> ranked = rank(handle, query.terms(), words, lexicon, searcher, weekStart, wanted);
            if (ranked.isEmpty() && page == 0) {
                SearchDao dao = handle.attach(SearchDao.class);
                recordDemand(dao, query, searcher, weekStart);
                return new Result.Nobody(query, weekStart,
                        !rank(handle, query.terms(), words, lexicon, searcher, otherWeek, 1).isEmpty(),
                        nearbySkills(dao, query, matches, lexicon.skills(), searcher));
            }
            int from = page * PAGE_SIZE;
            List<Ranked> shown = ranked.subList(Math.min(from, ranked.size()),
                    Math.min(from + PAGE_SIZE, ranked.size()));
            return new Result.Page(query, weekStart, page, experts(handle, shown, words, searcher, weekStart),
                    ranked.size() > from + PAGE_SIZE);
        });
    }

    /** The listing index is rebuilt once a new week has begun; checked once a week per instance. */
    private void ensureListingCurrent(LocalDate thisWeek) {
        if (!thisWeek.equals(listingCheckedFor)) {
            listing.ensureCurrent();
            listingCheckedFor = thisWeek;
        }
    }

    /** A specialist found in the listing index: how many search words they match, minutes left in the week. */
    record Ranked(String userId, int overlap, int leftMinutes) {}

    /**
     * Up to {@code limit} specialists with hours left in {@code week}, best first: those whose skills match all the
     * search words, then all but one, and so on, each group by hours left and then whoever was booked least
     * recently; then those whose job title or bio has the words. Each group is read from the listing index in its
     * own order and stops at the limit, so a common skill costs no more than a rare one; groups expected to be empty
     * ({@link #fillsFrom}) are read together, once.
     */
    private List<Ranked> rank(Handle handle, List<String> terms, List<List<String>> words,
                              SkillMatcher.Lexicon lexicon, Searcher searcher, LocalDate week, int limit) {
        List<Ranked> found = new ArrayList<>();
        Order order = Order.of(words, WordCounts.read(handle, words, week), lexicon);
        LocalDate today = Weeks.today(clock, zone);
        int top = order.terms().size();
        if (order.from() < top) {
            // nobody is expected above "from": read those groups and the first of "from" in one statement
            read(handle, order.band(bitsFirst), week, today, searcher, limit, found, null);
            top = order.from() - 1;
        }
        for (int overlap = top; overlap >= 1 && found.size() < limit; overlap--) {
            read(handle, order.group(overlap, bitsFirst), week, today, searcher, limit, found, overlap);
        }
        if (found.size() < limit) {
            Map<String, Object> binds = new LinkedHashMap<>();
            read(handle, new Statement(textStatement(terms, words, binds), binds), week, today, searcher, limit, found,
                    null);
        }
        return found;
    }

    /**
     * Runs a ranking statement for the places left ({@code limit} less those {@code found}) and adds what it finds;
     * {@code overlap} is the group's when the statement reads one group, else each row's {@code overlap} column.
     */
    private static void read(Handle handle, Statement statement, LocalDate week, LocalDate today, Searcher searcher,
                             int limit, List<Ranked> found, Integer overlap) {
        Map<String, Object> binds = new HashMap<>(statement.binds());
        binds.put("week", week);
        binds.put("today", today);
        binds.put("councilId", searcher.councilId());
        binds.put("limit", limit - found.size());
        Statement.Positional positional = Statement.positional(statement.sql(), binds);
        try (PreparedStatement prepared = handle.getConnection().prepareStatement(positional.sql())) {
            for (int i = 0; i < positional.values().size(); i++) {
                prepared.setObject(i + 1, positional.values().get(i));
            }
            try (ResultSet rs = prepared.executeQuery()) {
                while (rs.next()) {
                    found.add(new Ranked(rs.getString("user_id"), overlap != null ? overlap : rs.getInt("overlap"),
                            rs.getInt("left_minutes")));
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("A search statement failed: " + e.getMessage(), e, null);
        }
    }

    /**
     * How many specialists of a week each word of a search leads to, and how many have hours that week: as of the
     * index's last rebuild (a word new since counts as none).
     */
    record WordCounts(Map<String, Integer> byWord, int specialists) {
        static WordCounts read(Handle handle, List<List<String>> words, LocalDate week) {
            List<String> all = words.stream().flatMap(List::stream).distinct().toList();
            if (all.isEmpty()) {
                return new WordCounts(Map.of(), 0);
            }
            Map<String, Integer> counts = new java.util.HashMap<>();
            int[] specialists = {0};
            handle.createQuery("SELECT CAST(NULL AS VARCHAR(60)) AS word, specialists FROM listing_week_count"
                            + " WHERE week_start = :week UNION ALL SELECT word, specialists FROM listing_word_count"
                            + " WHERE week_start = :week AND word IN (<words>)")
                    .bind("week", week).bindList("words", all)
                    .map((rs, ctx) -> {
                        String word = rs.getString("word");
                        if (word == null) {
                            specialists[0] = rs.getInt("specialists");
                        } else {
                            counts.put(word, rs.getInt("specialists"));
                        }
                        return word;
                    }).list();
            return new WordCounts(counts, specialists[0]);
        }

        /** The share of the week's specialists a search word leads to (at most 1; 1 when the count is unknown). */
        double share(List<String> termWords) {
            if (specialists <= 0) {
                return 1;
            }
            return Math.min(1.0, (double) count(termWords) / specialists);
        }

        /** How many specialists a search word's words lead to, added up (0 for words new since the rebuild). */
        long count(List<String> termWords) {
            return termWords.stream().mapToLong(word -> byWord.getOrDefault(word, 0)).sum();
        }
    }

    /**
     * How the groups of a search are read: the words of the search words that matched skills, those leading to fewest
     * specialists first ({@link #shortestFirst}), {@code terms} numbering them in that order (0, 1, …), which of them
     * imply which ({@link SkillMatcher#implications}, numbered in that order), how many specialists each leads to,
     * and the overlap from which groups are read one by one ({@link #fillsFrom}). Numbered by their order, a
     * statement's parameters ({@code :w0_0}…) make the same SQL for every search of the same shape, which Jdbi then
     * parses once: parsing a new statement of a 3-skill search (5,500 characters) took 5–12 ms, more than running it.
     */
    record Order(List<List<String>> words, List<Integer> terms, int[] implies, long[] sizes, int from) {
        static Order of(List<List<String>> words, WordCounts counts, SkillMatcher.Lexicon lexicon) {
            List<List<String>> ordered = shortestFirst(words, counts).stream().map(words::get).toList();
            List<Integer> terms = IntStream.range(0, ordered.size()).boxed().toList();
            int[] implies = SkillMatcher.implications(ordered, lexicon);
            long[] sizes = ordered.stream().mapToLong(counts::count).toArray();
            return new Order(ordered, terms, implies, sizes, fillsFrom(ordered, terms, counts, implies));
        }

        /** The statement reading the group of specialists matching exactly {@code overlap} of the words. */
        Statement group(int overlap, boolean bitsFirst) {
            int read = overlap == terms.size() ? 1 : cheapestCover(terms.size() - overlap + 1, implies, sizes);
            return overlapStatement(readFirst(read, -1), terms, overlap, terms.subList(0, Integer.bitCount(read)),
                    bitsFirst);
        }

        /**
         * The statement reading the groups from all the words down to {@link #from}: whole, the ranges of the
         * cheapest words that everyone matching more than {@code from} has one of ({@link #cheapestCover}); from the
         * top, the range of the shortest word that those matching exactly {@code from} and none of those have all
         * have, when there can be such specialists.
         */
        Statement band(boolean bitsFirst) {
            int needed = terms.size() - from;
            int whole = cheapestCover(needed, implies, sizes);
            int lacking = lackedWith(whole, implies);
            int top = -1;
            if (Integer.bitCount(lacking) == needed) {
                for (int term = 0; term < terms.size() && top < 0; term++) {
                    if ((lacking & 1 << term) == 0) {
                        top = term;
                    }
                }
            }
            int wholeCount = Integer.bitCount(whole);
            return bandStatement(readFirst(whole, top), terms, from, terms.subList(0, wholeCount),
                    top < 0 ? -1 : wholeCount, bitsFirst);
        }

        /**
         * The words renumbered for a statement: those of the search words in {@code read} first, then {@code top}'s
         * (none: -1), then the others, each in search order. Statements count every word alike, so that a statement's
         * SQL depends on how many ranges it reads, not on which: fewer texts for H2 to prepare (2.5–3 ms for a band
         * statement) and for Jdbi to parse.
         */
        private List<List<String>> readFirst(int read, int top) {
            List<List<String>> renumbered = new ArrayList<>();
            for (int term : terms) {
                if ((read & 1 << term) != 0) {
                    renumbered.add(words.get(term));
                }
            }
            if (top >= 0) {
                renumbered.add(words.get(top));
            }
            for (int term : terms) {
                if ((read & 1 << term) == 0 && term != top) {
                    renumbered.add(words.get(term));
                }
            }
            return renumbered;
        }
    }

    /**
     * The search words (a set of bits numbering them) whose ranges of the listing index together lead to everyone
     * who lacks fewer than {@code needed} of the words, with fewest rows ({@code sizes}) to read: in general the
     * {@code needed} shortest, as anyone lacking fewer than that many has one of them; but one whose specialists
     * all have others too ({@code implies}) counts for them: whoever lacks "lighting" lacks "street" too when every
     * skill with "street" is a "street lighting" one, so the range of either leads to everyone with fewer than two
     * of them missing. Tried over every set: searches have at most {@link SearchQuery#MAX_TERMS} words.
     */
    static int cheapestCover(int needed, int[] implies, long[] sizes) {
        int best = 0;
        long bestRows = needed <= 0 ? 0 : Long.MAX_VALUE;
        for (int set = 1; set < 1 << implies.length && needed > 0; set++) {
            if (Integer.bitCount(lackedWith(set, implies)) < needed) {
                continue;
            }
            long rows = 0;
            for (int term = 0; term < implies.length; term++) {
                rows += (set & 1 << term) != 0 ? sizes[term] : 0;
            }
            if (rows < bestRows || rows == bestRows && Integer.bitCount(set) < Integer.bitCount(best)) {
                best = set;
                bestRows = rows;
            }
        }
        return best;
    }

    /** The search words someone lacking all of {@code set} lacks: those of the set and any implying one of them. */
    static int lackedWith(int set, int[] implies) {
        int lacked = 0;
        for (int term = 0; term < implies.length; term++) {
            if ((implies[term] & set) != 0) {
                lacked |= 1 << term;
            }
        }
        return lacked;
    }

    /** The search words that matched skills, those leading to fewest specialists in the week first. */
    static List<Integer> shortestFirst(List<List<String>> words, WordCounts counts) {
        List<Integer> terms = new ArrayList<>();
        for (int term = 0; term < words.size(); term++) {
            if (!words.get(term).isEmpty()) {
                terms.add(term);
            }
        }
        terms.sort(Comparator.comparingLong(term -> counts.count(words.get(term))));
        return terms;
    }

    /** {@link #fillsFrom(List, List, WordCounts, int[])} with no search word implying another. */
    static int fillsFrom(List<List<String>> words, List<Integer> terms, WordCounts counts) {
        return fillsFrom(words, terms, counts, IntStream.range(0, terms.size()).map(term -> 1 << term).toArray());
    }

    /**
     * The highest overlap at which anyone is expected: the largest {@code k} such that at least one specialist would
     * be expected to match {@code k} or more of {@code terms} ({@code terms.size()} when the counts are not known
     * yet), each search word held by the share of the week's specialists its words lead to: independently, except
     * search words implying one another in a chain ({@code implies}, numbered as {@code terms}: "street" and
     * "lighting", "adult" and "care"), which are held together, each by the share of its own. The groups above it
     * are expected to be empty, so {@link #rank} reads them with the first of this one in one statement
     * ({@link Order#band}) instead of one by one, each reading the shortest ranges to the end again. Other words of
     * one skill go together too, so the estimate errs low; aiming at anyone, rather than a page, keeps it from
     * reading whole ranges for groups that would have filled the page from their first rows.
     */
    static int fillsFrom(List<List<String>> words, List<Integer> terms, WordCounts counts, int[] implies) {
        int n = terms.size();
        if (counts.specialists() <= 0) {
            return n; // not counted yet: read group by group
        }
        // exactly[j]: probability of matching exactly j of the terms placed so far
        double[] exactly = {1};
        int placed = 0;
        for (int term = 0; term < n; term++) {
            if ((placed & 1 << term) != 0) {
                continue;
            }
            List<Integer> linked = new ArrayList<>(linked(term, implies));
            double[] shares = new double[implies.length];
            for (int t : linked) {
                shares[t] = counts.share(words.get(terms.get(t)));
                placed |= 1 << t;
            }
            linked.sort(Comparator.comparingDouble((Integer t) -> shares[t]).thenComparing(t -> t));
            if (isChain(linked, implies)) {
                // held together: anyone with the rarest has them all, with the next rarest all but it, and so on
                double[] held = new double[linked.size() + 1];
                for (int m = 1; m <= linked.size(); m++) {
                    double atLeastM = shares[linked.get(linked.size() - m)];
                    double atLeastMore = m < linked.size() ? shares[linked.get(linked.size() - m - 1)] : 0;
                    held[m] = atLeastM - atLeastMore;
                }
                held[0] = 1 - shares[linked.get(linked.size() - 1)];
                exactly = convolve(exactly, held);
            } else {
                for (int t : linked) {
                    exactly = convolve(exactly, new double[] {1 - shares[t], shares[t]});
                }
            }
        }
        double atLeast = 0;
        for (int k = n; k >= 1; k--) {
            atLeast += exactly[k];
            if (atLeast * counts.specialists() >= 1) {
                return k;
            }
        }
        return 1;
    }

    /** {@code term} and the search words linked to it by implications either way, directly or through others. */
    private static List<Integer> linked(int term, int[] implies) {
        int linked = 1 << term;
        for (int before = 0; before != linked; ) {
            before = linked;
            for (int other = 0; other < implies.length; other++) {
                if ((implies[other] & linked) != 0 || (lackedWith(1 << other, implies) & linked) != 0) {
                    linked |= 1 << other;
                }
            }
        }
        int all = linked;
        return IntStream.range(0, implies.length).filter(t -> (all & 1 << t) != 0).boxed().toList();
    }

    /** Whether each of {@code terms}, in order, implies the next (so all that follow it). */
    private static boolean isChain(List<Integer> terms, int[] implies) {
        for (int i = 0; i + 1 < terms.size(); i++) {
            if ((implies[terms.get(i)] & 1 << terms.get(i + 1)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The distribution of the sum of two counts, given the distribution of each. */
    private static double[] convolve(double[] one, double[] other) {
        double[] sum = new double[one.length + other.length - 1];
        for (int i = 0; i < one.length; i++) {
            for (int j = 0; j < other.length; j++) {
                sum[i + j] += one[i] * other[j];
            }
        }
        return sum;
    }

    /**
     * An SQL statement built from numbers and parameter names only, and its parameters. Run through JDBC
     * ({@link #positional}), not Jdbi: Jdbi parses each SQL text it has not seen (ANTLR), which took 3.5 ms for a
     * statement of 3,000 characters, as long as a search's own statements, and a search's statements are mostly texts
     * not seen before (their words, ranges and groups vary from search to search).
     */
    record Statement(String sql, Map<String, Object> binds) {
        /** SQL with JDBC's {@code ?} for each parameter, and the parameters' values in that order. */
        record Positional(String sql, List<Object> values) {}

        /**
         * {@code sql} with each {@code :name} outside quotes (not a {@code ::} cast) as {@code ?}, and the values
         * {@code binds} has for them, in order.
         *
         * @throws IllegalArgumentException when {@code binds} has no value for a name
         */
        static Positional positional(String sql, Map<String, Object> binds) {
            StringBuilder jdbc = new StringBuilder(sql.length());
            List<Object> values = new ArrayList<>();
            boolean quoted = false;
            for (int i = 0; i < sql.length(); i++) {
                char c = sql.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == ':' && i + 1 < sql.length() && isNameStart(sql.charAt(i + 1))
                        && (i == 0 || sql.charAt(i - 1) != ':')) {
                    int end = i + 1;
                    while (end < sql.length() && isNamePart(sql.charAt(end))) {
                        end++;
                    }
                    String name = sql.substring(i + 1, end);
                    if (!binds.containsKey(name)) {
                        throw new IllegalArgumentException("No value for :" + name);
                    }
                    values.add(binds.get(name));
                    jdbc.append('?');
                    i = end - 1;
                    continue;
                }
                jdbc.append(c);
            }
            return new Positional(jdbc.toString(), values);
        }

        private static boolean isNameStart(char c) {
            return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static boolean isNamePart(char c) {
            return isNameStart(c) || (c >= '0' && c <= '9');
        }
    }

    /**
     * Specialists whose skills match exactly {@code overlap} of the search words that matched skills ({@code terms},
     * those with fewest specialists first), in search order (most hours left in {@code :week}, least recently
     * booked, user ID), at most {@code :limit}; searchable (permission valid {@code :today}) and not of council
     * {@code :councilId}. Such a specialist lacks {@code terms.size() - overlap} of the words, so is found under one
     * of any {@code terms.size() - overlap + 1} of them, or of fewer when some imply others ({@link #cheapestCover}):
     * the ranges of the index of the words {@code read} (when all must match, the first term's alone) are read from
     * the top, each only as far as it takes to find {@code :limit} who match that many, counted in the row from the
     * words of all their skills. A row's word bits are checked first ({@link ListingIndex#bit}: a row lacking a word's
     * bit lacks the word), so that the words themselves, and whether the row is listed for the searcher
     * ({@link #listed}), are compared only in rows that may match: with {@code bitsFirst} (PostgreSQL) by counting the
     * words' bits with integer arithmetic, otherwise (H2, where that arithmetic costs as much as comparing the words)
     * by counting them with its {@code BITCOUNT} function ({@link #bitBound}).
     */
    static Statement overlapStatement(List<List<String>> words, List<Integer> terms, int overlap, List<Integer> read,
                                      boolean bitsFirst) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String gate = null;
        String condition = null;
        if (terms.size() > 1 && overlap == terms.size()) {
            // all must match: only the first (shortest) word's ranges are read, so the others are checked
            List<Integer> others = terms.subList(1, terms.size());
            condition = allOf("p", words, others, Check.WORDS, binds);
            gate = bitsFirst ? allOf("p", words, others, Check.BITS, binds)
                    : bitBound(words, terms, binds) + " >= " + overlap;
        } else if (terms.size() > 1) {
            gate = (bitsFirst ? overlapExpression("p", words, terms, Check.BITS, binds) : bitBound(words, terms, binds))
                    + " >= " + overlap;
            condition = overlapExpression("p", words, terms, Check.WORDS, binds) + " = " + overlap;
        }
        String listed = listed(gate, condition);
        List<String> ranges = new ArrayList<>();
        for (int term : read) {
            for (int k = 0; k < words.get(term).size(); k++) {
                binds.put("w" + term + "_" + k, words.get(term).get(k));
                // word and week_start lead the ORDER BY (constant here) so that H2, like PostgreSQL, reads the
                // index in order and stops at the limit
                ranges.add("(SELECT p.user_id, p.left_minutes, p.last_booked_at FROM listing_word p"
                        + " WHERE p.word = :w" + term + "_" + k + " AND p.week_start = :week AND " + listed
                        + " ORDER BY p.word, p.week_start, p.left_minutes DESC, p.last_booked_at, p.user_id"
                        + " LIMIT :limit)");
            }
        }
        return new Statement("SELECT DISTINCT r.user_id, r.left_minutes, r.last_booked_at"
                + " FROM (" + String.join(" UNION ALL ", ranges) + ") r"
                + " ORDER BY r.left_minutes DESC, r.last_booked_at, r.user_id LIMIT :limit", binds);
    }

    /**
     * Specialists matching {@code from} or more of the search words that matched skills ({@code terms}, those with
     * fewest specialists first), with their {@code overlap}, best first (most words, then search order), at most
     * {@code :limit}: the groups from {@code terms.size()} down to {@code from} of {@link #overlapStatement} at once.
     * Those matching more than {@code from} words are all under the words {@code whole} (in general the
     * {@code terms.size() - from} shortest: {@link Order#band}), whose ranges are read to the end, once; those matching
     * exactly {@code from} and none of those words have word {@code top} (none: -1), whose ranges are read, as
     * {@link #overlapStatement} reads them, only as far as the first {@code :limit} matching exactly {@code from}.
     * Filters (and checks bits first) as {@link #overlapStatement}.
     */
    static Statement bandStatement(List<List<String>> words, List<Integer> terms, int from, List<Integer> whole,
                                   int top, boolean bitsFirst) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String gate = (bitsFirst ? overlapExpression("p", words, terms, Check.BITS, binds)
                : bitBound(words, terms, binds)) + " >= " + from;
        String overlap = overlapExpression("p", words, terms, Check.WORDS, binds);
        List<String> ranges = new ArrayList<>();
        List<Integer> read = new ArrayList<>(whole);
        if (top >= 0) {
            read.add(top);
        }
        for (int term : read) {
            boolean isWhole = term != top;
            for (int k = 0; k < words.get(term).size(); k++) {
                binds.put("w" + term + "_" + k, words.get(term).get(k));
                String range = "SELECT p.user_id, p.left_minutes, p.last_booked_at, " + overlap + " AS overlap"
                        + " FROM listing_word p WHERE p.word = :w" + term + "_" + k + " AND p.week_start = :week"
                        + " AND " + listed(gate, overlap + (isWhole ? " >= " : " = ") + from);
                ranges.add(isWhole ? range : "(" + range + " ORDER BY p.word, p.week_start, p.left_minutes DESC,"
                        + " p.last_booked_at, p.user_id LIMIT :limit)");
            }
        }
        return new Statement("SELECT DISTINCT r.user_id, r.overlap, r.left_minutes, r.last_booked_at"
                + " FROM (" + String.join(" UNION ALL ", ranges) + ") r"
                + " ORDER BY r.overlap DESC, r.left_minutes DESC, r.last_booked_at, r.user_id LIMIT :limit", binds);
    }

    /**
     * At most how many of {@code terms} a row may match, judged by its word bits alone, as SQL for H2 (its
     * {@code BITCOUNT} and {@code BITAND} functions, which PostgreSQL does not have): a row matching a term has one of
     * the bits of the term's words, so it matches at most as many terms as it has of their bits, each bit counted as
     * many times as there are terms whose words have it (words of different terms can share a bit). Compared with the
     * overlap a statement looks for, it rules out nearly every row before its words are compared: in a range, a
     * row's other words set a few of the search words' bits by chance, seldom as many as that overlap needs. It
     * replaced a check that a row has one of the bits of the few other words it must have one of: the band statements
     * of 40 3-skill rare searches at 100,000 profiles took 30 % less time on H2 (paired runs: 586–760 → 407–500 ms).
     */
    private static String bitBound(List<List<String>> words, List<Integer> terms, Map<String, Object> binds) {
        Map<Long, Integer> termsWithBit = new HashMap<>();
        for (int term : terms) {
            for (long bit : ListingIndex.bits(words.get(term))) {
                termsWithBit.merge(bit, 1, Integer::sum);
            }
        }
        SortedMap<Integer, Long> masks = new TreeMap<>();
        termsWithBit.forEach((bit, count) -> masks.merge(count, bit, (a, b) -> a | b));
        List<String> counted = new ArrayList<>();
        masks.forEach((times, mask) -> {
            binds.put("c" + times, mask);
            counted.add((times == 1 ? "" : times + " * ") + "BITCOUNT(BITAND(p.word_bits, CAST(:c" + times
                    + " AS BIGINT)))");
        });
        return "(" + String.join(" + ", counted) + ")";
    }

    /**
     * That a row of the index is listed for the searcher (not of council {@code :councilId}, permission valid
     * {@code :today}) and meets {@code condition} (null: no more), as SQL; all of it checked only in rows that pass
     * {@code gate} (null: every row), a test of the row's word bits that rules out nearly every row. Both databases
     * order the conditions of a WHERE by their cost, cheapest first, so without the gate around them the listing's
     * two comparisons ran in every row of a range before its bits were looked at: on H2 they cost nearly as much as
     * the bits themselves (about 110 against 130 ns a row, in ranges of 4,300 rows of an in-memory table). Behind the
     * gate, H2's 3-skill rare searches at 100,000 profiles took 13–18 % less time (p50 3.9 against 4.5 ms and 3.3
     * against 4.0 ms, each search run both ways in turn); PostgreSQL's did not change (0.96–1.01).
     */
    private static String listed(String gate, String condition) {
        String listed = "p.council_id <> :councilId AND p.expires_on > :today"
                + (condition == null ? "" : " AND " + condition);
        return gate == null ? listed : "CASE WHEN " + gate + " THEN " + listed + " ELSE FALSE END";
    }

    /**
     * How a row is checked for a search word: by its words (exact), or by its word bits (a row with a word has its
     * bit; a row with the bit may still lack the word, whose bit another word shares).
     */
    enum Check { WORDS, BITS }

    /**
     * How many of {@code terms} a row's {@code words} column (all the words of a specialist's skills, " gis python ")
     * has one of the words of, as SQL (checked by {@code check}: by bits, at least that many); its parameters go to
     * {@code binds}.
     */
    private static String overlapExpression(String row, List<List<String>> words, List<Integer> terms, Check check,
                                            Map<String, Object> binds) {
        return "(" + terms.stream().map(term -> "CASE WHEN " + has(row, words, term, check, binds) + " THEN 1 ELSE 0 END")
                .collect(Collectors.joining(" + ")) + ")";
    }

    /** That a row has one of the words of every one of {@code terms}, shortest list first. */
    private static String allOf(String row, List<List<String>> words, List<Integer> terms, Check check,
                                Map<String, Object> binds) {
        return terms.stream().map(term -> has(row, words, term, check, binds)).collect(Collectors.joining(" AND "));
    }

    /**
     * That a row has one of the words search word {@code term} matched, as SQL: found in its {@code words}, or (by
     * bits) one of their bits set in its {@code word_bits}, by integer arithmetic that H2 and PostgreSQL share.
     */
    private static String has(String row, List<List<String>> words, int term, Check check, Map<String, Object> binds) {
        List<String> any = new ArrayList<>();
        if (check == Check.BITS) {
            List<Long> bits = ListingIndex.bits(words.get(term));
            for (int k = 0; k < bits.size(); k++) {
                binds.put("b" + term + "_" + k, bits.get(k));
                any.add("MOD(" + row + ".word_bits / :b" + term + "_" + k + ", 2) = 1");
            }
        } else {
            for (int k = 0; k < words.get(term).size(); k++) {
                binds.put("m" + term + "_" + k, " " + words.get(term).get(k) + " ");
                any.add("POSITION(:m" + term + "_" + k + " IN " + row + ".words) > 0");
            }
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    /**
     * Specialists without a matched skill whose job title or bio contains the search words (a word of 4+ letters
     * anywhere, a shorter one at the start of a word), most words first, then in search order. This scans the
     * profiles, so it runs only when skill matches do not fill the page.
     */
    static String textStatement(List<String> terms, List<List<String>> words, Map<String, Object> binds) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            binds.put("t" + i, term.length() >= 4 ? "%" + term + "%" : "% " + term + "%");
            conditions.add("t.text LIKE :t" + i);
        }
        String score = conditions.stream().map(condition -> "CASE WHEN " + condition + " THEN 1 ELSE 0 END")
                .collect(Collectors.joining(" + "));
        List<Integer> matched = new ArrayList<>();
        for (int term = 0; term < words.size(); term++) {
            if (!words.get(term).isEmpty()) {
                matched.add(term);
            }
        }
        String withoutSkillMatch = matched.isEmpty() ? ""
                : " AND " + overlapExpression("t", words, matched, Check.WORDS, binds) + " = 0";
        return "SELECT t.user_id, " + score + " AS overlap, t.left_minutes FROM (SELECT s.user_id, l.left_minutes,"
                + " l.last_booked_at, l.words, ' ' || LOWER(REPLACE(s.job_title || ' ' || s.bio, CHR(10), ' ')) AS text"
                + " FROM specialist s JOIN listing_week l ON l.user_id = s.user_id AND l.week_start = :week"
                + " AND l.council_id <> :councilId AND l.expires_on > :today) t"
                + " WHERE (" + String.join(" OR ", conditions) + ")" + withoutSkillMatch
                + " ORDER BY " + score + " DESC, t.left_minutes DESC, t.last_booked_at, t.user_id LIMIT :limit";
    }

    /**
     * The specialists on a page as they are now: their profile and hours read from the tables the listing index is
     * built from, so that what a member sees is never stale; one no longer listed, or without hours left in the week
     * searched, is left out.
     */
    private List<Expert> experts(Handle handle, List<Ranked> rows, List<List<String>> words, Searcher searcher,
                                 LocalDate weekStart) {
        if (rows.isEmpty()) {
            return List.of();
        }
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        boolean nextWeek = weekStart.isAfter(thisWeek);
        List<String> ids = rows.stream().map(Ranked::userId).toList();
        Map<String, SearchDao.Listed> listed = new HashMap<>();
        Map<String, List<SearchDao.SkillOf>> skills = new HashMap<>();
        // one row a skill of each, in display order: one statement instead of one for the profiles and one for the
        // skills (0.3–0.9 against 0.7–2.4 ms on H2 at 100,000 profiles)
        handle.createQuery("SELECT l.user_id, l.job_title, l.bio, l.council_name, "
                        + ListingIndex.leftMinutes("l", "tw", ":thisWeek") + " AS left_this_week, "
                        + ListingIndex.leftMinutes("l", "nw", ":nextWeek") + " AS left_next_week,"
                        + " k.id AS skill_id, k.name AS skill_name, k.display_name AS skill_display_name"
                        // joined from the specialists by their key, so that H2 reads the view for them alone
                        + " FROM specialist s JOIN specialist_listing l ON l.user_id = s.user_id"
                        + " LEFT JOIN specialist_week tw ON tw.user_id = l.user_id AND tw.week_start = :thisWeek"
                        + " LEFT JOIN specialist_week nw ON nw.user_id = l.user_id AND nw.week_start = :nextWeek"
                        + " JOIN specialist_skill ss ON ss.user_id = s.user_id JOIN skill k ON k.id = ss.skill_id"
                        + " WHERE s.user_id IN (<ids>) AND l.permission_expires_on > :today"
                        + " AND l.council_id <> :councilId ORDER BY k.display_name, k.id")
                .bindList("ids", ids).bind("thisWeek", thisWeek).bind("nextWeek", thisWeek.plusWeeks(1))
                .bind("today", Weeks.today(clock, zone)).bind("councilId", searcher.councilId())
                .map((rs, ctx) -> new ListedSkill(new SearchDao.Listed(rs.getString("user_id"),
                        rs.getString("job_title"), rs.getString("bio"), rs.getString("council_name"),
                        rs.getInt("left_this_week"), rs.getInt("left_next_week")), new SearchDao.SkillOf(
                        rs.getString("user_id"), rs.getLong("skill_id"), rs.getString("skill_name"),
                        rs.getString("skill_display_name"))))
                .forEach(row -> {
                    listed.putIfAbsent(row.listed().userId(), row.listed());
                    skills.computeIfAbsent(row.listed().userId(), id -> new ArrayList<>()).add(row.skill());
                });
        Set<String> matchedWords = words.stream().flatMap(List::stream).collect(Collectors.toSet());
        List<Expert> experts = new ArrayList<>();
        for (Ranked row : rows) {
            SearchDao.Listed now = listed.get(row.userId());
            if (now == null || (nextWeek ? now.leftNextWeek() : now.leftThisWeek()) <= 0) {
                continue;
            }
            List<SearchDao.SkillOf> theirs = skills.getOrDefault(row.userId(), List.of());
            java.util.function.Predicate<SearchDao.SkillOf> matched = skill -> ListingIndex.words(skill.name())
                    .stream().anyMatch(matchedWords::contains);
            experts.add(new Expert(row.userId(), now.jobTitle(), now.bio(), now.councilName(), row.overlap(),
                    theirs.stream().filter(matched).map(SearchDao.SkillOf::displayName).toList(),
                    theirs.stream().filter(matched.negate()).map(SearchDao.SkillOf::displayName).toList(),
                    now.leftThisWeek(), now.leftNextWeek()));
        }
        return experts;
    }

    /** A row of {@link #experts}' statement: a specialist as listed now, and one of their skills. */
    private record ListedSkill(SearchDao.Listed listed, SearchDao.SkillOf skill) {}

    /** Nobody available: the words are recorded as unmet demand, once per member and week. */
    private void recordDemand(SearchDao dao, SearchQuery query, Searcher searcher, LocalDate weekStart) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (String term : query.terms()) {
            dao.recordDemand(term, weekStart, searcher.userId(), now);
        }
    }

    private List<String> nearbySkills(SearchDao dao, SearchQuery query, List<SkillMatcher.Match> matches,
                                      List<SkillMatcher.Skill> skills, Searcher searcher) {
        Set<Long> matched = new HashSet<>(matches.stream().map(match -> match.skill().id()).toList());
        List<SkillMatcher.Skill> near = SkillMatcher.nearby(query.terms(), skills, matched);
        if (near.isEmpty()) {
            return List.of();
        }
        List<SkillMatcher.Skill> considered = near.subList(0, Math.min(50, near.size()));
        Map<Long, Integer> listed = dao.listings(considered.stream().map(SkillMatcher.Skill::id).toList(),
                        Weeks.today(clock, zone), searcher.councilId()).stream()
                .collect(Collectors.toMap(SearchDao.SkillListings::skillId, SearchDao.SkillListings::specialists));
        return considered.stream().filter(skill -> listed.getOrDefault(skill.id(), 0) > 0)
                .limit(SkillMatcher.NEARBY_LIMIT).map(SkillMatcher.Skill::displayName).toList();
    }

    /** Unmet demand over the last {@code weeks} weeks (this week and the ones before), most searched first. */
    public List<SearchDao.DemandRow> demand(int weeks) {
        OffsetDateTime since = Weeks.startOf(Weeks.thisWeek(clock, zone).minusWeeks(weeks - 1L), zone)
                .atOffset(java.time.ZoneOffset.UTC);
        return jdbi.withExtension(SearchDao.class, dao -> dao.demand(since, DEMAND_LIMIT));
    }
}
