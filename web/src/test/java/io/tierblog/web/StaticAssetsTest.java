package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The stylesheet and the confirm script are served to everybody from /static. */
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
}
