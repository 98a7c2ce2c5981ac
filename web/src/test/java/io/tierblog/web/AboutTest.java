package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** {@code GET /about}, and the navigation's link to it. */
@MicronautTest
class AboutTest extends BrowserTest {
    @Test
    void theAboutPageSaysWhatTierblogIsInTheLayout() {
        Browser.Response response = browser.get("/about");

        assertThat(response.status()).isEqualTo(200);
        Document page = response.html();
        assertThat(page.title()).isEqualTo("About - Tierblog");
        assertThat(page.select("main > header h1").text()).isEqualTo("About Tierblog");
        assertThat(page.select("main .about-page").text()).contains("blog", "PostgreSQL", "English or Danish");
        assertThat(page.select("nav form.search")).hasSize(1);
        assertThat(page.select("script:not([src]), style, [style]")).isEmpty();
    }

    @Test
    void theNavigationLinksToItForEverybody() {
        Document anonymous = browser.get("/").html();
        browser.login();
        Document loggedIn = browser.get("/").html();

        assertThat(anonymous.select("nav a[href=/about]").text()).isEqualTo("About");
        assertThat(loggedIn.select("nav a[href=/about]").text()).isEqualTo("About");
    }

    @Test
    void itNeedsNoDatabase() {
        seed.outage.databaseDown();

        assertThat(browser.get("/about").status()).isEqualTo(200);
    }
}
