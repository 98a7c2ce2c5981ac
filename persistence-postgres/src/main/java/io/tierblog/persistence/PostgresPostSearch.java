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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PostSearch} on PostgreSQL's full-text search, in one statement per page: the query is
 * parsed by {@code websearch_to_tsquery} with the language's configuration (it accepts any text
 * and never fails on syntax), matched through the GIN index on the generated {@code posts.search}
 * column, and only the newest {@code candidateLimit} matches are ranked.
 *
 * <p>Why bounded: {@code ts_rank} reads each match's whole {@code tsvector}, so ranking every
 * match of a common word costs time in proportion to how many posts hold it. Taking the newest N
 * matches first (a bitmap scan of the GIN index and a top-N sort on {@code created}, which reads
 * each match's row but ranks none) keeps the ranking, the title test and the ranking sort at N
 * rows. The price is in quality: for a word found in more than N posts, an older post that would
 * rank higher is not among the results.
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

    /**
     * Binds: configuration and query text; language; candidate limit + 1 (to tell "more");
     * candidate limit; page size; offset; configuration again, for the snippet.
     */
    static final String SEARCH_SQL = """
            WITH q AS (
                SELECT websearch_to_tsquery(CAST(? AS regconfig), ?) AS query
            ), candidates AS (
                SELECT p.id, p.created, p.search
                FROM posts p, q
                WHERE p.language = ? AND querytree(q.query) <> 'T' AND p.search @@ q.query
                ORDER BY p.created DESC, p.id DESC
                LIMIT ?
            ), counted AS (
                SELECT count(*) AS matched FROM candidates
            ), ranked AS (
                SELECT c.id, c.created,
                       ts_filter(c.search, '{a}') @@ q.query AS in_title,
                       ts_rank(c.search, q.query) AS rank
                FROM (SELECT * FROM candidates ORDER BY created DESC, id DESC LIMIT ?) c, q
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
            SELECT counted.matched, page.*
            FROM counted LEFT JOIN page ON true
            ORDER BY page.in_title DESC, page.rank DESC, page.created DESC, page.id DESC
            """;

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
                try (PreparedStatement statement = connection.prepareStatement(SEARCH_SQL)) {
                    String configuration = request.language().searchConfiguration();
                    statement.setString(1, configuration);
                    statement.setString(2, request.query().value());
                    statement.setString(3, request.language().code());
                    statement.setInt(4, request.candidateLimit() + 1);
                    statement.setInt(5, request.candidateLimit());
                    statement.setInt(6, request.size());
                    statement.setInt(7, request.offset());
                    statement.setString(8, configuration);
                    return read(statement, request);
                }
            });
        } catch (RuntimeException failure) {
            throw DataAccessFailures.translate(failure);
        }
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

    private static SearchResults read(PreparedStatement statement, SearchRequest request) throws SQLException {
        List<SearchHit> hits = new ArrayList<>();
        long matched = 0;
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
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
        return new SearchResults(hits, total, matched > request.candidateLimit(), request.page(), request.size());
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
