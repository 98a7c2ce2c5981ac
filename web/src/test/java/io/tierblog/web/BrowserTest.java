package io.tierblog.web;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * What a {@code @MicronautTest} of pages starts from: the in-memory adapters seeded afresh
 * ({@link Seed#reset}: users {@code test} and {@code other}, one post by {@code test}) and a new
 * {@link Browser} with no cookies, before each test.
 */
abstract class BrowserTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    Seed seed;

    Browser browser;

    @BeforeEach
    void seedAndOpenABrowser() {
        seed.reset();
        browser = new Browser(client);
    }
}
