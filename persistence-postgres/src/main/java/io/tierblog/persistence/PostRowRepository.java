package io.tierblog.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

@JdbcRepository(dialect = Dialect.POSTGRES)
abstract class PostRowRepository implements GenericRepository<PostRow, Long> {

    private static final String LISTING = "SELECT p.id, p.author_id, u.username AS author_username, p.created, "
            + "p.title, p.body, p.language, p.revision FROM posts p JOIN users u ON u.id = p.author_id ";
    private static final String SUMMARY = "SELECT p.id, p.revision, p.author_id, u.username AS author_username, "
            + "p.created, p.title, p.language FROM posts p JOIN users u ON u.id = p.author_id ";
    private static final String NEWEST_FIRST = "ORDER BY p.created DESC, p.id DESC LIMIT ?";

    /** The first page of the index; binds the row limit. */
    static final String FIRST_PAGE_SQL = LISTING + NEWEST_FIRST;

    /** One post with its author's name; binds the post's id. */
    static final String LISTING_BY_ID_SQL = LISTING + "WHERE p.id = ?";

    /** A page of the index after a cursor; binds the cursor's created and id, then the row limit. */
    static final String PAGE_AFTER_SQL = LISTING + "WHERE (p.created, p.id) < (?, ?) " + NEWEST_FIRST;

    /** The first page of the index without bodies; binds the row limit. */
    static final String FIRST_SUMMARIES_SQL = SUMMARY + NEWEST_FIRST;

    /** A page of the index without bodies after a cursor; binds the cursor's created and id, then the limit. */
    static final String SUMMARIES_AFTER_SQL = SUMMARY + "WHERE (p.created, p.id) < (?, ?) " + NEWEST_FIRST;

    /** The posts of the given ids with their authors' names, in no order; binds a bigint array. */
    static final String LISTINGS_BY_IDS_SQL = LISTING + "WHERE p.id = ANY (?)";

    private final JdbcOperations jdbc;

    PostRowRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    abstract PostRow save(PostRow row);

    abstract Optional<PostRow> findById(long id);

    /** Sets title, body and language; returns how many rows changed. */
    abstract int update(@Id long id, String title, String body, String language);

    /** Returns how many rows were deleted. */
    abstract int deleteById(long id);

    /** Up to {@code limit} posts with their authors' names, newest first, in one statement. */
    List<PostListingRow> findNewestFirst(int limit) {
        return jdbc.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FIRST_PAGE_SQL)) {
                statement.setInt(1, limit);
                return listings(statement);
            }
        });
    }

    /** One post with its author's name, in one statement. */
    Optional<PostListingRow> findListingById(long id) {
        return jdbc.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(LISTING_BY_ID_SQL)) {
                statement.setLong(1, id);
                return listings(statement).stream().findFirst();
            }
        });
    }

    /** Like {@link #findNewestFirst} for the posts strictly older than (created, id). */
    List<PostListingRow> findNewestFirstAfter(Instant created, long id, int limit) {
        return jdbc.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(PAGE_AFTER_SQL)) {
                statement.setObject(1, OffsetDateTime.ofInstant(created, ZoneOffset.UTC));
                statement.setLong(2, id);
                statement.setInt(3, limit);
                return listings(statement);
            }
        });
    }

    /**
     * The index page for a reader that holds some bodies, on one connection: up to {@code limit}
     * summaries newest first (after (created, id) when {@code after} is given), then, in a
     * second statement and only if {@code wanted} picks any of them, those posts with bodies.
     */
    SummariesAndListings findSummariesThenListings(Optional<Instant> afterCreated, long afterId, int limit,
                                                   Function<List<PostSummaryRow>, List<Long>> wanted) {
        return jdbc.execute(connection -> {
            List<PostSummaryRow> summaries;
            try (PreparedStatement statement = connection.prepareStatement(
                    afterCreated.isPresent() ? SUMMARIES_AFTER_SQL : FIRST_SUMMARIES_SQL)) {
                int next = 1;
                if (afterCreated.isPresent()) {
                    statement.setObject(next++, OffsetDateTime.ofInstant(afterCreated.get(), ZoneOffset.UTC));
                    statement.setLong(next++, afterId);
                }
                statement.setInt(next, limit);
                summaries = summaries(statement);
            }
            List<Long> ids = wanted.apply(summaries);
            if (ids.isEmpty()) {
                return new SummariesAndListings(summaries, List.of());
            }
            try (PreparedStatement statement = connection.prepareStatement(LISTINGS_BY_IDS_SQL)) {
                statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                return new SummariesAndListings(summaries, listings(statement));
            }
        });
    }

    /** What {@link #findSummariesThenListings} read: the summaries, and the listings asked for that still exist. */
    record SummariesAndListings(List<PostSummaryRow> summaries, List<PostListingRow> listings) {
    }

    private static List<PostSummaryRow> summaries(PreparedStatement statement) throws SQLException {
        List<PostSummaryRow> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                // By position, in SUMMARY's order: read on every index page, where looking each
                // column up by name cost more than the decoding.
                rows.add(new PostSummaryRow(
                        result.getLong(1),
                        result.getLong(2),
                        result.getLong(3),
                        result.getString(4),
                        result.getObject(5, OffsetDateTime.class).toInstant(),
                        result.getString(6),
                        result.getString(7)));
            }
        }
        return rows;
    }

    private static List<PostListingRow> listings(PreparedStatement statement) throws SQLException {
        List<PostListingRow> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new PostListingRow(
                        result.getLong("id"),
                        result.getLong("author_id"),
                        result.getString("author_username"),
                        result.getObject("created", OffsetDateTime.class).toInstant(),
                        result.getString("title"),
                        result.getString("body"),
                        result.getString("language"),
                        result.getLong("revision")));
            }
        }
        return rows;
    }
}
