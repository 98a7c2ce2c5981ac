-- Tierblog schema, version 4: the words the posts use, per language, for "did you mean"
-- suggestions when a search finds nothing. Kept by PostgreSQL itself as posts change, like the
-- search column, so rows written by any client count at once.

-- pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's owner may create it.
-- An extension exists once per database, so it goes into public, which every schema can name.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE TABLE search_words (
    language text    NOT NULL CHECK (language IN ('en', 'da')),
    word     text    NOT NULL CHECK (length(word) BETWEEN 3 AND 40),
    posts    integer NOT NULL CHECK (posts > 0),
    PRIMARY KEY (language, word)
);

-- Trigram similarity search over the words: word % 'typed', ordered by similarity.
CREATE INDEX search_words_word_trgm_idx ON search_words USING gin (word public.gin_trgm_ops);

-- The distinct words of a post as a reader types them: lower case letters and digits, 3 to 40
-- characters (shorter ones make poor suggestions, longer ones are not words).
CREATE FUNCTION post_words(title text, body text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT DISTINCT w
    FROM regexp_split_to_table(lower(title || ' ' || body), '[^[:alnum:]]+') AS w
    WHERE length(w) BETWEEN 3 AND 40
$$;

CREATE FUNCTION search_words_follow_posts() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        -- A word only this post used goes; the others count one post fewer.
        DELETE FROM search_words s
        USING post_words(OLD.title, OLD.body) AS w
        WHERE s.language = OLD.language AND s.word = w AND s.posts = 1;
        UPDATE search_words s SET posts = s.posts - 1
        FROM post_words(OLD.title, OLD.body) AS w
        WHERE s.language = OLD.language AND s.word = w;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO search_words AS s (language, word, posts)
        SELECT NEW.language, w, 1 FROM post_words(NEW.title, NEW.body) AS w
        ORDER BY w
        ON CONFLICT (language, word) DO UPDATE SET posts = s.posts + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER posts_search_words
    AFTER INSERT OR DELETE OR UPDATE OF title, body, language ON posts
    FOR EACH ROW EXECUTE FUNCTION search_words_follow_posts();

-- TRUNCATE fires no row triggers: emptying posts empties the word list with it.
CREATE FUNCTION search_words_truncate() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    TRUNCATE search_words;
    RETURN NULL;
END
$$;

CREATE TRIGGER posts_truncate_search_words
    AFTER TRUNCATE ON posts
    FOR EACH STATEMENT EXECUTE FUNCTION search_words_truncate();

-- The posts already written.
INSERT INTO search_words (language, word, posts)
SELECT p.language, w, count(*) FROM posts p, post_words(p.title, p.body) AS w GROUP BY p.language, w;
