-- Deterministic blog content for the benchmark, shared by Tierblog's and the flaskr peer's databases.
--
-- Post number r (1 = newest) gets a title of 20-90 characters and a body of 170-2,000 characters
-- (about 1,200 on average) in paragraphs, drawn from 1,000 titles and 1,000 bodies built here from
-- a fixed vocabulary, so both databases hold exactly the same text. Nothing here is random: the same r always gives the same
-- post, and growing a table from n to m posts adds the posts n+1..m, each older than all before.

CREATE SCHEMA IF NOT EXISTS bench;

CREATE OR REPLACE FUNCTION bench.vocabulary() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[
    'the','a','an','this','that','every','some','our','their','my','your','its',
    'server','database','query','index','page','post','cache','request','thread','pool','template',
    'user','browser','cookie','session','password','hash','table','row','column','cursor','plan',
    'network','latency','throughput','benchmark','kernel','process','memory','heap','collector',
    'garden','river','mountain','kitchen','recipe','coffee','morning','evening','weekend','city',
    'book','story','chapter','letter','friend','neighbour','winter','summer','bicycle','train',
    'writes','reads','keeps','finds','shows','builds','sends','waits','runs','starts','stops',
    'measures','changes','fixes','breaks','returns','opens','closes','grows','learns','remembers',
    'quickly','slowly','quietly','carefully','again','today','yesterday','always','never','often',
    'small','large','old','new','fast','slow','simple','careful','bright','quiet','busy','warm',
    'and','but','because','while','when','after','before','under','over','with','without','into',
    'from','for','about','between','through','during','is','was','has','had','will','can','should',
    'not','only','still','just','very','more','less','most','many','few','one','two','three',
    -- What people type besides letters, which the page must escape: & < > " '
    'don''t','it''s','isn''t','we''ll','R&D','"really"','<3'
  ]
$$;

-- Word number j of sentence s: a fixed, well-spread choice from the vocabulary.
CREATE OR REPLACE FUNCTION bench.word(s bigint, j bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (bench.vocabulary())[1 + ((s * 2654435761 + j * 40503 + j * j * 977) % 4294967291)
                                  % array_length(bench.vocabulary(), 1)]
$$;

DROP TABLE IF EXISTS bench.sentence, bench.title, bench.body;

-- 4,000 sentences of 4 to 19 words.
CREATE TABLE bench.sentence AS
SELECT s AS n,
       upper(left(words, 1)) || substr(words, 2) || '.' AS text
FROM (
  SELECT s, (SELECT string_agg(bench.word(s, j), ' ' ORDER BY j)
             FROM generate_series(1, 4 + (s * 7) % 16) AS j) AS words
  FROM generate_series(0, 3999) AS s
) AS sentences;

-- 1,000 titles of 20 to 90 characters: sentences without their full stop.
CREATE TABLE bench.title AS
SELECT (row_number() OVER (ORDER BY n) - 1)::int AS n, rtrim(text, '.') AS text
FROM bench.sentence
WHERE length(text) BETWEEN 21 AND 91
ORDER BY n
LIMIT 1000;

-- 1,000 bodies of 170 to 2,000 characters: runs of consecutive sentences, three to a paragraph.
CREATE TABLE bench.body AS
SELECT b AS n,
       left((SELECT string_agg(st.text, CASE WHEN k % 3 = 0 THEN E'\n\n' ELSE ' ' END ORDER BY k)
             FROM generate_series(0, 2 + (b * 17) % 28) AS k
             JOIN bench.sentence AS st ON st.n = (b * 37 + k) % 4000), 2000) AS text
FROM generate_series(0, 999) AS b;

ALTER TABLE bench.title ADD PRIMARY KEY (n);
ALTER TABLE bench.body ADD PRIMARY KEY (n);

-- Post r: when it was written (61 seconds apart, newest first, with microseconds), its title,
-- its body and its author (every tenth post is the benchmark user's, the others spread over
-- user001..user099).
CREATE OR REPLACE FUNCTION bench.created(r bigint) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT timestamptz '2025-06-30 12:00:00+00' - r * interval '61 seconds'
         + ((r * 7919) % 1000000) * interval '1 microsecond'
$$;

CREATE OR REPLACE FUNCTION bench.title_of(r bigint) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT ((r * 7919) % 1000)::int
$$;

CREATE OR REPLACE FUNCTION bench.body_of(r bigint) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT ((r * 104729 + 17) % 1000)::int
$$;

CREATE OR REPLACE FUNCTION bench.author(r bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN r % 10 = 3 THEN 'bench' ELSE 'user' || lpad((1 + (r * 31) % 99)::text, 3, '0') END
$$;
