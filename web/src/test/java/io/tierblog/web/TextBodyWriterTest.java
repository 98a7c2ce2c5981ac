package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.MessageBodyHandlerRegistry;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.User;
import io.tierblog.domain.testing.TestData;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pages leave as UTF-8 bytes, whatever they hold, written by the {@link TextBodyWriter}. */
@MicronautTest
class TextBodyWriterTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    Seed seed;

    @Inject
    MessageBodyHandlerRegistry registry;

    @BeforeEach
    void setUp() {
        seed.reset();
    }

    @Test
    void textBodiesAreWrittenByIt() {
        assertThat(registry.findWriter(Argument.of(String.class), MediaType.TEXT_HTML_TYPE))
                .containsInstanceOf(TextBodyWriter.class);
        assertThat(registry.findWriter(Argument.of(CharSequence.class), MediaType.TEXT_PLAIN_TYPE))
                .containsInstanceOf(TextBodyWriter.class);
    }

    @Test
    void pagesAreUtf8WithTheRightLength() {
        String title = "Grüße, 中文 and \uD83D\uDE00 & <more>";
        User author = seed.user("jürgen", "pw");
        seed.posts.add(author.id(), Instant.parse("2024-02-03T04:05:06Z"), TestData.title(title),
                TestData.body("é".repeat(500)), Language.ENGLISH);

        HttpResponse<byte[]> response = client.toBlocking().exchange(HttpRequest.GET("/"), byte[].class);

        byte[] bytes = response.body();
        String page = new String(bytes, StandardCharsets.UTF_8);
        assertThat(response.getContentType()).contains(Pages.HTML);
        assertThat(response.getContentLength()).isEqualTo(bytes.length);
        assertThat(page).contains("Grüße, 中文 and \uD83D\uDE00 &amp; &lt;more&gt;", "by jürgen on 2024-02-03",
                "é".repeat(500));
        assertThat(page.getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
    }
}
