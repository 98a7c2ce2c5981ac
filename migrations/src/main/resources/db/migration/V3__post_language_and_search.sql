-- Tierblog schema, version 3: each post's language, and the full-text search data PostgreSQL
-- keeps for it.

-- The codes and configurations are the domain's Language enum; existing posts become English.
ALTER TABLE posts
    ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'da'));

-- What search matches: the title weighted 'A' above the body 'B', each parsed with the post's
-- own language's stemmer and stop words. A generated column, so a row written by any client, a
-- restore or a SQL import is searchable at once. to_tsvector(regconfig, text) is immutable only
-- with the configuration given as a regconfig: the CASE yields constants cast to regconfig (by
-- schema-qualified name, so no search_path is consulted), never a text converted at run time.
ALTER TABLE posts
    ADD COLUMN search tsvector NOT NULL GENERATED ALWAYS AS (
        setweight(to_tsvector(CASE language WHEN 'da' THEN 'pg_catalog.danish'::regconfig
                                            ELSE 'pg_catalog.english'::regconfig END, title), 'A')
        || setweight(to_tsvector(CASE language WHEN 'da' THEN 'pg_catalog.danish'::regconfig
                                               ELSE 'pg_catalog.english'::regconfig END, body), 'B')
    ) STORED;

CREATE INDEX posts_search_idx ON posts USING gin (search);
