package io.tierblog.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The index page's query reads the (created, id) index in order and stops at the limit: no scan, no sort. */
class PostPageQueryPlanTest {
    private static TestDatabase database;

    @BeforeAll
    static void fillAndAnalyse() {
        database = TestDatabases.migratedSchema("page_plan");
        database.execute(
                "INSERT INTO users (username, password) SELECT 'user' || n, 'hash' FROM generate_series(1, 50) n",
                "INSERT INTO posts (author_id, created, title, body) SELECT 1 + n % 50, "
                        + "timestamptz '2020-01-01 00:00:00+00' + n * interval '1 minute', 'title ' || n, 'body' "
                        + "FROM generate_series(1, 20000) n",
                "ANALYZE users",
                "ANALYZE posts");
    }

    @Test
    void theFirstPageWalksTheCreatedIdIndex() throws SQLException {
        List<String> plan = explain(PostRowRepository.FIRST_PAGE_SQL, statement -> statement.setInt(1, 21));

        assertThat(plan).anyMatch(line -> line.contains("Index Scan using posts_created_id_idx on posts"))
                .noneMatch(line -> line.contains("Sort") || line.contains("Seq Scan on posts"));
    }

    @Test
    void aPageAfterACursorSeeksInTheCreatedIdIndex() throws SQLException {
        List<String> plan = explain(PostRowRepository.PAGE_AFTER_SQL, statement -> {
            statement.setObject(1, OffsetDateTime.of(2020, 1, 5, 0, 0, 0, 0, ZoneOffset.UTC));
            statement.setLong(2, 5000);
            statement.setInt(3, 21);
        });

        assertThat(plan).anyMatch(line -> line.contains("Index Scan using posts_created_id_idx on posts"))
                .anyMatch(line -> line.contains("Index Cond: (ROW(created, id) < ROW("))
                .noneMatch(line -> line.contains("Sort") || line.contains("Seq Scan on posts"));
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static List<String> explain(String sql, Binder binder) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("EXPLAIN (COSTS OFF) " + sql)) {
            binder.bind(statement);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    plan.add(result.getString(1));
                }
            }
        }
        return plan;
    }
}
