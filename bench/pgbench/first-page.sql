-- The index's first page as Tierblog reads it: PostRowRepository.FIRST_PAGE_SQL with the page
-- size plus one (the look-ahead that tells whether an older page exists). A test in
-- persistence-postgres keeps this text equal to the application's.
SELECT p.id, p.author_id, u.username AS author_username, p.created, p.title, p.body
FROM posts p JOIN users u ON u.id = p.author_id
ORDER BY p.created DESC, p.id DESC LIMIT 21;
