package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every response carries the browser-side defences; over plain HTTP from anybody, no HSTS. */
@MicronautTest
class SecurityHeadersTest extends BrowserTest {
    static Stream<Arguments> responses() {
        Function<Browser, Browser.Response> page = b -> b.get("/");
        Function<Browser, Browser.Response> form = b -> b.get("/auth/login");
        Function<Browser, Browser.Response> stylesheet = b -> b.get("/static/style.css");
        Function<Browser, Browser.Response> script = b -> b.get("/static/confirm.js");
        Function<Browser, Browser.Response> redirect = b -> b.get("/create");
        Function<Browser, Browser.Response> notFound = b -> b.get("/no/such/page");
        Function<Browser, Browser.Response> wrongMethod = b -> b.get("/1/delete");
        Function<Browser, Browser.Response> forged = b -> b.postWithoutToken("/auth/login", Map.of());
        Function<Browser, Browser.Response> badRequest = b -> b.get("/?after=nonsense");
        Function<Browser, Browser.Response> plainText = b -> b.get("/hello");
        Function<Browser, Browser.Response> head = b -> b.send(HttpRequest.create(HttpMethod.HEAD, "/"));
        return Stream.of(Arguments.of("page", page), Arguments.of("form", form),
                Arguments.of("stylesheet", stylesheet), Arguments.of("script", script),
                Arguments.of("redirect", redirect), Arguments.of("404", notFound), Arguments.of("405", wrongMethod),
                Arguments.of("403 CSRF", forged), Arguments.of("400", badRequest), Arguments.of("text", plainText),
                Arguments.of("HEAD", head));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void everyResponseCarriesTheHeaders(String what, Function<Browser, Browser.Response> request) {
        Browser.Response response = request.apply(browser);

        String policy = response.headers().get("Content-Security-Policy");
        assertThat(policy).isEqualTo(SecurityHeadersFilter.DEFAULT_POLICY)
                .contains("frame-ancestors 'none'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                        "base-uri 'none'", "form-action 'self'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("*");
        assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.headers().get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.headers().get("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(response.headers().get("Strict-Transport-Security")).as("plain HTTP").isNull();
    }

    @Test
    void anUnexpectedFailureStillCarriesTheHeaders() {
        seed.outage.breakWith(new IllegalStateException("boom"));

        Browser.Response response = browser.get("/");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headers().get("Content-Security-Policy")).isEqualTo(SecurityHeadersFilter.DEFAULT_POLICY);
        assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aClientsOwnForwardedProtoEarnsNoHsts() {
        Browser.Response response = browser.send(HttpRequest.GET("/").header("X-Forwarded-Proto", "https"));

        assertThat(response.headers().get("Strict-Transport-Security")).isNull();
    }

    /** Nothing inline for the policy to block: no script, style or handler in any template. */
    @ParameterizedTest
    @ValueSource(strings = {"layout.html", "error.html", "auth/login.html", "auth/register.html",
        "blog/index.html", "blog/article.html", "blog/post.html", "blog/create.html", "blog/update.html"})
    void templatesHaveNoInlineScriptStyleOrHandlerAndNoUnescapedText(String template) throws IOException {
        String html;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("views/" + template)) {
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(html).doesNotContain("th:utext").doesNotContain("<style").doesNotContain(" style=")
                .doesNotContain("th:style").doesNotContain("javascript:");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find()).as("inline script").isFalse();
        assertThat(Pattern.compile("\\s(th:)?on[a-z]+=").matcher(html).find()).as("event handler").isFalse();
    }

    @Test
    void renderedPagesLoadOnlyTheSitesOwnFiles() {
        browser.login();
        for (String path : List.of("/", "/create", "/1/update", "/auth/register")) {
            var page = browser.get(path).html();
            assertThat(page.select("script").eachAttr("src")).singleElement().asString()
                    .matches("/static/confirm\\.[0-9a-f]{12}\\.js");
            assertThat(page.select("link[rel=stylesheet]").eachAttr("href")).singleElement().asString()
                    .matches("/static/style\\.[0-9a-f]{12}\\.css");
            assertThat(page.select("[style], style")).isEmpty();
        }
    }
}
