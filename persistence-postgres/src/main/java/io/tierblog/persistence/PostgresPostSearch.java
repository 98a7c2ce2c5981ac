package io.tierblog.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.SearchHit;
import io.tierblog.domain.model.SearchQuery;
import io.tierblog.domain.model.SearchRequest;
import io.tierblog.domain.model.SearchResults;
import io.tierblog.domain.model.Snippet;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.model.Username;
import io.tierblog.domain.port.out.PostSearch;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PostSearch} on PostgreSQL's full-text search: the query is parsed by
 * {@code websearch_to_tsquery} with the language's configuration (it accepts any text and never
 * fails on syntax), matched through the GIN index on the generated {@code posts.search} column,
 * and only the {@code candidateLimit} most recently stored matches (the highest ids) are ranked.
 *
 * <p>Why bounded, and how: {@code ts_rank} reads each match's whole {@code tsvector}, so ranking
 * every match of a common word costs time in proportion to how many posts hold it; so does merely
 * finding the newest matches, since that reads every match's row. So the search looks at the
 * newest posts first: a window of the {@code 32 x candidateLimit} highest ids. Each post's search
 * data holds a lexeme naming its id's bucket (V5), and the window is a disjunction of buckets
 * ANDed to the query, so the GIN index yields only the window's matches and only their rows are
 * read, however many posts there are. When the window holds more matches than the limit, those
 * are the candidates. Otherwise the window grows by what the matches found in it say it needs (with
 * a quarter to spare; at least twofold, at most 64-fold; to every post when it held none) and the
 * statement runs again, until it covers every post: a word found in few posts costs two or three
 * cheap statements, a common one a single statement over recent rows.
 *
 * <p>The price is in quality: for a word found in more than {@code candidateLimit} posts, an older
 * post that would rank higher is not among the results. "Most recently stored" is the newest for
 * posts written through the app; a bulk import of old posts counts as recent.
 *
 * <p>Snippets come from {@code ts_headline} over the body, only for the page's rows. Its output
 * is not HTML that can be trusted (it copies the body's text as it is, and drops what looks like a
 * tag): matches are delimited by the control characters U+0002 and U+0003, which are first
 * removed from the body (posts cannot hold them, but a row written by another client might), and
 * the text between them becomes plain {@link Snippet} segments for the web tier to escape.
 */
@Singleton
class PostgresPostSearch implements PostSearch {
    private static final char START = '\u0002';
    private static final char STOP = '\u0003';

    /** The first window, in candidate limits' worth of the newest ids. */
    static final int FIRST_WINDOW = 32;
    /** How much a window may grow at once. */
    static final int MIN_GROWTH = 2;
    static final int MAX_GROWTH = 64;

    /** Ids per bucket lexeme in {@code posts.search} (V5 migration: {@code 'id bucket ' || id / 32768}). */
    static final int BUCKET = 32768;

    /**
     * Binds: configuration and query text; the window (how many of the highest ids are searched:
     * those above the floor, which is 0 once the window holds every post); language; candidate
     * limit + 1 (to tell "more"); candidate limit, twice; page size; offset; configuration again,
     * for the snippet. Every row carries the window's floor and the matches above it, up to the limit + 1
     * ({@code matched}).
     *
     * <p>The window is part of the text-search query itself: the query AND any of the buckets from
     * the floor's to the newest post's, so the GIN index finds the window's matches without
     * reading a row, and no other index competes for the plan. {@code id + 0} keeps the planner
     * from walking the primary key backwards and testing every recent row's search data instead.
     */
    static final String SEARCH_SQL = """
            WITH q AS (
                SELECT websearch_to_tsquery(CAST(? AS regconfig), ?) AS query
            ), top AS (
                SELECT coalesce(max(id), 0) AS newest, greatest(coalesce(max(id), 0) - CAST(? AS bigint), 0) AS floor
                FROM posts
            ), win AS (
                SELECT CASE WHEN top.floor = 0 THEN q.query
                            ELSE q.query && (SELECT string_agg(quote_literal('id bucket ' || b), ' | ')::tsquery
                                             FROM generate_series(top.floor / %1$d, top.newest / %1$d) AS b)
                       END AS query
                FROM q, top
            ), candidates AS (
                SELECT p.id, p.created, p.search
                FROM posts p, win, q
                WHERE p.search @@ win.query AND p.language = ? AND querytree(q.query) <> 'T'
                ORDER BY p.id + 0 DESC
                LIMIT ?
            ), counted AS (
                SELECT count(*) AS matched FROM candidates
            ), ranked AS (
                SELECT c.id, c.created,
                       ts_filter(c.search, '{a}') @@ q.query AS in_title,
                       ts_rank(c.search, q.query) AS rank
                FROM (SELECT * FROM candidates ORDER BY id DESC LIMIT ?) c, q, top, counted
                -- Ranked and shown only when this run is the last: the window holds every post or
                -- more matches than the limit. Otherwise it grows, and this run only counts.
                WHERE top.floor = 0 OR counted.matched > ?
                ORDER BY in_title DESC, rank DESC, c.created DESC, c.id DESC
                LIMIT ? OFFSET ?
            ), page AS (
                SELECT r.id, r.in_title, r.rank, p.author_id, u.username AS author_username, p.created,
                       p.title, p.language,
                       ts_headline(CAST(? AS regconfig), translate(p.body, chr(2) || chr(3), ''), q.query,
                                   'StartSel=' || chr(2) || ', StopSel=' || chr(3)
                                   || ', MaxWords=35, MinWords=15, ShortWord=3') AS snippet
                FROM ranked r JOIN posts p ON p.id = r.id JOIN users u ON u.id = p.author_id, q
            )
            SELECT top.floor, counted.matched, page.*
            FROM top, counted LEFT JOIN page ON true
            ORDER BY page.in_title DESC, page.rank DESC, page.created DESC, page.id DESC
            """.formatted(BUCKET);

    /**
     * Binds: the query text; language; its configuration; limit. A stop word of the language is
     * never suggested, since searching for it would find nothing. The words typed are split as {@code post_words}
     * splits posts; {@code search_words} is kept by a trigger on {@code posts} (V4). The extension
     * lives in {@code public}, whatever schema the tables are in, hence the qualified names.
     */
    static final String SUGGESTIONS_SQL = """
            WITH typed AS (
                SELECT DISTINCT w
                FROM regexp_split_to_table(lower(?), '[^[:alnum:]]+') AS w
                WHERE length(w) BETWEEN 3 AND 40
            )
            SELECT s.word, max(public.similarity(s.word, t.w)) AS similarity, s.posts
            FROM typed t JOIN search_words s ON s.language = ? AND s.word OPERATOR(public.%) t.w
            WHERE s.word NOT IN (SELECT w FROM typed)
              AND numnode(plainto_tsquery(CAST(? AS regconfig), s.word)) > 0
            GROUP BY s.word, s.posts
            ORDER BY similarity DESC, s.posts DESC, s.word COLLATE "C"
            LIMIT ?
            """;

    private final JdbcOperations jdbc;

    PostgresPostSearch(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public SearchResults search(SearchRequest request) {
        try {
            return jdbc.execute(connection -> {
                long window = (long) FIRST_WINDOW * request.candidateLimit();
                while (true) {
                    Page page = run(connection, request, window);
                    if (page.floor() == 0 || page.results().capped()) {
                        return page.results();
                    }
                    window = nextWindow(window, page.results().total(), request.candidateLimit());
                }
            });
        } catch (RuntimeException failure) {
            throw DataAccessFailures.translate(failure);
        }
    }

    /**
     * The window after one that held {@code matched} (no more than {@code limit}) matches: as much
     * wider as the matches say it takes to hold more than the limit, with a quarter to spare, at
     * least {@value #MIN_GROWTH} and at most {@value #MAX_GROWTH} times; every post after a window
     * that held none.
     */
    static long nextWindow(long window, long matched, int limit) {
        if (matched == 0) {
            return Long.MAX_VALUE;
        }
        long growth = Math.min(MAX_GROWTH, Math.max(MIN_GROWTH, ((limit + 1L) * 5 + 4 * matched - 1) / (4 * matched)));
        return window > Long.MAX_VALUE / growth ? Long.MAX_VALUE : window * growth;
    }

    /** One run of the statement over the newest {@code window} ids. */
    private static Page run(Connection connection, SearchRequest request, long window) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SEARCH_SQL)) {
            String configuration = request.language().searchConfiguration();
            statement.setString(1, configuration);
            statement.setString(2, request.query().value());
            statement.setLong(3, window);
            statement.setString(4, request.language().code());
            statement.setInt(5, request.candidateLimit() + 1);
            statement.setInt(6, request.candidateLimit());
            statement.setInt(7, request.candidateLimit());
            statement.setInt(8, request.size());
            statement.setInt(9, request.offset());
            statement.setString(10, configuration);
            return read(statement, request);
        }
    }

    /** One run of the statement: its window's floor, and what it found above it. */
    private record Page(long floor, SearchResults results) {
    }

    @Override
    public List<String> suggestions(SearchQuery query, Language language, int limit) {
        try {
            return jdbc.execute(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(SUGGESTIONS_SQL)) {
                    statement.setString(1, query.value());
                    statement.setString(2, language.code());
                    statement.setString(3, language.searchConfiguration());
                    statement.setInt(4, limit);
                    List<String> words = new ArrayList<>();
                    try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                            words.add(result.getString("word"));
                        }
                    }
                    return words;
                }
            });
        } catch (RuntimeException failure) {
            throw DataAccessFailures.translate(failure);
        }
    }

    private static Page read(PreparedStatement statement, SearchRequest request) throws SQLException {
        List<SearchHit> hits = new ArrayList<>();
        long matched = 0;
        long floor = 0;
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                floor = result.getLong("floor");
                matched = result.getLong("matched");
                long id = result.getLong("id");
                if (result.wasNull()) {
                    continue;
                }
                String code = result.getString("language");
                hits.add(new SearchHit(
                        new PostId(id),
                        new UserId(result.getLong("author_id")),
                        new Username(result.getString("author_username")),
                        result.getObject("created", OffsetDateTime.class).toInstant(),
                        new Title(result.getString("title")),
                        Language.fromCode(code).orElseThrow(
                                () -> new IllegalStateException("unknown stored language " + code)),
                        snippet(result.getString("snippet"))));
            }
        }
        int total = (int) Math.min(matched, request.candidateLimit());
        return new Page(floor, new SearchResults(hits, total, matched > request.candidateLimit(), request.page(),
                request.size()));
    }

    /** Splits {@code ts_headline}'s output at the sentinels into plain and marked text. */
    static Snippet snippet(String headline) {
        List<Snippet.Segment> segments = new ArrayList<>();
        if (headline == null) {
            return new Snippet(segments);
        }
        StringBuilder text = new StringBuilder();
        boolean marked = false;
        for (int i = 0; i < headline.length(); i++) {
            char c = headline.charAt(i);
            if (c == START || c == STOP) {
                boolean nowMarked = c == START;
                if (nowMarked != marked) {
                    if (!text.isEmpty()) {
                        segments.add(new Snippet.Segment(text.toString(), marked));
                        text.setLength(0);
                    }
                    marked = nowMarked;
                }
            } else {
                text.append(c);
            }
        }
        if (!text.isEmpty()) {
            segments.add(new Snippet.Segment(text.toString(), marked));
        }
        return new Snippet(segments);
    }
}
