package io.tierblog.persistence;

import static io.tierblog.domain.testing.TestData.JAN_1_2018;
import static io.tierblog.domain.testing.TestData.body;
import static io.tierblog.domain.testing.TestData.hash;
import static io.tierblog.domain.testing.TestData.title;
import static io.tierblog.domain.testing.TestData.username;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.transaction.TransactionOperations;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostListing;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.User;
import io.tierblog.domain.port.out.PostRepository;
import io.tierblog.domain.port.out.UserRepository;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapters declare no transactions: they work in the one their caller opened, as the app's
 * use-case boundary does with {@code TransactionOperations<Connection>}.
 */
class CallersTransactionTest {
    private static PostgresAdapters adapters;
    private UserRepository users;
    private PostRepository posts;
    private TransactionOperations<Connection> transactions;

    @BeforeAll
    static void startContext() {
        adapters = PostgresAdapters.start("callers_tx");
    }

    @AfterAll
    static void closeContext() {
        adapters.close();
    }

    @BeforeEach
    void emptyTables() {
        adapters.truncate();
        users = adapters.bean(UserRepository.class);
        posts = adapters.bean(PostRepository.class);
        transactions = adapters.bean(Argument.of(TransactionOperations.class, Connection.class));
    }

    @Test
    void everythingDoneInARolledBackTransactionIsGone() {
        transactions.executeWrite(status -> {
            User alice = users.add(username("alice"), hash("a"));
            Post post = posts.add(alice.id(), JAN_1_2018, title("draft"), body(""), Language.ENGLISH);
            assertThat(posts.findPage(PostPageRequest.first()).posts())
                    .as("the transaction sees its own writes")
                    .extracting(PostListing::id).containsExactly(post.id());
            status.setRollbackOnly();
            return null;
        });

        assertThat(users.findByUsername(username("alice"))).isEmpty();
        assertThat(posts.findPage(PostPageRequest.first()).posts()).isEmpty();
    }

    @Test
    void aCommittedTransactionKeepsEverything() {
        User alice = transactions.executeWrite(status -> {
            User added = users.add(username("alice"), hash("a"));
            posts.add(added.id(), JAN_1_2018, title("kept"), body(""), Language.ENGLISH);
            return added;
        });

        assertThat(users.findById(alice.id())).contains(alice);
        assertThat(posts.findPage(PostPageRequest.first()).posts()).hasSize(1);
    }
}
