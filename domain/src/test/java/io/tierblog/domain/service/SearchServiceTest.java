package io.tierblog.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.domain.exception.InvalidInputException;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.SearchQuery;
import io.tierblog.domain.model.SearchRequest;
import io.tierblog.domain.model.SearchResults;
import io.tierblog.domain.model.Snippet;
import io.tierblog.domain.model.User;
import io.tierblog.domain.testing.InMemoryPostRepository;
import io.tierblog.domain.testing.InMemoryPostSearch;
import io.tierblog.domain.testing.InMemoryUserRepository;
import io.tierblog.domain.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search's value objects and its service. */
class SearchServiceTest {
    @Test
    void aQueryIsTrimmedAndBoundedInCharactersAsAPersonCountsThem() {
        assertThat(new SearchQuery("  replica lag \n").value()).isEqualTo("replica lag");
        assertThat(new SearchQuery("🚀".repeat(SearchQuery.MAX_LENGTH)).value()).hasSize(2 * SearchQuery.MAX_LENGTH);
        assertThatThrownBy(() -> new SearchQuery("x".repeat(SearchQuery.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("A search must be at most " + SearchQuery.MAX_LENGTH + " characters.");
        assertThatThrownBy(() -> new SearchQuery("x".repeat(10_000))).hasMessageStartingWith("A search must be at most");
    }

    @Test
    void aQueryIsRequiredAndHoldsNoControlCharactersOrLoneSurrogates() {
        for (String blank : new String[] {"", "   ", "\t\n", null}) {
            assertThatThrownBy(() -> new SearchQuery(blank)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("Type a word or two to search for.");
        }
        for (String bad : new String[] {"a\u0000b", "a\u0007", "a\uD800", "\uDC00b", "a\uFFFF", "a\tb"}) {
            assertThatThrownBy(() -> new SearchQuery(bad)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("A search may not contain control characters.")
                    .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("q"));
        }
    }

    @Test
    void pagesStopAtTheCandidateLimit() {
        SearchQuery query = new SearchQuery("x");

        assertThat(SearchRequest.lastPage(10, 1000)).isEqualTo(100);
        assertThat(SearchRequest.lastPage(10, 1001)).isEqualTo(101);
        assertThat(SearchRequest.of(query, Language.DANISH, 100).offset()).isEqualTo(990);
        assertThatThrownBy(() -> SearchRequest.of(query, Language.ENGLISH, 101))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchRequest.of(query, Language.ENGLISH, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SearchRequest(query, Language.ENGLISH, 1, SearchRequest.MAX_SIZE + 1, 1000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultsKnowWhetherAnotherPageFollows() {
        assertThat(new SearchResults(List.of(), 21, false, 2, 10).hasNextPage()).isTrue();
        assertThat(new SearchResults(List.of(), 20, false, 2, 10).hasNextPage()).isFalse();
        assertThat(new SearchResults(List.of(), 20, false, 2, 10).hasPreviousPage()).isTrue();
        assertThat(new SearchResults(List.of(), 0, false, 1, 10).hasPreviousPage()).isFalse();
    }

    @Test
    void aSnippetTellsItsTextAndItsMarks() {
        Snippet snippet = new Snippet(List.of(new Snippet.Segment("a ", false), new Snippet.Segment("b", true),
                new Snippet.Segment(" c", false)));

        assertThat(snippet.text()).isEqualTo("a b c");
        assertThat(snippet.marked()).containsExactly("b");
    }

    @Test
    void theServiceAsksThePort() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryPostRepository posts = new InMemoryPostRepository(users);
        User author = users.add(TestData.username("a"), TestData.hash("a"));
        posts.add(author.id(), TestData.JAN_1_2018, TestData.title("Replica"), TestData.body(""), Language.ENGLISH);
        SearchPostsService service = new SearchPostsService(new InMemoryPostSearch(posts, users));

        SearchResults results = service.search(SearchRequest.of(new SearchQuery("replica"), Language.ENGLISH, 1));

        assertThat(results.hits()).hasSize(1);
        assertThat(results.total()).isEqualTo(1);
    }
}
