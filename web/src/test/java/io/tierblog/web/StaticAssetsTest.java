package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stylesheet and the confirm script are served to everybody from /static: pages link to
 * names fingerprinted with the content's hash, kept for a year; the plain names still work.
 */
@MicronautTest
class StaticAssetsTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void theStylesheetKeepsLineBreaksInPostBodies() {
        Browser.Response response = new Browser(client).get("/static/style.css");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().getContentType()).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(response.body()).containsPattern("\\.post \\.body \\{[^}]*white-space: pre-line;");
        assertThat(response.body()).contains("@media (max-width: 600px)");
    }

    @Test
    void theConfirmScriptAsksBeforeAMarkedFormIsSent() {
        Browser.Response response = new Browser(client).get("/static/confirm.js");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().getContentType()).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(response.body()).contains("data-confirm").contains("window.confirm").contains("preventDefault");
    }

    @Test
    void aMissingAssetIsNotFound() {
        Browser.Response response = new Browser(client).get("/static/missing.css");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.html().select("main h1").text()).isEqualTo("Not Found");
    }

    @Test
    void pagesLinkToFingerprintedNamesThatAreKeptForAYear() throws Exception {
        Document page = new Browser(client).get("/").html();
        String style = page.select("link[rel=stylesheet]").attr("href");
        String script = page.select("script[src]").attr("src");

        assertThat(style).isEqualTo("/static/style." + hashOf("/static/style.css") + ".css");
        assertThat(script).isEqualTo("/static/confirm." + hashOf("/static/confirm.js") + ".js");
        for (String path : List.of(style, script)) {
            Browser.Response asset = new Browser(client).get(path);
            assertThat(asset.status()).isEqualTo(200);
            assertThat(asset.headers().get(HttpHeaders.CACHE_CONTROL)).isEqualTo("public, max-age=31536000, immutable");
            assertThat(asset.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(new Browser(client).get(style).body()).isEqualTo(new Browser(client).get("/static/style.css").body());
        assertThat(new Browser(client).get("/auth/login").html().select("link[rel=stylesheet]").attr("href"))
                .as("every page, forms and errors too").isEqualTo(style);
        assertThat(new Browser(client).get("/nowhere").html().select("link[rel=stylesheet]").attr("href"))
                .isEqualTo(style);
    }

    @Test
    void thePlainNamesAreCachedBrieflyAndRevalidatedByTag() {
        Browser.Response plain = new Browser(client).get("/static/style.css");
        String tag = plain.headers().get(HttpHeaders.ETAG);

        Browser.Response again = new Browser(client).send(
                HttpRequest.GET("/static/style.css").header(HttpHeaders.IF_NONE_MATCH, tag));

        assertThat(plain.headers().get(HttpHeaders.CACHE_CONTROL)).isEqualTo("public, max-age=3600");
        assertThat(tag).startsWith("\"");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void anOlderFingerprintGetsTheFileAsItIsNowCachedBriefly() {
        Browser.Response old = new Browser(client).get("/static/style.0123456789ab.css");

        assertThat(old.status()).isEqualTo(200);
        assertThat(old.headers().get(HttpHeaders.CACHE_CONTROL)).isEqualTo("public, max-age=3600");
        assertThat(old.body()).isEqualTo(new Browser(client).get("/static/style.css").body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/static/style.0123456789a.css", "/static/style.0123456789xy.css",
            "/static/missing.0123456789ab.css", "/static/style.0123456789ab.js", "/static/style"})
    void namesThatAreNotAFileWithAFingerprintAreNotFound(String path) {
        assertThat(new Browser(client).get(path).status()).isEqualTo(404);
    }

    @Test
    void everyFileUnderStaticIsListed() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "static"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(StaticAssets.FILES);
        }
    }

    private String hashOf(String path) throws Exception {
        byte[] bytes = client.toBlocking().retrieve(HttpRequest.GET(path), byte[].class);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
    }
}
