-- The listing index search ranks on (issue 9: search at 100,000 profiles). Derived data only, kept by
-- availability's ListingIndex in the transaction of every change to what it is derived from, and rebuilt
-- whole for each new week: it can always be rebuilt from the tables of V4 and V7. Runs unchanged on H2
-- (PostgreSQL mode) and PostgreSQL. Depends on V4.

-- The words of each skill's normalised name ("planning enforcement" -> planning, enforcement): search words
-- are matched against words, so a word matching many skills is still one list to read.
CREATE TABLE skill_word (
    skill_id BIGINT      NOT NULL REFERENCES skill (id) ON DELETE CASCADE,
    word     VARCHAR(60) NOT NULL,
    PRIMARY KEY (skill_id, word)
);
CREATE INDEX skill_word_by_word ON skill_word (word, skill_id);

-- One row per searchable specialist (a row of specialist_listing) and week with hours left that week, for
-- this week and next: the minutes left, when they were last booked (requests and accepted bookings; the
-- start of 1970 when never, so that they come first), what search filters on (the council, and the
-- permission's expiry, compared with today when searching) and the words of all their skills, space-separated
-- with a space at each end (" gis python "), for counting in the row itself how many search words they match.
CREATE TABLE listing_week (
    user_id        VARCHAR(32) NOT NULL REFERENCES specialist (user_id) ON DELETE CASCADE,
    week_start     DATE        NOT NULL,
    council_id     BIGINT      NOT NULL,
    expires_on     DATE        NOT NULL,
    left_minutes   INTEGER     NOT NULL,
    last_booked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    words          VARCHAR(2000) NOT NULL,
    PRIMARY KEY (user_id, week_start)
);

-- listing_week once for every word of the specialist's skills, in search order within a word and week (most
-- hours left, least recently booked, user ID): the first page of a word is the first rows of its range.
CREATE TABLE listing_word (
    word           VARCHAR(60) NOT NULL,
    week_start     DATE        NOT NULL,
    left_minutes   INTEGER     NOT NULL,
    last_booked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    user_id        VARCHAR(32) NOT NULL REFERENCES specialist (user_id) ON DELETE CASCADE,
    council_id     BIGINT      NOT NULL,
    expires_on     DATE        NOT NULL,
    words          VARCHAR(2000) NOT NULL,
    PRIMARY KEY (user_id, week_start, word)
);
-- The columns after user_id do not change the order: they let PostgreSQL answer a search from the index alone.
CREATE INDEX listing_word_ranked ON listing_word (word, week_start, left_minutes DESC, last_booked_at, user_id,
    council_id, expires_on, words);

-- How many specialists each word of the index leads to in each week, as of the last rebuild: search walks
-- the words with fewest specialists first. An estimate between rebuilds (changes do not update it).
CREATE TABLE listing_word_count (
    word        VARCHAR(60) NOT NULL,
    week_start  DATE        NOT NULL,
    specialists INTEGER     NOT NULL,
    PRIMARY KEY (word, week_start)
);

-- The week the index was last rebuilt for (one row): a new week rebuilds it before it is searched.
CREATE TABLE listing_index (
    id         INTEGER PRIMARY KEY,
    this_week  DATE,
    rebuilt_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT listing_index_one_row CHECK (id = 1)
);
INSERT INTO listing_index (id, this_week, rebuilt_at) VALUES (1, NULL, NULL);
