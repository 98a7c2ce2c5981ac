package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.testing.TestData;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The index, 20 posts a page, newest first, with a keyset cursor in the "Older posts" link. */
@MicronautTest
class PaginationTest extends BrowserTest {
    private static final Instant START = Instant.parse("2024-02-03T04:05:06.123456Z");


    @BeforeEach
    void withoutPosts() {
        seed.posts.clear();
    }

    @Test
    void twentyFivePostsMakeTwoPages() {
        publish(25, i -> START.plusSeconds(i));

        Document first = browser.get("/").html();
        assertThat(titles(first)).isEqualTo(range(25, 6));
        String older = first.select("a[rel=next]").attr("href");
        assertThat(first.select("a[rel=next]").text()).isEqualTo("Older posts");
        assertThat(older).isEqualTo("/?after=" + micros(START.plusSeconds(6)) + "-6");
        assertThat(first.select("nav.pages a[href=/]")).isEmpty();

        Browser.Response second = browser.get(older);
        assertThat(second.status()).isEqualTo(200);
        Document page = second.html();
        assertThat(titles(page)).isEqualTo(range(5, 1));
        assertThat(page.select("a[rel=next]")).isEmpty();
        assertThat(page.body().text()).doesNotContain("Older posts");
        assertThat(page.select("nav.pages a[href=/]").text()).isEqualTo("Newest posts");
    }

    @Test
    void postsWrittenInTheSameMicrosecondAreSplitByIdWithoutLosingAny() {
        publish(25, i -> START);

        Document first = browser.get("/").html();
        assertThat(titles(first)).isEqualTo(range(25, 6));
        Document second = browser.get(first.select("a[rel=next]").attr("href")).html();
        assertThat(titles(second)).isEqualTo(range(5, 1));
    }

    @Test
    void exactlyTwentyPostsAreOnePage() {
        publish(20, i -> START.plusSeconds(i));

        Document first = browser.get("/").html();
        assertThat(titles(first)).hasSize(20);
        assertThat(first.select("a[rel=next]")).isEmpty();
    }

    @Test
    void anEmptyCursorIsTheFirstPage() {
        publish(3, i -> START.plusSeconds(i));

        Browser.Response response = browser.get("/?after=");

        assertThat(response.status()).isEqualTo(200);
        assertThat(titles(response.html())).isEqualTo(range(3, 1));
    }

    @Test
    void aCursorPastTheOldestPostIsAnEmptyPageWithAWayBack() {
        publish(3, i -> START.plusSeconds(i));

        Document page = browser.get("/?after=" + micros(START.plusSeconds(1)) + "-1").html();

        assertThat(titles(page)).isEmpty();
        assertThat(page.select("p.empty").text()).isEqualTo("There are no older posts.");
        assertThat(page.select("nav.pages a[href=/]").text()).isEqualTo("Newest posts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "123", "1-0", "1-abc", "-1", "1-2-3", "99999999999999999999-1",
        "1-99999999999999999999", "%3Cscript%3E"})
    void aMalformedCursorIsAFriendlyBadRequest(String cursor) {
        publish(3, i -> START.plusSeconds(i));

        Browser.Response response = browser.get("/?after=" + cursor);

        assertThat(response.status()).isEqualTo(400);
        Document page = response.html();
        assertThat(page.select("main h1").text()).isEqualTo("Bad Request");
        assertThat(page.select("main .message").text()).isEqualTo(BlogController.BAD_CURSOR);
        assertThat(page.select("main a[href=/]")).isNotEmpty();
        assertThat(page.select("nav a[href=/auth/login]").text()).isEqualTo("Log In");
    }

    private void publish(int count, IntFunction<Instant> created) {
        UserId test = new UserId(1);
        IntStream.rangeClosed(1, count).forEach(i ->
                seed.posts.add(test, created.apply(i), TestData.title("post " + i), TestData.body(""), Language.ENGLISH));
    }

    private static List<String> titles(Document page) {
        return page.select("article.post h1").eachText();
    }

    private static List<String> range(int from, int downTo) {
        return IntStream.iterate(from, i -> i >= downTo, i -> i - 1).mapToObj(i -> "post " + i).toList();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000L;
    }
}
