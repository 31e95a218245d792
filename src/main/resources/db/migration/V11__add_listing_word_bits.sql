-- A filter for search's listing index (V10, issue 9): every word of the skill vocabulary sets one of 63 bits,
-- chosen by the word's hash in Java (availability's ListingIndex.bit), and a row of the index carries the bits
-- of all its specialist's words. Search counts the search words a row may match with integer arithmetic on
-- the bits (a few times cheaper than comparing text) and compares the words themselves only for the rows that
-- may match enough of them. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL. Depends on V10.

-- The index is derived data: emptied here and rebuilt by the first search (or the weekly reset) after this
-- migration, with the words of every skill (ListingIndex gives words to skills that have none).
DELETE FROM listing_word;
DELETE FROM listing_week;
DELETE FROM listing_word_count;
DELETE FROM skill_word;
UPDATE listing_index SET this_week = NULL, rebuilt_at = NULL;

-- The word's bit (a power of two from 2^0 to 2^62).
ALTER TABLE skill_word ADD COLUMN bit BIGINT NOT NULL;
-- The bits of all the specialist's words (the sum of their distinct bits).
ALTER TABLE listing_week ADD COLUMN word_bits BIGINT NOT NULL;
ALTER TABLE listing_word ADD COLUMN word_bits BIGINT NOT NULL;

DROP INDEX listing_word_ranked;
-- As in V10, with the bits before the words, so that PostgreSQL still answers a search from the index alone.
CREATE INDEX listing_word_ranked ON listing_word (word, week_start, left_minutes DESC, last_booked_at, user_id,
    council_id, expires_on, word_bits, words);

-- How many specialists have hours in each week, as of the last rebuild (with listing_word_count: the share of
-- them a word leads to, from which search estimates how many match several words).
CREATE TABLE listing_week_count (
    week_start  DATE    NOT NULL PRIMARY KEY,
    specialists INTEGER NOT NULL
);
