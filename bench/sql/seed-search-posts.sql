-- Adds posts number :first..:last (psql variables) for the search benchmark: the generator's
-- titles, bodies and authors (sql/generator.sql), written as a blog grows: post r is written 61
-- seconds after post r - 1, so each growth step adds newer posts and ids follow the time of
-- writing, as the app stores them. Words are added to a fixed share of them so that each query the
-- benchmark makes has a known number of matches at every size:
--   "zephyr"           in 5% of the posts (r % 20 = 7);
--   "northern lights"  as a phrase in 1% (r % 100 = 11), and each word alone in another 1%
--                      (r % 100 = 12 and 13), so the phrase is not the same as both words;
--   "quokka"           in exactly ten posts at each size, spread over the whole table
--                      (search.py moves it at each size, see sql/rare-term.sql).
-- The generator's own vocabulary is in most posts, so it makes no query with few matches.
SET TimeZone = 'UTC';

INSERT INTO posts (author_id, created, title, body)
SELECT u.id, timestamptz '2020-01-01 00:00:00+00' + r * interval '61 seconds', t.text,
       b.text || CASE WHEN r % 20 = 7 THEN E'\n\nA zephyr came through the open window.' ELSE '' END
              || CASE r % 100 WHEN 11 THEN E'\n\nWe watched the northern lights until late.'
                              WHEN 12 THEN E'\n\nThe northern road was closed.'
                              WHEN 13 THEN E'\n\nThe lights of the harbour went out.'
                              ELSE '' END
FROM generate_series(:first::bigint, :last::bigint) AS r
JOIN bench.title AS t ON t.n = bench.title_of(r)
JOIN bench.body AS b ON b.n = bench.body_of(r)
JOIN users AS u ON u.username = bench.author(r)
ORDER BY r;
