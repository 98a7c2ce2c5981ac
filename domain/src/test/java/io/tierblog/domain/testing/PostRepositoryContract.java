package io.tierblog.domain.testing;

import static io.tierblog.domain.testing.TestData.JAN_1_2018;
import static io.tierblog.domain.testing.TestData.body;
import static io.tierblog.domain.testing.TestData.hash;
import static io.tierblog.domain.testing.TestData.title;
import static io.tierblog.domain.testing.TestData.username;
import static io.tierblog.domain.model.Language.DANISH;
import static io.tierblog.domain.model.Language.ENGLISH;
import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.domain.model.IndexPage;
import io.tierblog.domain.model.IndexedPost;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostCursor;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostListing;
import io.tierblog.domain.model.PostPage;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.PostSummary;
import io.tierblog.domain.model.User;
import io.tierblog.domain.port.out.PostRepository;
import io.tierblog.domain.port.out.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PostRepository} promises. An adapter's test extends this class and gives,
 * over empty storage, a user repository and a post repository that share it.
 */
public abstract class PostRepositoryContract {
    protected UserRepository users;
    protected PostRepository posts;
    protected User alice;
    protected User bob;

    /** Repositories over storage with no users and no posts; called before each test. */
    protected abstract Repositories emptyRepositories();

    /** The pair of repositories a test works on. */
    public record Repositories(UserRepository users, PostRepository posts) {
    }

    @BeforeEach
    void setUpRepositories() {
        Repositories repositories = emptyRepositories();
        users = repositories.users();
        posts = repositories.posts();
        alice = users.add(username("alice"), hash("a"));
        bob = users.add(username("bob"), hash("b"));
    }

    @Test
    void addGivesAnIdAndReadsBackExactly() {
        Instant created = Instant.parse("2024-05-06T07:08:09.123456Z");
        Post added = posts.add(alice.id(), created, title("Hello"), body("line one\nline two"), ENGLISH);

        assertThat(posts.findById(added.id())).contains(added);
        assertThat(added.authorId()).isEqualTo(alice.id());
        assertThat(added.created()).isEqualTo(created);
        assertThat(added.title()).isEqualTo(title("Hello"));
        assertThat(added.body()).isEqualTo(body("line one\nline two"));
    }

    @Test
    void anEmptyBodyIsKept() {
        Post added = posts.add(alice.id(), JAN_1_2018, title("t"), body(""), ENGLISH);

        assertThat(posts.findById(added.id()).orElseThrow().body()).isEqualTo(body(""));
    }

    @Test
    void textIsKeptExactly() {
        String tricky = "<script>alert('x')</script> & \"quotes\" 'single' \\ % _ Zoë 東京 🚀\ttab";
        Post added = posts.add(alice.id(), JAN_1_2018, title("<b>bold</b> & 🚀"), body(tricky), ENGLISH);

        Post read = posts.findById(added.id()).orElseThrow();
        assertThat(read.title()).isEqualTo(title("<b>bold</b> & 🚀"));
        assertThat(read.body()).isEqualTo(body(tricky));
    }

    @Test
    void unknownPostsAreEmpty() {
        assertThat(posts.findById(new PostId(424_242))).isEmpty();
        assertThat(posts.findListingById(new PostId(424_242))).isEmpty();
    }

    @Test
    void aPostReadsBackWithItsAuthorsName() {
        posts.add(alice.id(), JAN_1_2018, title("other"), body(""), ENGLISH);
        Post added = posts.add(bob.id(), JAN_1_2018.plusSeconds(5), title("Hej"), body("line\ntwo"), DANISH);

        PostListing read = posts.findListingById(added.id()).orElseThrow();

        assertThat(read.id()).isEqualTo(added.id());
        assertThat(read.authorId()).isEqualTo(bob.id());
        assertThat(read.authorUsername()).isEqualTo(username("bob"));
        assertThat(read.created()).isEqualTo(added.created());
        assertThat(read.title()).isEqualTo(title("Hej"));
        assertThat(read.body()).isEqualTo(body("line\ntwo"));
        assertThat(read.language()).isEqualTo(DANISH);
        assertThat(posts.findPage(PostPageRequest.first()).posts()).extracting(PostListing::language)
                .containsExactly(DANISH, ENGLISH);
    }

    @Test
    void updateReplacesTitleAndBodyOnly() {
        Post added = posts.add(alice.id(), JAN_1_2018, title("old"), body("old body"), ENGLISH);

        assertThat(posts.update(added.id(), title("new"), body("new body"), ENGLISH)).isTrue();

        Post read = posts.findById(added.id()).orElseThrow();
        assertThat(read.title()).isEqualTo(title("new"));
        assertThat(read.body()).isEqualTo(body("new body"));
        assertThat(read.created()).isEqualTo(JAN_1_2018);
        assertThat(read.authorId()).isEqualTo(alice.id());
    }

    @Test
    void theLanguageIsKeptAndAnUpdateCanChangeIt() {
        Post danish = posts.add(alice.id(), JAN_1_2018, title("Hej"), body("verden"), DANISH);
        Post english = posts.add(alice.id(), JAN_1_2018, title("Hello"), body("world"), ENGLISH);

        assertThat(posts.findById(danish.id()).orElseThrow().language()).isEqualTo(DANISH);
        assertThat(posts.findById(english.id()).orElseThrow().language()).isEqualTo(ENGLISH);

        assertThat(posts.update(danish.id(), title("Hello again"), body("world"), ENGLISH)).isTrue();
        assertThat(posts.findById(danish.id()).orElseThrow().language()).isEqualTo(ENGLISH);
    }

    @Test
    void updateOfAMissingPostSaysSo() {
        assertThat(posts.update(new PostId(424_242), title("x"), body("y"), ENGLISH)).isFalse();
    }

    @Test
    void deleteRemovesOnlyThatPost() {
        Post gone = posts.add(alice.id(), JAN_1_2018, title("gone"), body(""), ENGLISH);
        Post kept = posts.add(alice.id(), JAN_1_2018, title("kept"), body(""), ENGLISH);

        assertThat(posts.delete(gone.id())).isTrue();

        assertThat(posts.findById(gone.id())).isEmpty();
        assertThat(posts.findById(kept.id())).contains(kept);
        assertThat(posts.delete(gone.id())).isFalse();
    }

    @Test
    void anEmptyIndexHasNoPostsAndNoNextPage() {
        PostPage page = posts.findPage(PostPageRequest.first());

        assertThat(page.posts()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void theIndexIsNewestFirstWithAuthorsNames() {
        Post older = posts.add(alice.id(), JAN_1_2018, title("older"), body("a"), ENGLISH);
        Post newer = posts.add(bob.id(), JAN_1_2018.plusSeconds(60), title("newer"), body("b"), ENGLISH);

        PostPage page = posts.findPage(PostPageRequest.first());

        assertThat(page.posts()).extracting(PostListing::id).containsExactly(newer.id(), older.id());
        PostListing first = page.posts().get(0);
        assertThat(first.authorUsername()).isEqualTo(username("bob"));
        assertThat(first.authorId()).isEqualTo(bob.id());
        assertThat(first.created()).isEqualTo(newer.created());
        assertThat(first.title()).isEqualTo(title("newer"));
        assertThat(first.body()).isEqualTo(body("b"));
        assertThat(page.posts().get(1).authorUsername()).isEqualTo(username("alice"));
        assertThat(page.next()).isEmpty();
    }

    @Test
    void postsCreatedAtTheSameInstantAreOrderedByIdDescending() {
        Post first = posts.add(alice.id(), JAN_1_2018, title("first"), body(""), ENGLISH);
        Post second = posts.add(alice.id(), JAN_1_2018, title("second"), body(""), ENGLISH);

        PostPage page = posts.findPage(PostPageRequest.first());

        assertThat(page.posts()).extracting(PostListing::id).containsExactly(second.id(), first.id());
    }

    @Test
    void pagesWalkTheWholeIndexOnceWithoutGapsOrRepeats() {
        List<Post> added = new ArrayList<>();
        // 7 posts, pairs sharing a timestamp, so the id tie-break is exercised across pages.
        for (int i = 0; i < 7; i++) {
            Instant created = JAN_1_2018.plus(Duration.ofMinutes(i / 2));
            added.add(posts.add(i % 2 == 0 ? alice.id() : bob.id(), created, title("post " + i), body(""), ENGLISH));
        }
        List<PostId> expected = added.stream()
                .sorted(Comparator.comparing(Post::created).thenComparingLong((Post p) -> p.id().value()).reversed())
                .map(Post::id)
                .toList();

        List<PostId> seen = new ArrayList<>();
        Optional<PostCursor> cursor = Optional.empty();
        int pages = 0;
        do {
            PostPage page = posts.findPage(new PostPageRequest(cursor, 3));
            assertThat(page.posts()).hasSizeLessThanOrEqualTo(3);
            page.posts().forEach(p -> seen.add(p.id()));
            cursor = page.next();
            pages++;
        } while (cursor.isPresent() && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        for (int i = 0; i < 4; i++) {
            posts.add(alice.id(), JAN_1_2018.plusSeconds(i), title("p" + i), body(""), ENGLISH);
        }

        PostPage first = posts.findPage(new PostPageRequest(Optional.empty(), 2));
        PostPage second = posts.findPage(new PostPageRequest(first.next(), 2));

        assertThat(first.next()).isPresent();
        assertThat(second.posts()).hasSize(2);
        assertThat(second.next()).isEmpty();
    }

    @Test
    void aCursorPastTheEndGivesAnEmptyPage() {
        posts.add(alice.id(), JAN_1_2018, title("only"), body(""), ENGLISH);

        PostPage page = posts.findPage(PostPageRequest.after(new PostCursor(JAN_1_2018.minusSeconds(1), new PostId(1))));

        assertThat(page.posts()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void aCursorOfADeletedPostStillFindsTheOlderOnes() {
        Post oldest = posts.add(alice.id(), JAN_1_2018, title("oldest"), body(""), ENGLISH);
        Post middle = posts.add(alice.id(), JAN_1_2018.plusSeconds(1), title("middle"), body(""), ENGLISH);
        PostCursor cursor = new PostCursor(middle.created(), middle.id());
        posts.delete(middle.id());

        PostPage page = posts.findPage(PostPageRequest.after(cursor));

        assertThat(page.posts()).extracting(PostListing::id).containsExactly(oldest.id());
    }

    @Test
    void everyUpdateGivesThePostANewRevisionThatEveryReadSees() {
        Post added = posts.add(alice.id(), JAN_1_2018, title("t"), body("b"), ENGLISH);
        long first = revisionOf(added.id());
        assertThat(posts.findPage(PostPageRequest.first()).posts().get(0).revision()).isEqualTo(first);

        assertThat(posts.update(added.id(), title("t"), body("changed"), ENGLISH)).isTrue();
        long second = revisionOf(added.id());
        assertThat(posts.update(added.id(), title("t"), body("changed"), ENGLISH)).isTrue();
        long third = revisionOf(added.id());

        assertThat(second).as("an edit").isNotEqualTo(first);
        assertThat(third).as("an update that changes no text").isNotIn(first, second);
        assertThat(posts.findPage(PostPageRequest.first()).posts().get(0).revision()).isEqualTo(third);
        assertThat(posts.findIndexPage(PostPageRequest.first(), summary -> false).posts().get(0).summary().revision())
                .isEqualTo(third);
    }

    @Test
    void anUpdateLeavesTheOtherPostsRevisionsAlone() {
        Post edited = posts.add(alice.id(), JAN_1_2018, title("edited"), body(""), ENGLISH);
        Post other = posts.add(bob.id(), JAN_1_2018, title("other"), body(""), ENGLISH);
        long otherBefore = revisionOf(other.id());

        posts.update(edited.id(), title("edited again"), body(""), ENGLISH);

        assertThat(revisionOf(other.id())).isEqualTo(otherBefore);
    }

    @Test
    void theIndexPageReadsBodiesOnlyForThePostsTheReaderDoesNotHold() {
        Post oldest = posts.add(alice.id(), JAN_1_2018, title("oldest"), body("oldest body"), ENGLISH);
        Post middle = posts.add(bob.id(), JAN_1_2018.plusSeconds(1), title("middle"), body("middle body"), DANISH);
        Post newest = posts.add(alice.id(), JAN_1_2018.plusSeconds(2), title("newest"), body("newest body"), ENGLISH);
        PostPage full = posts.findPage(PostPageRequest.first());
        PostSummary held = posts.findListingById(middle.id()).orElseThrow().summary();
        List<PostSummary> asked = new ArrayList<>();

        IndexPage page = posts.findIndexPage(PostPageRequest.first(), summary -> {
            asked.add(summary);
            return summary.equals(held);
        });

        assertThat(asked).as("asked once per post, with the summaries findPage gives")
                .containsExactlyElementsOf(full.posts().stream().map(PostListing::summary).toList());
        assertThat(page.posts()).extracting(IndexedPost::summary)
                .containsExactlyElementsOf(full.posts().stream().map(PostListing::summary).toList());
        assertThat(page.posts()).extracting(IndexedPost::body)
                .containsExactly(Optional.of(body("newest body")), Optional.empty(), Optional.of(body("oldest body")));
        assertThat(page.posts().get(1).summary().authorUsername()).isEqualTo(username("bob"));
        assertThat(page.posts().get(1).summary().language()).isEqualTo(DANISH);
        assertThat(page.next()).isEmpty();
        assertThat(page.posts()).extracting(p -> p.summary().id()).containsExactly(newest.id(), middle.id(), oldest.id());
    }

    @Test
    void aHeldBodyOfAnOlderRevisionIsReadAgain() {
        Post post = posts.add(alice.id(), JAN_1_2018, title("t"), body("before"), ENGLISH);
        PostSummary before = posts.findListingById(post.id()).orElseThrow().summary();
        posts.update(post.id(), title("t"), body("after"), ENGLISH);

        IndexPage page = posts.findIndexPage(PostPageRequest.first(), before::equals);

        assertThat(page.posts()).hasSize(1);
        assertThat(page.posts().get(0).body()).contains(body("after"));
        assertThat(page.posts().get(0).summary().revision()).isNotEqualTo(before.revision());
    }

    @Test
    void indexPagesWalkTheIndexAsFindPageDoes() {
        for (int i = 0; i < 5; i++) {
            posts.add(alice.id(), JAN_1_2018.plusSeconds(i / 2), title("p" + i), body("body " + i), ENGLISH);
        }
        Set<PostId> heldIds = Set.of(posts.findPage(PostPageRequest.first()).posts().get(0).id());
        Optional<PostCursor> cursor = Optional.empty();
        List<PostId> seen = new ArrayList<>();
        int pages = 0;
        do {
            PostPageRequest request = new PostPageRequest(cursor, 2);
            PostPage full = posts.findPage(request);
            IndexPage page = posts.findIndexPage(request, summary -> heldIds.contains(summary.id()));
            assertThat(page.next()).isEqualTo(full.next());
            assertThat(page.posts()).extracting(p -> p.summary().id())
                    .containsExactlyElementsOf(full.posts().stream().map(PostListing::id).toList());
            page.posts().forEach(p -> {
                seen.add(p.summary().id());
                assertThat(p.body().isPresent()).isNotEqualTo(heldIds.contains(p.summary().id()));
            });
            cursor = page.next();
            pages++;
        } while (cursor.isPresent() && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    }

    protected long revisionOf(PostId id) {
        return posts.findListingById(id).orElseThrow().revision();
    }
}
