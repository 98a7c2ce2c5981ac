package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search, the post page and the JSON API on a real PostgreSQL, in both languages: posts written
 * through the forms, or straight into the table as another client would, are found at once with
 * the language's own stemmer.
 */
class SearchEndToEndTest {
    @TempDir
    static Path dataDirectory;
    private static TestDatabase database;
    private static TestApp app;
    private static WebSession writer;

    @BeforeAll
    static void start() {
        database = TestDatabases.freshSchema("e2e_search");
        app = TestApp.onDatabase(database, dataDirectory);
        writer = new WebSession(app.baseUrl()).registerAndLogIn("writer", "pw-writer-e2e");
        WebSession.expectRedirect(writer.post("/create", "title", "Streaming replicas",
                "body", "The replica follows the primary <closely> & quietly.", "language", "en"), "/");
        WebSession.expectRedirect(writer.post("/create", "title", "Om hunde",
                "body", "Hundene løber i parken, og kattene sover.", "language", "da"), "/");
        WebSession.expectRedirect(writer.post("/create", "title", "Cooking",
                "body", "Running late with dinner; replicas of recipes.", "language", "en"), "/");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static Document page(String query, String language) {
        HttpResponse<String> response = new WebSession(app.baseUrl()).get("/search?q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&language=" + language);
        assertThat(response.statusCode()).as(query).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    @Test
    void englishIsStemmedAndTitleMatchesComeFirst() {
        Document results = page("replica", "en");

        assertThat(results.select("article.result h1").eachText()).containsExactly("Streaming replicas", "Cooking");
        assertThat(results.select("main .count").text()).isEqualTo("2 posts found.");
        assertThat(results.select("article.result").first().select(".snippet mark").eachText())
                .containsExactly("replica");
        assertThat(results.select("article.result").first().select(".snippet").text())
                .contains("& quietly").doesNotContain("<closely>");
        assertThat(page("runs", "en").select("article.result h1").eachText()).containsExactly("Cooking");
        assertThat(page("\"streaming replica\"", "en").select("article.result h1").eachText())
                .containsExactly("Streaming replicas");
        assertThat(page("replica -dinner", "en").select("article.result h1").eachText())
                .containsExactly("Streaming replicas");
    }

    @Test
    void danishIsStemmedInDanishAndEnglishPostsAreNotAmongIt() {
        assertThat(page("hund", "da").select("article.result h1").eachText()).containsExactly("Om hunde");
        assertThat(page("katten", "da").select("article.result h1").eachText()).containsExactly("Om hunde");
        assertThat(page("og", "da").select("article.result")).isEmpty();
        assertThat(page("replica", "da").select("article.result")).isEmpty();
        assertThat(page("hund", "en").select("article.result")).isEmpty();
    }

    @Test
    void aTypoSuggestsTheWordsThePostsUseInThatLanguage() {
        Document english = page("replcia", "en");
        Document danish = page("hundne", "da");

        assertThat(english.select("article.result")).isEmpty();
        assertThat(english.select("main .suggestions a").eachText()).containsExactly("replica", "replicas");
        assertThat(english.select("main .suggestions a").first().attr("href")).isEqualTo("/search?q=replica&language=en");
        assertThat(danish.select("main .suggestions a").eachText()).first().isEqualTo("hundene");
        assertThat(new WebSession(app.baseUrl()).get("/api/search?q=primray&language=en").body())
                .contains("\"suggestions\":[\"primary\"]");
    }

    @Test
    void aResultLeadsToThePostsPage() {
        String href = page("hund", "da").select("article.result h1 a").attr("href");

        HttpResponse<String> post = new WebSession(app.baseUrl()).get(href);

        assertThat(href).matches("/posts/[0-9]+");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(post.body()).select("article .body").text())
                .isEqualTo("Hundene løber i parken, og kattene sover.");
        assertThat(new WebSession(app.baseUrl()).get("/posts/999999").statusCode()).isEqualTo(404);
    }

    @Test
    void aRowWrittenBySqlIsSearchableAtOnce() {
        database.execute("INSERT INTO posts (author_id, title, body, language) "
                + "SELECT id, 'Imported saga', 'Written by another client', 'da' FROM users WHERE username = 'writer'");

        assertThat(page("saga", "da").select("article.result h1").eachText()).containsExactly("Imported saga");
    }

    @Test
    void theApiAnswersJsonInBothLanguages() {
        HttpResponse<String> english = new WebSession(app.baseUrl()).get("/api/search?q=primary&language=en");
        HttpResponse<String> danish = new WebSession(app.baseUrl()).get("/api/search?q=parken&language=da");
        HttpResponse<String> bad = new WebSession(app.baseUrl()).get("/api/search?q=x&language=sv");

        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(english.body()).contains("\"title\":\"Streaming replicas\"", "\"language\":\"en\"",
                "\"author\":\"writer\"", "<mark>primary</mark>", "&amp; quietly", "\"url\":\"/posts/")
                // ts_headline leaves out what looks like a tag; it never reaches the snippet unescaped.
                .doesNotContain("<closely>");
        assertThat(danish.body()).contains("\"title\":\"Om hunde\"", "<mark>parken</mark>");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"error\":\"Language must be one of en, da.\"}");
    }

    @Test
    void hostileQueriesNeverCostA5xxOnPostgres() {
        String[] queries = {"\"unbalanced", "- OR -", "!!", "&|<->:*", "'", "\\", "((", "a:*", "😀",
            "x".repeat(200), "replica ".repeat(25)};
        for (String query : queries) {
            for (String path : new String[] {"/search?q=", "/api/search?q="}) {
                int status = new WebSession(app.baseUrl()).get(path + URLEncoder.encode(query, StandardCharsets.UTF_8))
                        .statusCode();
                assertThat(status).as(path + query).isIn(200, 400);
            }
        }
        for (String raw : new String[] {"a%00b", "%ED%A0%80", "%FF", "x".repeat(201)}) {
            assertThat(new WebSession(app.baseUrl()).get("/search?q=" + raw).statusCode()).as(raw).isIn(200, 400);
            assertThat(new WebSession(app.baseUrl()).get("/api/search?q=" + raw).statusCode()).as(raw).isIn(200, 400);
        }
        assertThat(new WebSession(app.baseUrl()).get("/search?q=" + "x".repeat(10_000)).statusCode())
                .isBetween(400, 499);
    }

    @Test
    void anEditChangesWhatIsFound() {
        WebSession.expectRedirect(writer.post("/create", "title", "Temporary", "body", "zebra crossing",
                "language", "en"), "/");
        String href = page("zebra", "en").select("article.result h1 a").attr("href");
        String id = href.substring("/posts/".length());

        WebSession.expectRedirect(writer.post("/" + id + "/update", "title", "Temporary",
                "body", "giraffe crossing", "language", "en"), "/");

        assertThat(page("zebra", "en").select("article.result")).isEmpty();
        assertThat(page("giraffe", "en").select("article.result h1 a").attr("href")).isEqualTo(href);
    }
}
