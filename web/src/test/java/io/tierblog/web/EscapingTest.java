package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.User;
import io.tierblog.domain.testing.TestData;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever people type is shown as text: never markup, never an attribute, never a link. */
@MicronautTest
class EscapingTest extends BrowserTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "\" onmouseover=\"alert(1)",
        "'><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "</textarea><script>alert(1)</script>",
        "&lt;b&gt; & <b>bold</b>",
    })
    void titleBodyAndUsernameAreEscapedOnTheIndexAndTheUpdatePage(String payload) {
        User author = seed.user(payload, "pw");
        Post post = seed.posts.add(author.id(), Instant.parse("2021-05-06T07:08:09Z"), TestData.title(payload),
                TestData.body(payload + "\n" + payload), Language.ENGLISH);
        browser.login(payload, "pw");

        Browser.Response index = browser.get("/");
        assertNoInjectedMarkup(index);
        Document page = index.html();
        Element article = page.select("article.post").first();
        assertThat(article.select("h1").text()).isEqualTo(payload.strip());
        assertThat(article.select(".about").text()).isEqualTo("by " + payload.strip() + " on 2021-05-06");
        assertThat(article.select(".body").first().wholeText()).isEqualTo(payload + "\n" + payload);
        assertThat(page.select("nav .viewer").first().wholeText()).isEqualTo(payload);

        Browser.Response update = browser.get("/" + post.id().value() + "/update");
        assertNoInjectedMarkup(update);
        Document form = update.html();
        assertThat(form.select("input[name=title]").attr("value")).isEqualTo(payload);
        assertThat(Browser.textarea(form, "body")).isEqualTo(payload + "\n" + payload);
        assertThat(form.title()).isEqualTo(("Edit \"" + payload + "\" - Tierblog").strip());
    }

    /** The same payloads, typed into the real forms: register, log in, write, edit. */
    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "\" onmouseover=\"alert(1)",
        "'><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "</textarea><script>alert(1)</script>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg/onload=alert(1)>",
        "{{7*7}} ${7*7} [[${7*7}]] [(${7*7})]",
    })
    void payloadsSentThroughTheFormsAreShownAsTyped(String payload) {
        String username = payload.length() > 64 ? payload.substring(0, 64) : payload;
        assertThat(browser.post("/auth/register", Map.of("username", username, "password", "pw")).status())
                .isEqualTo(302);
        assertThat(browser.login(username, "pw").status()).isEqualTo(302);
        assertThat(browser.post("/create", Map.of("title", payload, "body", payload + "\n" + payload)).status())
                .isEqualTo(302);
        Post created = seed.posts.findById(seed.posts.findPage(PostPageRequest.first()).posts().get(0).id())
                .orElseThrow();
        assertThat(created.title().value()).isEqualTo(payload);

        Browser.Response index = browser.get("/");
        assertNoInjectedMarkup(index);
        Element article = index.html().select("article.post").first();
        assertThat(article.select("h1").first().wholeText()).isEqualTo(payload);
        assertThat(article.select(".body").first().wholeText()).isEqualTo(payload + "\n" + payload);
        assertThat(index.html().select("nav .viewer").first().wholeText()).isEqualTo(username);
        assertThat(index.body()).doesNotContain("49");

        String editPath = "/" + created.id().value() + "/update";
        Browser.Response edit = browser.get(editPath);
        assertNoInjectedMarkup(edit);
        assertThat(edit.html().select("input[name=title]").attr("value")).isEqualTo(payload);
        assertThat(Browser.textarea(edit.html(), "body")).isEqualTo(payload + "\n" + payload);

        assertThat(browser.post(editPath, Map.of("title", payload + "!", "body", "")).status()).isEqualTo(302);
        assertNoInjectedMarkup(browser.get("/"));
        assertThat(seed.posts.findById(created.id()).orElseThrow().title().value()).isEqualTo(payload + "!");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "\" autofocus onfocus=\"alert(1)"})
    void whatIsTypedIntoARefusedFormIsEscapedWhenShownAgain(String payload) {
        Browser.Response register = browser.post("/auth/register", Map.of("username", payload, "password", ""));
        assertNoInjectedMarkup(register);
        assertThat(register.html().select("input[name=username]").attr("value")).isEqualTo(payload);

        Browser.Response login = browser.post("/auth/login", Map.of("username", payload, "password", "x"));
        assertNoInjectedMarkup(login);
        assertThat(login.html().select("input[name=username]").attr("value")).isEqualTo(payload);

        browser.login();
        Browser.Response create = browser.post("/create", Map.of("title", "", "body", payload));
        assertNoInjectedMarkup(create);
        assertThat(Browser.textarea(create.html(), "body")).isEqualTo(payload);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/<script>alert(1)<%2Fscript>/update", "/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E/update"})
    void anAddressTypedIntoTheErrorPageIsEscaped(String path) {
        browser.login();

        Browser.Response response = browser.get(path.replace("<", "%3C").replace(">", "%3E"));

        assertThat(response.status()).isEqualTo(404);
        assertNoInjectedMarkup(response);
    }

    /** Only the layout's own script, no event-handler attributes, no links or sources a user made. */
    private static void assertNoInjectedMarkup(Browser.Response response) {
        assertThat(response.body()).doesNotContain("<script>alert").doesNotContain("<img");
        Document page = response.html();
        assertThat(page.select("script").eachAttr("src")).singleElement().asString()
                .matches("/static/confirm\\.[0-9a-f]{12}\\.js");
        assertThat(page.select("img, iframe, object, embed, b, textarea ~ script")).isEmpty();
        assertThat(page.getAllElements().stream().flatMap(e -> e.attributes().asList().stream())
                .filter(a -> a.getKey().startsWith("on") || a.getKey().equals("autofocus"))).isEmpty();
        assertThat(page.select("[href], [src], [action]").stream()
                .flatMap(e -> Stream.of(e.attr("href"), e.attr("src"), e.attr("action")))
                .filter(v -> v.toLowerCase(Locale.ROOT).contains("javascript:"))).isEmpty();
    }
}
