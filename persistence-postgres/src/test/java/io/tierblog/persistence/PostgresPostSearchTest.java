package io.tierblog.persistence;

import static io.tierblog.domain.model.Language.ENGLISH;
import static io.tierblog.domain.testing.TestData.JAN_1_2018;
import static io.tierblog.domain.testing.TestData.body;
import static io.tierblog.domain.testing.TestData.title;
import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.domain.model.SearchHit;
import io.tierblog.domain.model.SearchQuery;
import io.tierblog.domain.model.SearchRequest;
import io.tierblog.domain.model.SearchResults;
import io.tierblog.domain.model.Snippet;
import io.tierblog.domain.port.out.PostRepository;
import io.tierblog.domain.port.out.PostSearch;
import io.tierblog.domain.port.out.UserRepository;
import io.tierblog.domain.testing.PostSearchContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresPostSearchTest extends PostSearchContract {
    private static PostgresAdapters adapters;

    @BeforeAll
    static void startContext() {
        adapters = PostgresAdapters.start("post_search", Map.of(StatementCounter.ENABLED, "true"));
    }

    @AfterAll
    static void closeContext() {
        adapters.close();
    }

    @Override
    protected Adapters emptyAdapters() {
        adapters.truncate();
        return new Adapters(adapters.bean(UserRepository.class), adapters.bean(PostRepository.class),
                adapters.bean(PostSearch.class));
    }

    @Test
    void theAdapterIsThePostgresOne() {
        assertThat(search).isInstanceOf(PostgresPostSearch.class);
    }

    @Test
    void aPageIsOneStatement() {
        for (int i = 0; i < 6; i++) {
            posts.add(i % 2 == 0 ? alice.id() : bob.id(), JAN_1_2018.plusSeconds(i), title("Replica " + i),
                    body("a replica"), ENGLISH);
        }
        StatementCounter counter = adapters.bean(StatementCounter.class);

        counter.reset();
        search.search(new SearchRequest(new SearchQuery("replica"), ENGLISH, 2, 2, 1000));

        assertThat(counter.count()).isEqualTo(1);
    }

    @Test
    void aWindowOfRecentPostsThatHoldsEnoughIsOneStatementAndOneThatDoesNotGrowsToTheRest() {
        // Ids far apart, as a table of a million posts has them: the matches are the old posts
        // 10, 20, 30 and 40,000, then 900,000 and, for the second search, 999,990 to 999,993.
        insertAt(10, "Replica ten");
        insertAt(20, "Replica twenty");
        insertAt(30, "Replica thirty");
        insertAt(40_000, "Replica forty thousand");
        insertAt(900_000, "Replica nine hundred thousand");
        insertAt(1_000_000, "Other");
        StatementCounter counter = adapters.bean(StatementCounter.class);

        counter.reset();
        SearchResults few = search.search(new SearchRequest(new SearchQuery("replica"), ENGLISH, 1, 10, 3));

        assertThat(few.hits()).extracting(hit -> hit.id().value()).containsExactly(900_000L, 40_000L, 30L);
        assertThat(few.capped()).isTrue();
        assertThat(counter.count()).as("the newest window held none: then every post").isEqualTo(2);

        for (int id = 999_990; id < 999_994; id++) {
            insertAt(id, "Replica " + id);
        }
        counter.reset();
        SearchResults many = search.search(new SearchRequest(new SearchQuery("replica"), ENGLISH, 1, 10, 3));

        assertThat(many.hits()).extracting(hit -> hit.id().value()).containsExactly(999_993L, 999_992L, 999_991L);
        assertThat(many.capped()).isTrue();
        assertThat(counter.count()).isEqualTo(1);
    }

    @Test
    void windowsGrowByWhatTheirMatchesSayTheyNeed() {
        assertThat(PostgresPostSearch.nextWindow(32_000, 0, 1000)).isEqualTo(Long.MAX_VALUE);
        assertThat(PostgresPostSearch.nextWindow(32_000, 320, 1000)).isEqualTo(32_000 * 4);
        assertThat(PostgresPostSearch.nextWindow(32_000, 900, 1000)).isEqualTo(32_000 * 2);
        assertThat(PostgresPostSearch.nextWindow(32_000, 1, 1000)).isEqualTo(32_000 * 64);
        assertThat(PostgresPostSearch.nextWindow(Long.MAX_VALUE / 3, 1, 1000)).isEqualTo(Long.MAX_VALUE);
    }

    private void insertAt(long id, String title) {
        adapters.database().execute("INSERT INTO posts (id, author_id, title, body) OVERRIDING SYSTEM VALUE "
                + "VALUES (" + id + ", " + alice.id().value() + ", '" + title + "', 'text')");
    }

    @Test
    void markupAndSentinelsInABodyStayPlainText() {
        posts.add(alice.id(), JAN_1_2018, title("Markup"),
                body("<mark>fake</mark> & <script>x</script> replica \"quoted\""), ENGLISH);
        adapters.database().execute("UPDATE posts SET body = body || chr(2) || ' replica ' || chr(3)");

        SearchHit hit = search.search(SearchRequest.of(new SearchQuery("replica"), ENGLISH, 1)).hits().get(0);

        assertThat(hit.snippet().text()).doesNotContain("\u0002", "\u0003", "<mark>");
        assertThat(hit.snippet().marked()).containsOnly("replica");
        assertThat(hit.snippet().text()).contains("&", "\"quoted\"");
    }

    @Test
    void theSentinelsSplitAHeadlineIntoSegments() {
        assertThat(PostgresPostSearch.snippet("a \u0002b\u0003 c \u0002d\u0003").segments()).containsExactly(
                new Snippet.Segment("a ", false), new Snippet.Segment("b", true),
                new Snippet.Segment(" c ", false), new Snippet.Segment("d", true));
        assertThat(PostgresPostSearch.snippet("\u0003x\u0002\u0002y").segments()).containsExactly(
                new Snippet.Segment("x", false), new Snippet.Segment("y", true));
        assertThat(PostgresPostSearch.snippet(null).segments()).isEqualTo(List.of());
    }
}
