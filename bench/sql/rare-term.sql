-- Puts "quokka" in exactly ten posts of the :size posts there are (psql variable), spread over
-- the table (post numbers size/20, 3·size/20, ..., 19·size/20), after taking it out of the posts
-- that held it at the previous size.
SET TimeZone = 'UTC';

UPDATE posts SET body = replace(body, E'\n\nA quokka smiled at the camera.', '')
WHERE search @@ to_tsquery('english', 'quokka');

UPDATE posts SET body = body || E'\n\nA quokka smiled at the camera.'
WHERE created IN (SELECT bench.created((2 * k + 1) * :size::bigint / 20) FROM generate_series(0, 9) AS k);
