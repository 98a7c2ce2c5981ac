-- Tierblog schema, version 6: a revision for each post that changes whenever its row does,
-- whoever changes it (the app, another instance, psql, a restore), so a copy of a post kept by a
-- web instance can be checked against the row: same id and revision, same post.

-- Revisions come from one sequence, so no two versions of any posts share a (id, revision) pair,
-- not even a post deleted and inserted again under its old id. Not owned by the column: TRUNCATE
-- ... RESTART IDENTITY leaves it alone, and revisions are never handed out twice.
CREATE SEQUENCE post_revisions;

-- The posts already written keep revision 0 (no table rewrite): each is its id's only row.
ALTER TABLE posts ADD COLUMN revision bigint NOT NULL DEFAULT 0;

-- Every insert and every update takes a new revision, whatever the statement set it to. The
-- sequence is named with the schema of the table the trigger fires on, so no search_path is
-- consulted at run time.
CREATE FUNCTION posts_next_revision() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.revision := nextval(format('%I.post_revisions', TG_TABLE_SCHEMA));
    RETURN NEW;
END
$$;

CREATE TRIGGER posts_revision
    BEFORE INSERT OR UPDATE ON posts
    FOR EACH ROW EXECUTE FUNCTION posts_next_revision();
