package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** flaskr's tests/test_factory.py. */
@MicronautTest
class FactoryTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ApplicationContext context;

    /** test_config: the application takes its configuration from the environment it starts in. */
    @Test
    void configurationComesFromTheEnvironmentTheContextStartsIn() {
        assertThat(context.getEnvironment().getActiveNames()).contains("test");
        assertThat(context.getProperty("micronaut.security.token.jwt.signatures.secret.generator.secret",
                String.class)).contains("web-tier-tests-secret-of-at-least-32-bytes");

        try (ApplicationContext other = ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments("other")
                .properties(Map.of(
                        "micronaut.security.token.jwt.signatures.secret.generator.secret",
                        "another-secret-of-at-least-thirty-two-bytes"))
                .start()) {
            assertThat(other.getEnvironment().getActiveNames()).doesNotContain("test");
            FlashMessages mine = context.getBean(FlashMessages.class);
            FlashMessages theirs = other.getBean(FlashMessages.class);
            String signedByOther = theirs.cookieFor("hello", HttpRequest.GET("/")).getValue();
            assertThat(theirs.verify(signedByOther)).contains("hello");
            assertThat(mine.verify(signedByOther)).isEmpty();
        }
    }

    /** test_hello. */
    @Test
    void hello() {
        Browser.Response response = new Browser(client).get("/hello");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello, World!");
        assertThat(response.headers().getContentType()).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    }
}
