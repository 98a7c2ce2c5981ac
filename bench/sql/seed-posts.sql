-- Adds posts number :first..:last (psql variables) from the generator, oldest first. The
-- session's time zone is UTC so that the flaskr peer's "timestamp" column gets the same UTC
-- wall-clock time that Tierblog's "timestamptz" column stores.
SET TimeZone = 'UTC';

INSERT INTO posts (author_id, created, title, body)
SELECT u.id, bench.created(r), t.text, b.text
FROM generate_series(:first::bigint, :last::bigint) AS r
JOIN bench.title AS t ON t.n = bench.title_of(r)
JOIN bench.body AS b ON b.n = bench.body_of(r)
JOIN users AS u ON u.username = bench.author(r)
ORDER BY r DESC;
