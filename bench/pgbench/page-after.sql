-- A deeper page of the index through the keyset cursor: PostRowRepository.PAGE_AFTER_SQL, the
-- cursor given as pgbench variables (-D created=... -D id=...). A test in persistence-postgres
-- keeps this text equal to the application's.
SELECT p.id, p.author_id, u.username AS author_username, p.created, p.title, p.body
FROM posts p JOIN users u ON u.id = p.author_id
WHERE (p.created, p.id) < (:created, :id)
ORDER BY p.created DESC, p.id DESC LIMIT 21;
