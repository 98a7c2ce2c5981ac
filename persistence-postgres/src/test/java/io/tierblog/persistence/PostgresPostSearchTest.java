package io.tierblog.persistence;

import static io.tierblog.domain.model.Language.ENGLISH;
import static io.tierblog.domain.testing.TestData.JAN_1_2018;
import static io.tierblog.domain.testing.TestData.body;
import static io.tierblog.domain.testing.TestData.title;
import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.domain.model.SearchHit;
import io.tierblog.domain.model.SearchQuery;
import io.tierblog.domain.model.SearchRequest;
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
