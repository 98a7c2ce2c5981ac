package io.tierblog.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.domain.model.Language;
import io.tierblog.domain.exception.InvalidInputException;
import io.tierblog.domain.exception.NotPostAuthorException;
import io.tierblog.domain.exception.PostNotFoundException;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostListing;
import io.tierblog.domain.model.PostPage;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.User;
import io.tierblog.domain.port.in.DeletePostCommand;
import io.tierblog.domain.port.in.EditPostCommand;
import io.tierblog.domain.port.in.PublishPostCommand;
import io.tierblog.domain.testing.InMemoryPostRepository;
import io.tierblog.domain.testing.InMemoryUserRepository;
import io.tierblog.domain.testing.TestData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PostServicesTest {
    private static final Instant NOW = Instant.parse("2018-01-01T10:11:12.123456789Z");

    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryPostRepository posts = new InMemoryPostRepository(users);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final PublishPostService publish = new PublishPostService(posts, clock);
    private final EditPostService edit = new EditPostService(posts);
    private final DeletePostService delete = new DeletePostService(posts);
    private final GetPostForEditService getForEdit = new GetPostForEditService(posts);
    private final ListPostsService list = new ListPostsService(posts);
    private final User author = users.add(TestData.username("test"), TestData.hash("test"));
    private final User other = users.add(TestData.username("other"), TestData.hash("other"));

    @Test
    void publishingStampsTheClocksTimeToTheMicrosecond() {
        Post post = publish.publish(PublishPostCommand.of(author.id(), "test title", "test\nbody", "en"));

        assertThat(post.created()).isEqualTo(Instant.parse("2018-01-01T10:11:12.123456Z"));
        assertThat(posts.findById(post.id())).contains(post);
    }

    @Test
    void aTitleIsRequiredAndTheBodyIsNot() {
        assertThatThrownBy(() -> PublishPostCommand.of(author.id(), "", "", "en"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Title is required.");
        assertThat(PublishPostCommand.of(author.id(), "t", "", "en").body()).isEqualTo(new PostBody(""));
    }

    @Test
    void theAuthorCanEditTheirPost() {
        Post post = publish.publish(PublishPostCommand.of(author.id(), "old", "old", "en"));

        Post edited = edit.edit(EditPostCommand.of(post.id(), author.id(), "updated", "", "en"));

        assertThat(edited.title()).isEqualTo(new Title("updated"));
        assertThat(posts.findById(post.id()).orElseThrow().title()).isEqualTo(new Title("updated"));
        assertThat(posts.findById(post.id()).orElseThrow().created()).isEqualTo(post.created());
    }

    @Test
    void nobodyElseCanEditOrDeleteIt() {
        Post post = publish.publish(PublishPostCommand.of(author.id(), "mine", "", "en"));

        assertThatThrownBy(() -> edit.edit(EditPostCommand.of(post.id(), other.id(), "theirs", "", "en")))
                .isInstanceOf(NotPostAuthorException.class);
        assertThatThrownBy(() -> delete.delete(new DeletePostCommand(post.id(), other.id())))
                .isInstanceOf(NotPostAuthorException.class);
        assertThatThrownBy(() -> getForEdit.getForEdit(post.id(), other.id()))
                .isInstanceOf(NotPostAuthorException.class);
        assertThat(posts.findById(post.id())).contains(post);
    }

    @Test
    void aPostIsInEnglishUnlessItsAuthorSaysDanishAndAnEditCanChangeIt() {
        Post english = publish.publish(PublishPostCommand.of(author.id(), "hello", "", ""));
        Post danish = publish.publish(PublishPostCommand.of(author.id(), "hej", "", "da"));

        Post edited = edit.edit(EditPostCommand.of(danish.id(), author.id(), "hello", "", "en"));

        assertThat(english.language()).isEqualTo(Language.ENGLISH);
        assertThat(danish.language()).isEqualTo(Language.DANISH);
        assertThat(edited.language()).isEqualTo(Language.ENGLISH);
        assertThat(posts.findById(danish.id()).orElseThrow().language()).isEqualTo(Language.ENGLISH);
    }

    @Test
    void anUnknownLanguageIsRefusedWithAMessageForTheLanguageField() {
        for (String code : new String[] {"de", "EN", "en ", "english", "\u0000"}) {
            assertThatThrownBy(() -> PublishPostCommand.of(author.id(), "t", "", code))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Language must be one of en, da.")
                    .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("language"));
        }
        assertThatThrownBy(() -> EditPostCommand.of(new PostId(1), author.id(), "t", "", "xx"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void eachLanguageNamesItsPostgresTextSearchConfiguration() {
        assertThat(Language.ENGLISH.code()).isEqualTo("en");
        assertThat(Language.ENGLISH.searchConfiguration()).isEqualTo("english");
        assertThat(Language.DANISH.code()).isEqualTo("da");
        assertThat(Language.DANISH.searchConfiguration()).isEqualTo("danish");
        assertThat(Language.fromCode("da")).contains(Language.DANISH);
        assertThat(Language.fromCode("dk")).isEmpty();
        assertThat(Language.DEFAULT).isEqualTo(Language.ENGLISH);
    }

    @Test
    void aMissingPostIsNotFoundBeforeAuthorshipIsAsked() {
        PostId missing = new PostId(99);

        assertThatThrownBy(() -> edit.edit(EditPostCommand.of(missing, author.id(), "x", "", "en")))
                .isInstanceOf(PostNotFoundException.class)
                .hasMessage("Post id 99 doesn't exist.");
        assertThatThrownBy(() -> delete.delete(new DeletePostCommand(missing, author.id())))
                .isInstanceOf(PostNotFoundException.class);
        assertThatThrownBy(() -> getForEdit.getForEdit(missing, other.id()))
                .isInstanceOf(PostNotFoundException.class);
    }

    @Test
    void theAuthorCanDeleteTheirPost() {
        Post post = publish.publish(PublishPostCommand.of(author.id(), "gone", "", "en"));

        delete.delete(new DeletePostCommand(post.id(), author.id()));

        assertThat(posts.findById(post.id())).isEmpty();
    }

    @Test
    void theIndexIsNewestFirstWithAuthorsNamesInPagesOfTwenty() {
        for (int i = 0; i < 25; i++) {
            posts.add(i % 2 == 0 ? author.id() : other.id(), NOW.plusSeconds(i), new Title("post " + i), new PostBody(""), Language.ENGLISH);
        }

        PostPage first = list.list(PostPageRequest.first());
        PostPage second = list.list(PostPageRequest.after(first.next().orElseThrow()));

        assertThat(first.posts()).hasSize(20);
        assertThat(first.posts().get(0).title()).isEqualTo(new Title("post 24"));
        assertThat(first.posts().get(0).authorUsername()).isEqualTo(TestData.username("test"));
        assertThat(first.posts().get(1).authorUsername()).isEqualTo(TestData.username("other"));
        assertThat(second.posts()).extracting(PostListing::title)
                .containsExactly(new Title("post 4"), new Title("post 3"), new Title("post 2"), new Title("post 1"),
                        new Title("post 0"));
        assertThat(second.next()).isEmpty();
    }
}
