package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.testing.TestData;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * With budgets of 0 bytes the caches keep nothing, and the index renders every page and every
 * article each time.
 */
@MicronautTest
@Property(name = RenderedPostCache.BUDGET_PROPERTY, value = "0")
@Property(name = RenderedPageCache.BUDGET_PROPERTY, value = "0")
class PostCacheOffTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    Seed seed;

    @Inject
    RenderedPostCache cache;

    @Inject
    RenderedPageCache pages;

    @Test
    void theIndexStillShowsEveryPostAsItIsNow() {
        seed.reset();
        Browser browser = new Browser(client);
        String first = browser.get("/").body();

        seed.posts.update(new PostId(1), TestData.title("test title"), TestData.body("without a cache"),
                Language.ENGLISH);
        Browser.Response second = browser.get("/");

        assertThat(cache.budget()).isZero();
        assertThat(cache.size()).isZero();
        assertThat(first).contains("test\nbody");
        assertThat(second.html().select("article.post .body").eachText()).containsExactly("without a cache");
        assertThat(cache.hits()).isZero();
        assertThat(pages.size()).isZero();
        assertThat(pages.hits()).isZero();
        assertThat(browser.get("/").body()).isEqualTo(second.body());
    }
}
