-- Tierblog schema, version 1: users and their posts.

CREATE TABLE users (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username text   NOT NULL UNIQUE,
    password text   NOT NULL
);

CREATE TABLE posts (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    author_id bigint      NOT NULL REFERENCES users (id),
    created   timestamptz NOT NULL DEFAULT now(),
    title     text        NOT NULL,
    body      text        NOT NULL
);

-- The index page reads newest first and pages by keyset on (created, id).
CREATE INDEX posts_created_id_idx ON posts (created DESC, id DESC);

-- Foreign keys are not indexed by PostgreSQL on their own: looking up or deleting a user's posts needs it.
CREATE INDEX posts_author_id_idx ON posts (author_id);
