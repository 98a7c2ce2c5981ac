-- Puts "quokka" in exactly ten posts of the :size posts there are (psql variable), spread over
-- the table (the posts written size/20, 3·size/20, ..., 19·size/20 posts after the first), after
-- taking it out of the posts that held it at the previous size.
SET TimeZone = 'UTC';

UPDATE posts SET body = replace(body, E'\n\nA quokka smiled at the camera.', '')
WHERE search @@ to_tsquery('english', 'quokka');

UPDATE posts SET body = body || E'\n\nA quokka smiled at the camera.'
WHERE created IN (SELECT timestamptz '2020-01-01 00:00:00+00' + ((2 * k + 1) * :size::bigint / 20) * interval '61 seconds'
                  FROM generate_series(0, 9) AS k);
