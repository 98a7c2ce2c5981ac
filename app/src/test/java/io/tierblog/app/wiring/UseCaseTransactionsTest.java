package io.tierblog.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.Username;
import io.tierblog.domain.model.PasswordHash;
import io.tierblog.domain.port.in.EditPostCommand;
import io.tierblog.domain.port.in.EditPostUseCase;
import io.tierblog.domain.port.in.PublishPostCommand;
import io.tierblog.domain.port.in.PublishPostUseCase;
import io.tierblog.domain.port.out.PostRepository;
import io.tierblog.domain.port.out.UserRepository;
import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transaction boundary sits at the use case: all of a use case's writes, or none. */
class UseCaseTransactionsTest {
    private static ApplicationContext context;
    private static UserRepository users;
    private static PostRepository posts;
    private static UseCaseTransactions transactions;

    @BeforeAll
    static void start() {
        TestDatabase database = TestDatabases.freshSchema("transactions");
        database.migrate();
        Map<String, Object> properties = new HashMap<>(database.micronautProperties());
        properties.put("tierblog.data-tier.migrate-on-start", false);
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret",
                "a-test-secret-that-is-long-enough-for-hs256");
        context = ApplicationContext.run(properties);
        users = context.getBean(UserRepository.class);
        posts = context.getBean(PostRepository.class);
        transactions = context.getBean(UseCaseTransactions.class);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aUseCaseThatFailsAfterWritingLeavesNothingBehind() {
        User author = users.add(new Username("rollback"), new PasswordHash("h"));
        PublishPostUseCase writesTwiceThenFails = transactions.writing(PublishPostUseCase.class, command -> {
            posts.add(command.authorId(), Instant.now(), command.title(), command.body(), command.language());
            posts.add(command.authorId(), Instant.now(), command.title(), command.body(), command.language());
            throw new IllegalStateException("failed after two writes");
        });

        assertThatThrownBy(() -> writesTwiceThenFails.publish(PublishPostCommand.of(author.id(), "never", "seen", "en")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("failed after two writes");
        assertThat(postsTitled("never")).isZero();
    }

    @Test
    void aUseCaseThatReturnsCommitsAllItsWrites() {
        User author = users.add(new Username("commit"), new PasswordHash("h"));
        PublishPostUseCase writesTwice = transactions.writing(PublishPostUseCase.class, command -> {
            posts.add(command.authorId(), Instant.now(), command.title(), command.body(), command.language());
            return posts.add(command.authorId(), Instant.now(), command.title(), command.body(), command.language());
        });

        writesTwice.publish(PublishPostCommand.of(author.id(), "twice", "", "en"));

        assertThat(postsTitled("twice")).isEqualTo(2);
    }

    @Test
    void theWiredEditUseCaseRunsInATransaction() {
        User author = users.add(new Username("wired"), new PasswordHash("h"));
        Post post = context.getBean(PublishPostUseCase.class)
                .publish(PublishPostCommand.of(author.id(), "before", "", "en"));

        EditPostUseCase edit = context.getBean(EditPostUseCase.class);
        assertThat(edit.toString()).startsWith("transactional EditPostUseCase");
        edit.edit(EditPostCommand.of(post.id(), author.id(), "after", "body", "en"));

        assertThat(posts.findById(post.id()).orElseThrow().title()).isEqualTo(new Title("after"));
        assertThat(posts.findById(post.id()).orElseThrow().body()).isEqualTo(new PostBody("body"));
    }

    private static long postsTitled(String title) {
        return posts.findPage(new PostPageRequest(java.util.Optional.empty(), PostPageRequest.MAX_SIZE)).posts()
                .stream().filter(p -> p.title().value().equals(title)).count();
    }
}
