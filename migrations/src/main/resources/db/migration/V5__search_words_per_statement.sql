-- Tierblog schema, version 5: search data that can be asked for recent posts only, and the word
-- list (V4) kept once per statement instead of once per row.

-- Each post's search data also holds the bucket of its id ('id bucket ' and id / 32768: a lexeme
-- no text parser makes, since a parser never keeps a space in a word). A search that wants the most recently stored
-- matches asks the GIN index for the query AND one of the newest buckets, so the index alone
-- narrows the matches to recent posts before any row is read (PostgresPostSearch). Title and body
-- are weighted and parsed as in version 3; the bucket lexeme has no position and weight D.
ALTER TABLE posts DROP COLUMN search;
ALTER TABLE posts
    ADD COLUMN search tsvector NOT NULL GENERATED ALWAYS AS (
        setweight(to_tsvector(CASE language WHEN 'da' THEN 'pg_catalog.danish'::regconfig
                                            ELSE 'pg_catalog.english'::regconfig END, title), 'A')
        || setweight(to_tsvector(CASE language WHEN 'da' THEN 'pg_catalog.danish'::regconfig
                                               ELSE 'pg_catalog.english'::regconfig END, body), 'B')
        || array_to_tsvector(ARRAY['id bucket ' || (id / 32768)::text])
    ) STORED;

CREATE INDEX posts_search_idx ON posts USING gin (search);

-- The word list. Why per statement: a row trigger updated the same rows of search_words (the words most posts share) once for
-- every post a statement wrote. Inside one transaction none of those row versions can be pruned,
-- so each update walked a longer chain than the last: a bulk import of 9,000 posts took more than
-- ten minutes, and one of a million could not finish. Counted per statement from the transition
-- tables, each word's row is written once per statement, however many posts the statement wrote.
-- A single post written by the app costs what it did.

DROP TRIGGER IF EXISTS posts_search_words ON posts;
DROP FUNCTION IF EXISTS search_words_follow_posts();

-- What one statement changes in the word list: for each word of a language, how many posts more
-- (or fewer) use it.
CREATE TYPE search_word_change AS (language text, word text, posts integer);

-- The function names its tables without a schema: it runs with the search path it was created
-- with, whatever the writing client's is.
CREATE FUNCTION search_words_follow_posts() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
DECLARE
    changes search_word_change[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(ROW(language, word, posts)::search_word_change) INTO changes
        FROM (SELECT n.language, w AS word, count(*)::integer AS posts
              FROM new_posts n, post_words(n.title, n.body) AS w
              GROUP BY n.language, w) AS came;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(ROW(language, word, -posts)::search_word_change) INTO changes
        FROM (SELECT o.language, w AS word, count(*)::integer AS posts
              FROM old_posts o, post_words(o.title, o.body) AS w
              GROUP BY o.language, w) AS gone;
    ELSE
        -- Only the rows whose words or language changed; other updates leave the list alone.
        SELECT array_agg(ROW(language, word, posts)::search_word_change) INTO changes
        FROM (SELECT language, word, sum(posts)::integer AS posts
              FROM (SELECT n.language, w AS word, 1 AS posts
                    FROM old_posts o JOIN new_posts n ON n.id = o.id, post_words(n.title, n.body) AS w
                    WHERE (o.title, o.body, o.language) IS DISTINCT FROM (n.title, n.body, n.language)
                    UNION ALL
                    SELECT o.language, w, -1
                    FROM old_posts o JOIN new_posts n ON n.id = o.id, post_words(o.title, o.body) AS w
                    WHERE (o.title, o.body, o.language) IS DISTINCT FROM (n.title, n.body, n.language)) AS both_ways
              GROUP BY language, word
              HAVING sum(posts) <> 0) AS net;
    END IF;
    IF changes IS NULL THEN
        RETURN NULL;
    END IF;
    -- Every existing row this statement changes is locked first, in (language, word) order, and
    -- new words are inserted in the same order, so two writers never wait on each other in
    -- opposite orders. Then a word no post uses any more goes, and the others count anew.
    PERFORM 1 FROM search_words s JOIN unnest(changes) AS c ON s.language = c.language AND s.word = c.word
    ORDER BY s.language, s.word
    FOR UPDATE OF s;
    DELETE FROM search_words s USING unnest(changes) AS c
    WHERE c.posts < 0 AND s.language = c.language AND s.word = c.word AND s.posts + c.posts <= 0;
    UPDATE search_words s SET posts = s.posts + c.posts
    FROM unnest(changes) AS c
    WHERE c.posts < 0 AND s.language = c.language AND s.word = c.word;
    INSERT INTO search_words AS s (language, word, posts)
    SELECT c.language, c.word, c.posts FROM unnest(changes) AS c
    WHERE c.posts > 0
    ORDER BY c.language, c.word
    ON CONFLICT (language, word) DO UPDATE SET posts = s.posts + excluded.posts;
    RETURN NULL;
END
$$;

-- A trigger with transition tables names one event and no columns.
CREATE TRIGGER posts_search_words_insert
    AFTER INSERT ON posts REFERENCING NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION search_words_follow_posts();

CREATE TRIGGER posts_search_words_update
    AFTER UPDATE ON posts REFERENCING OLD TABLE AS old_posts NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION search_words_follow_posts();

CREATE TRIGGER posts_search_words_delete
    AFTER DELETE ON posts REFERENCING OLD TABLE AS old_posts
    FOR EACH STATEMENT EXECUTE FUNCTION search_words_follow_posts();

-- Emptying posts empties the word list (V4), whatever the truncating client's search path.
ALTER FUNCTION search_words_truncate() SET search_path FROM CURRENT;
