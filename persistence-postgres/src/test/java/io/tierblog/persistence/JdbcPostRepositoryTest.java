package io.tierblog.persistence;

import static io.tierblog.domain.testing.TestData.JAN_1_2018;
import static io.tierblog.domain.testing.TestData.body;
import static io.tierblog.domain.testing.TestData.title;
import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.domain.model.IndexPage;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostPage;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.port.out.PostRepository;
import io.tierblog.domain.port.out.UserRepository;
import io.tierblog.domain.testing.PostRepositoryContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcPostRepositoryTest extends PostRepositoryContract {
    private static PostgresAdapters adapters;

    @BeforeAll
    static void startContext() {
        adapters = PostgresAdapters.start("jdbc_posts", Map.of(StatementCounter.ENABLED, "true"));
    }

    @AfterAll
    static void closeContext() {
        adapters.close();
    }

    @Override
    protected Repositories emptyRepositories() {
        adapters.truncate();
        return new Repositories(adapters.bean(UserRepository.class), adapters.bean(PostRepository.class));
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(posts).isInstanceOf(JdbcPostRepository.class);
    }

    @Test
    void theInstantIsStoredAsThatInstantWhateverTheJvmTimeZone() throws Exception {
        Instant created = Instant.parse("2024-03-31T01:30:00.654321Z");
        Post added = posts.add(alice.id(), created, title("t"), body(""), Language.ENGLISH);

        try (Connection connection = adapters.database().connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT created = '2024-03-31 01:30:00.654321+00'::timestamptz FROM posts WHERE id = ?")) {
            statement.setLong(1, added.id().value());
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getBoolean(1))
                        .as("stored instant, with the JVM in %s", TimeZone.getDefault().getID())
                        .isTrue();
            }
        }
    }

    @Test
    void instantsFinerThanMicrosecondsAreCutToMicrosecondsAndReadBackAsReturned() {
        Instant withNanos = Instant.parse("2024-05-06T07:08:09.123456789Z");

        Post added = posts.add(alice.id(), withNanos, title("t"), body(""), Language.ENGLISH);

        assertThat(added.created()).isEqualTo(Instant.parse("2024-05-06T07:08:09.123456Z"));
        assertThat(posts.findById(added.id())).contains(added);
    }

    @Test
    void aPageIsOneStatementWhateverTheNumberOfAuthors() {
        for (int i = 0; i < 6; i++) {
            posts.add(i % 2 == 0 ? alice.id() : bob.id(), JAN_1_2018.plusSeconds(i), title("p" + i), body(""), Language.ENGLISH);
        }
        StatementCounter counter = adapters.bean(StatementCounter.class);

        counter.reset();
        PostPage first = posts.findPage(new PostPageRequest(Optional.empty(), 4));
        int firstPageStatements = counter.count();
        counter.reset();
        PostPage second = posts.findPage(new PostPageRequest(first.next(), 4));
        int secondPageStatements = counter.count();

        assertThat(first.posts()).hasSize(4);
        assertThat(second.posts()).hasSize(2);
        assertThat(firstPageStatements).isEqualTo(1);
        assertThat(secondPageStatements).isEqualTo(1);
    }

    @Test
    void anIndexPageIsOneStatementWhenEveryBodyIsHeldAndTwoOtherwise() {
        for (int i = 0; i < 6; i++) {
            posts.add(i % 2 == 0 ? alice.id() : bob.id(), JAN_1_2018.plusSeconds(i), title("p" + i), body("b" + i),
                    Language.ENGLISH);
        }
        StatementCounter counter = adapters.bean(StatementCounter.class);
        PostPageRequest request = new PostPageRequest(Optional.empty(), 4);

        counter.reset();
        IndexPage cold = posts.findIndexPage(request, summary -> false);
        int coldStatements = counter.count();
        counter.reset();
        IndexPage warm = posts.findIndexPage(request, summary -> true);
        int warmStatements = counter.count();
        counter.reset();
        IndexPage mixed = posts.findIndexPage(request, summary -> summary.title().value().equals("p5"));
        int mixedStatements = counter.count();
        counter.reset();
        IndexPage deep = posts.findIndexPage(new PostPageRequest(cold.next(), 4), summary -> true);
        int deepStatements = counter.count();

        assertThat(cold.posts()).hasSize(4).allSatisfy(p -> assertThat(p.body()).isPresent());
        assertThat(warm.posts()).hasSize(4).allSatisfy(p -> assertThat(p.body()).isEmpty());
        assertThat(mixed.posts()).extracting(p -> p.body().isPresent()).containsExactly(false, true, true, true);
        assertThat(deep.posts()).hasSize(2);
        assertThat(coldStatements).as("summaries, then the bodies").isEqualTo(2);
        assertThat(warmStatements).as("summaries only").isEqualTo(1);
        assertThat(mixedStatements).isEqualTo(2);
        assertThat(deepStatements).isEqualTo(1);
    }

    @Test
    void anUpdateByAnotherClientGivesANewRevisionTooAndNoStatementCanSetOne() {
        Post post = posts.add(alice.id(), JAN_1_2018, title("t"), body("by the app"), Language.ENGLISH);
        long byTheApp = revisionOf(post.id());

        adapters.database().execute("UPDATE posts SET body = 'by psql' WHERE id = " + post.id().value());
        long byPsql = revisionOf(post.id());
        adapters.database().execute("UPDATE posts SET revision = " + byTheApp + " WHERE id = " + post.id().value());
        long forced = revisionOf(post.id());

        assertThat(byPsql).isNotEqualTo(byTheApp);
        assertThat(forced).as("a revision set by hand is replaced").isNotIn(byTheApp, byPsql);
        IndexPage page = posts.findIndexPage(PostPageRequest.first(),
                summary -> summary.revision() == byTheApp);
        assertThat(page.posts().get(0).body()).contains(body("by psql"));
    }

    @Test
    void aPostInsertedAgainUnderTheIdOfADeletedOneGetsARevisionItNeverHad() {
        Post gone = posts.add(alice.id(), JAN_1_2018, title("gone"), body("old"), Language.ENGLISH);
        long old = revisionOf(gone.id());
        posts.delete(gone.id());

        adapters.database().execute("INSERT INTO posts (id, author_id, created, title, body, revision)"
                + " OVERRIDING SYSTEM VALUE VALUES (" + gone.id().value() + ", " + alice.id().value()
                + ", now(), 'back', 'new', " + old + ")");

        assertThat(revisionOf(gone.id())).isNotEqualTo(old);
    }

    /** {@code bodyHeld} is asked between the two statements: what another client does meanwhile is seen. */
    @Test
    void aPostEditedOrDeletedBetweenTheTwoStatementsComesAsTheSecondReadsIt() {
        Post edited = posts.add(alice.id(), JAN_1_2018, title("edited"), body("before"), Language.ENGLISH);
        Post deleted = posts.add(alice.id(), JAN_1_2018.plusSeconds(1), title("deleted"), body("gone"), Language.ENGLISH);
        Post kept = posts.add(bob.id(), JAN_1_2018.plusSeconds(2), title("kept"), body("kept"), Language.ENGLISH);
        long editedBefore = revisionOf(edited.id());

        IndexPage page = posts.findIndexPage(PostPageRequest.first(), summary -> {
            if (summary.id().equals(kept.id())) {
                // Another client, after the summaries were read and before the bodies are.
                adapters.database().execute(
                        "UPDATE posts SET title = 'edited meanwhile', body = 'after' WHERE id = " + edited.id().value(),
                        "DELETE FROM posts WHERE id = " + deleted.id().value());
            }
            return false;
        });

        assertThat(page.posts()).extracting(p -> p.summary().id()).containsExactly(kept.id(), edited.id());
        assertThat(page.posts().get(1).summary().title()).isEqualTo(title("edited meanwhile"));
        assertThat(page.posts().get(1).summary().revision()).isNotEqualTo(editedBefore);
        assertThat(page.posts().get(1).body()).contains(body("after"));
    }
}
