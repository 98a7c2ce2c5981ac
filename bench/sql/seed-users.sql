-- user001..user099 besides the benchmark user (who registers through the application, so that
-- its password is hashed exactly as the application hashes it). Their password field holds no
-- usable hash: nobody logs in as them.
INSERT INTO users (username, password)
SELECT 'user' || lpad(k::text, 3, '0'), '!'
FROM generate_series(1, 99) AS k;
