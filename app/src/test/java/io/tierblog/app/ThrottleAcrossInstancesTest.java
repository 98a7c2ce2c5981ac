package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the web tier on one PostgreSQL: failed log-ins counted by one hold on the
 * other, and the security headers and token checks are the same on both.
 */
class ThrottleAcrossInstancesTest {
    @TempDir
    static Path dataDirectory;
    private static TestApp first;
    private static TestApp second;

    @BeforeAll
    static void start() {
        TestDatabase database = TestDatabases.freshSchema("two_instances");
        first = TestApp.onDatabase(database, dataDirectory);
        second = TestApp.onDatabase(database, dataDirectory);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void failuresOnOneInstanceSlowDownTheNextAttemptOnTheOther() {
        new WebSession(first.baseUrl()).registerAndLogIn("shared-user", "the right password");
        WebSession onFirst = new WebSession(first.baseUrl());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = onFirst.post("/auth/login", "username", "shared-user", "password", "guess" + i);
            assertThat(Jsoup.parse(wrong.body()).select(".flash.error").text()).isEqualTo("Incorrect password.");
        }

        HttpResponse<String> onSecond = new WebSession(second.baseUrl())
                .post("/auth/login", "username", "shared-user", "password", "the right password");

        assertThat(onSecond.statusCode()).isEqualTo(429);
        assertThat(onSecond.headers().firstValue("Retry-After")).isPresent();
        assertThat(Jsoup.parse(onSecond.body()).select(".flash.error").text())
                .startsWith("Too many failed log-ins. Please wait");
    }

    @Test
    void aFormTokenFromOneInstanceIsGoodOnTheOther() {
        WebSession visitor = new WebSession(first.baseUrl()).registerAndLogIn("two-tabs", "password two");
        String token = visitor.csrfToken();

        WebSession sameBrowser = visitor.at(second.baseUrl());
        HttpResponse<String> written = sameBrowser.post("/create", "title", "via the second", "body", "",
                WebSession.CSRF_FIELD, token);
        HttpResponse<String> forged = sameBrowser.postExactly("/create",
                java.util.Map.of("title", "forged", "body", ""));

        WebSession.expectRedirect(written, "/");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(new WebSession(first.baseUrl()).get("/").body()).contains("via the second").doesNotContain("forged");
    }

    @Test
    void everyAnswerOfTheRealAppCarriesTheSecurityHeaders() {
        for (String path : new String[] {"/", "/static/style.css", "/no/such/page", "/create"}) {
            HttpResponse<String> response = new WebSession(second.baseUrl()).get(path);
            assertThat(response.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("same-origin");
            assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }
}
