package io.tierblog.domain.testing;

import static io.tierblog.domain.model.Language.DANISH;
import static io.tierblog.domain.model.Language.ENGLISH;
import static io.tierblog.domain.testing.TestData.JAN_1_2018;
import static io.tierblog.domain.testing.TestData.body;
import static io.tierblog.domain.testing.TestData.hash;
import static io.tierblog.domain.testing.TestData.title;
import static io.tierblog.domain.testing.TestData.username;
import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.SearchHit;
import io.tierblog.domain.model.SearchQuery;
import io.tierblog.domain.model.SearchRequest;
import io.tierblog.domain.model.SearchResults;
import io.tierblog.domain.model.User;
import io.tierblog.domain.port.out.PostRepository;
import io.tierblog.domain.port.out.PostSearch;
import io.tierblog.domain.port.out.UserRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PostSearch} promises. An adapter's test extends this class and gives, over
 * empty storage, repositories and a search that share it.
 */
public abstract class PostSearchContract {
    protected UserRepository users;
    protected PostRepository posts;
    protected PostSearch search;
    protected User alice;
    protected User bob;
    private int minutes;

    /** Repositories and search over storage with no users and no posts; called before each test. */
    protected abstract Adapters emptyAdapters();

    /** What a test works on. */
    public record Adapters(UserRepository users, PostRepository posts, PostSearch search) {
    }

    @BeforeEach
    void setUpAdapters() {
        Adapters adapters = emptyAdapters();
        users = adapters.users();
        posts = adapters.posts();
        search = adapters.search();
        alice = users.add(username("alice"), hash("a"));
        bob = users.add(username("bob"), hash("b"));
        minutes = 0;
    }

    /** A post a minute newer than the one before. */
    private Post post(User author, String title, String body, Language language) {
        return posts.add(author.id(), JAN_1_2018.plusSeconds(60L * minutes++), title(title), body(body), language);
    }

    private SearchResults find(String query, Language language) {
        return search.search(SearchRequest.of(new SearchQuery(query), language, 1));
    }

    private List<PostId> ids(String query, Language language) {
        return find(query, language).hits().stream().map(SearchHit::id).toList();
    }

    @Test
    void aWordFindsThePostsInTheQueriedLanguageThatHoldIt() {
        Post english = post(alice, "Replica lag", "Streaming from the primary.", ENGLISH);
        post(alice, "Cooking", "Nothing about databases.", ENGLISH);
        Post danish = post(bob, "Replica forsinkelse", "Streaming fra den primære.", DANISH);

        assertThat(ids("replica", ENGLISH)).containsExactly(english.id());
        assertThat(ids("replica", DANISH)).containsExactly(danish.id());
        assertThat(ids("primary", ENGLISH)).containsExactly(english.id());
        assertThat(ids("nowhere", ENGLISH)).isEmpty();
    }

    @Test
    void aHitCarriesWhatAResultShows() {
        Post added = posts.add(bob.id(), Instant.parse("2024-05-06T07:08:09.123456Z"), title("Replica notes"),
                body("The replica lags behind the primary."), ENGLISH);

        SearchResults results = find("replica", ENGLISH);

        assertThat(results.total()).isEqualTo(1);
        assertThat(results.capped()).isFalse();
        SearchHit hit = results.hits().get(0);
        assertThat(hit.id()).isEqualTo(added.id());
        assertThat(hit.authorId()).isEqualTo(bob.id());
        assertThat(hit.authorUsername()).isEqualTo(username("bob"));
        assertThat(hit.created()).isEqualTo(added.created());
        assertThat(hit.title()).isEqualTo(title("Replica notes"));
        assertThat(hit.language()).isEqualTo(ENGLISH);
    }

    @Test
    void theSnippetIsTheBodysTextWithTheMatchedWordsMarked() {
        post(alice, "Notes", "The replica lags behind the primary, and replicas catch up.", ENGLISH);

        SearchHit hit = find("replica", ENGLISH).hits().get(0);

        assertThat(hit.snippet().text()).isEqualTo("The replica lags behind the primary, and replicas catch up.");
        assertThat(hit.snippet().marked()).containsExactly("replica", "replicas");
    }

    @Test
    void aSnippetOfABodyWithoutTheWordIsItsBeginningUnmarked() {
        post(alice, "Replica", "Nothing in here says it.", ENGLISH);

        SearchHit hit = find("replica", ENGLISH).hits().get(0);

        assertThat(hit.snippet().text()).isEqualTo("Nothing in here says it.");
        assertThat(hit.snippet().marked()).isEmpty();
    }

    @Test
    void titleMatchesRankAboveBodyMatchesThenNewerFirst() {
        Post oldTitle = post(alice, "Replica setup", "Step by step.", ENGLISH);
        Post body = post(alice, "Setup", "Step by step for a replica.", ENGLISH);
        Post newTitle = post(bob, "Replica setup", "Step by step.", ENGLISH);
        Post newBody = post(bob, "Setup", "Step by step for a replica.", ENGLISH);

        assertThat(ids("replica", ENGLISH)).containsExactly(newTitle.id(), oldTitle.id(), newBody.id(), body.id());
    }

    @Test
    void wordsAreStemmedInTheirLanguage() {
        Post english = post(alice, "Replicas", "Many databases", ENGLISH);
        Post danish = post(bob, "Hundene", "i haven", DANISH);

        assertThat(ids("replica", ENGLISH)).containsExactly(english.id());
        assertThat(ids("database", ENGLISH)).containsExactly(english.id());
        assertThat(ids("hund", DANISH)).containsExactly(danish.id());
        assertThat(ids("hunden", DANISH)).containsExactly(danish.id());
    }

    @Test
    void stopWordsOfTheLanguageFindNothing() {
        post(alice, "The title", "the and of", ENGLISH);
        post(bob, "Og titlen", "og i en", DANISH);

        assertThat(find("the", ENGLISH).hits()).isEmpty();
        assertThat(find("og", DANISH).hits()).isEmpty();
        assertThat(find("the og", ENGLISH).total()).isZero();
    }

    @Test
    void aPhraseNeedsItsWordsTogetherAndInOrder() {
        Post together = post(alice, "Logs", "a quick fox jumps", ENGLISH);
        post(alice, "Logs", "the fox is quick", ENGLISH);
        post(alice, "Logs", "quick brown fox", ENGLISH);

        assertThat(ids("\"quick fox\"", ENGLISH)).containsExactly(together.id());
        assertThat(ids("quick fox", ENGLISH)).hasSize(3);
    }

    @Test
    void aMinusLeavesPostsWithThatWordOut() {
        Post cat = post(alice, "Pets", "a cat sleeps", ENGLISH);
        post(alice, "Pets", "a cat and a dog", ENGLISH);

        assertThat(ids("cat -dog", ENGLISH)).containsExactly(cat.id());
    }

    @Test
    void orFindsEitherWord() {
        Post cat = post(alice, "Pets", "a cat sleeps", ENGLISH);
        Post dog = post(alice, "Pets", "a dog barks", ENGLISH);
        post(alice, "Pets", "a bird sings", ENGLISH);

        assertThat(ids("cat OR dog", ENGLISH)).containsExactlyInAnyOrder(cat.id(), dog.id());
        assertThat(ids("sleeps OR barks pets", ENGLISH)).containsExactlyInAnyOrder(cat.id(), dog.id());
    }

    @Test
    void queriesWithNothingToFindFindNothingAndFail() {
        post(alice, "Pets", "a cat sleeps", ENGLISH);

        for (String query : new String[] {"-dog", "\"", "\"\"", "-", "OR", "- OR -", "((", "!", "&|<->", "'"}) {
            assertThat(find(query, ENGLISH).hits()).as(query).isEmpty();
        }
    }

    @Test
    void anUnbalancedQuoteStillSearches() {
        Post cat = post(alice, "Pets", "a cat sleeps", ENGLISH);

        assertThat(ids("\"cat sleeps", ENGLISH)).containsExactly(cat.id());
        assertThat(ids("cat\"", ENGLISH)).containsExactly(cat.id());
    }

    @Test
    void pagesWalkTheResultsOnceWithTheTotalOnEachPage() {
        List<PostId> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(post(i % 2 == 0 ? alice : bob, "Replica " + i, "", ENGLISH).id());
        }
        List<PostId> seen = new ArrayList<>();
        SearchQuery query = new SearchQuery("replica");

        for (int page = 1; page <= 3; page++) {
            SearchResults results = search.search(new SearchRequest(query, ENGLISH, page, 2, 1000));
            assertThat(results.total()).isEqualTo(5);
            assertThat(results.page()).isEqualTo(page);
            assertThat(results.hasNextPage()).isEqualTo(page < 3);
            results.hits().forEach(h -> seen.add(h.id()));
        }

        Collections.reverse(added);
        assertThat(seen).containsExactlyElementsOf(added);
    }

    @Test
    void aPageAfterTheLastIsEmptyButStillCounts() {
        post(alice, "Replica", "", ENGLISH);

        SearchResults results = search.search(new SearchRequest(new SearchQuery("replica"), ENGLISH, 3, 2, 1000));

        assertThat(results.hits()).isEmpty();
        assertThat(results.total()).isEqualTo(1);
        assertThat(results.hasNextPage()).isFalse();
    }

    @Test
    void onlyTheNewestCandidatesAreRankedAndTheTotalSaysItIsCapped() {
        Post oldTitleMatch = post(alice, "Replica", "", ENGLISH);
        List<PostId> newer = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            newer.add(post(alice, "Notes " + i, "about a replica", ENGLISH).id());
        }

        SearchResults results = search.search(new SearchRequest(new SearchQuery("replica"), ENGLISH, 1, 10, 3));

        assertThat(results.hits()).extracting(SearchHit::id)
                .containsExactly(newer.get(3), newer.get(2), newer.get(1))
                .doesNotContain(oldTitleMatch.id());
        assertThat(results.total()).isEqualTo(3);
        assertThat(results.capped()).isTrue();
        assertThat(results.hasNextPage()).isFalse();
    }

    @Test
    void theCandidatesAreTheMostRecentlyStoredMatchesHoweverOldAndFewTheyAre() {
        // With a limit of 3, the 200 posts are more than the first windows of recent posts the
        // PostgreSQL adapter looks at: the matches are found wherever they are.
        List<PostId> matching = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean match = i == 0 || i == 1 || i == 4 || i == 150;
            Post p = post(alice, match ? "Replica " + i : "Other " + i, "plain text", ENGLISH);
            if (match) {
                matching.add(p.id());
            }
        }

        SearchResults capped = search.search(new SearchRequest(new SearchQuery("replica"), ENGLISH, 1, 10, 3));
        SearchResults all = search.search(new SearchRequest(new SearchQuery("replica"), ENGLISH, 1, 10, 4));

        assertThat(capped.hits()).extracting(SearchHit::id)
                .containsExactly(matching.get(3), matching.get(2), matching.get(1));
        assertThat(capped.total()).isEqualTo(3);
        assertThat(capped.capped()).isTrue();
        assertThat(all.hits()).extracting(SearchHit::id)
                .containsExactly(matching.get(3), matching.get(2), matching.get(1), matching.get(0));
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.capped()).isFalse();
    }

    @Test
    void editsAndDeletionsAreSearchedAtOnce() {
        Post edited = post(alice, "Pets", "a cat sleeps", ENGLISH);
        Post deleted = post(alice, "Pets", "a cat sleeps too", ENGLISH);

        posts.update(edited.id(), title("Pets"), body("a dog sleeps"), ENGLISH);
        posts.delete(deleted.id());

        assertThat(ids("cat", ENGLISH)).isEmpty();
        assertThat(ids("dog", ENGLISH)).containsExactly(edited.id());
        posts.update(edited.id(), title("Kæledyr"), body("en hund sover"), DANISH);
        assertThat(ids("dog", ENGLISH)).isEmpty();
        assertThat(ids("hund", DANISH)).containsExactly(edited.id());
    }

    @Test
    void aTypoGetsTheClosestWordsThePostsOfThatLanguageUse() {
        post(alice, "Replica lag", "The replica follows the primary.", ENGLISH);
        post(bob, "Replicas", "More replicas, and a repository.", ENGLISH);
        post(bob, "Replika", "replikaen følger", DANISH);

        assertThat(search.suggestions(new SearchQuery("replcia"), ENGLISH, 3)).containsExactly("replica", "replicas");
        assertThat(search.suggestions(new SearchQuery("replcia"), ENGLISH, 1)).containsExactly("replica");
        assertThat(search.suggestions(new SearchQuery("primray lag"), ENGLISH, 3)).containsExactly("primary");
        assertThat(search.suggestions(new SearchQuery("replikka"), DANISH, 1)).containsExactly("replika");
        assertThat(search.suggestions(new SearchQuery("replicass"), ENGLISH, 1)).containsExactly("replicas");
    }

    @Test
    void farOffWordsAndTheQuerysOwnWordsAreNotSuggested() {
        post(alice, "Replica lag", "The replica follows.", ENGLISH);

        assertThat(search.suggestions(new SearchQuery("zebra"), ENGLISH, 3)).isEmpty();
        assertThat(search.suggestions(new SearchQuery("thee"), ENGLISH, 3)).as("a stop word finds nothing").isEmpty();
        assertThat(search.suggestions(new SearchQuery("replica"), ENGLISH, 3)).isEmpty();
        assertThat(search.suggestions(new SearchQuery("\"-- OR !"), ENGLISH, 3)).isEmpty();
        assertThat(search.suggestions(new SearchQuery("replcia"), DANISH, 3)).isEmpty();
    }

    @Test
    void theWordListFollowsEditsAndDeletions() {
        Post post = post(alice, "Replica", "", ENGLISH);
        Post other = post(bob, "Replica too", "", ENGLISH);

        posts.delete(other.id());
        assertThat(search.suggestions(new SearchQuery("replcia"), ENGLISH, 3)).containsExactly("replica");
        posts.update(post.id(), title("Primary"), body(""), ENGLISH);
        assertThat(search.suggestions(new SearchQuery("replcia"), ENGLISH, 3)).isEmpty();
        assertThat(search.suggestions(new SearchQuery("primray"), ENGLISH, 3)).containsExactly("primary");
        posts.update(post.id(), title("Primary"), body(""), DANISH);
        assertThat(search.suggestions(new SearchQuery("primray"), ENGLISH, 3)).isEmpty();
        assertThat(search.suggestions(new SearchQuery("primray"), DANISH, 3)).containsExactly("primary");
    }

    @Test
    void textThatLooksLikeOperatorsOrMarkupIsJustText() {
        Post post = post(alice, "Odd & <b>bold</b>", "x OR y & z | !w <-> 'quote' \\ % _", ENGLISH);

        assertThat(ids("bold", ENGLISH)).containsExactly(post.id());
        assertThat(ids("quote", ENGLISH)).containsExactly(post.id());
        assertThat(ids("'quote' & !w", ENGLISH)).containsExactly(post.id());
    }
}
