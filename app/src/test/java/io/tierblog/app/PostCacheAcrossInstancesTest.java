package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL, each keeping its own cache of rendered posts: whatever one of
 * them (or any other client of the database) changes, the other's very next index shows, because
 * the index reads each post's revision from the database on every request and PostgreSQL gives
 * a changed row a new one. Nothing passes between the instances.
 */
class PostCacheAcrossInstancesTest {
    @TempDir
    static Path dataDirectory;
    private static TestDatabase database;
    private static TestApp a;
    private static TestApp b;

    @BeforeAll
    static void start() {
        database = TestDatabases.freshSchema("post_cache");
        a = TestApp.onDatabase(database, dataDirectory);
        b = TestApp.onDatabase(database, dataDirectory);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void anEditOrADeleteOnOneInstanceOrInSqlShowsAtOnceOnTheOther() throws Exception {
        WebSession author = new WebSession(a.baseUrl()).registerAndLogIn("cache-author", "cache password");
        WebSession.expectRedirect(author.post("/create", "title", "Cached <title>", "body", "the first body"), "/");
        long id = newestPostId();
        for (int i = 0; i < 2; i++) {
            // Rendered, then read from each instance's cache.
            assertThat(bodies(a)).containsExactly("the first body");
            assertThat(bodies(b)).containsExactly("the first body");
        }

        WebSession.expectRedirect(author.post("/" + id + "/update", "title", "Edited <title>", "body",
                "the edited body", "language", "en"), "/");
        assertThat(bodies(b)).as("edited through a").containsExactly("the edited body");
        assertThat(titles(b)).containsExactly("Edited <title>");
        assertThat(bodies(a)).containsExactly("the edited body");

        database.execute("UPDATE posts SET body = 'changed in SQL' WHERE id = " + id);
        assertThat(bodies(a)).as("changed by another client").containsExactly("changed in SQL");
        assertThat(bodies(b)).containsExactly("changed in SQL");

        WebSession.expectRedirect(author.at(b.baseUrl()).post("/" + id + "/update", "title", "Edited on b",
                "body", "edited on b", "language", "en"), "/");
        assertThat(bodies(a)).as("edited through b").containsExactly("edited on b");

        WebSession.expectRedirect(author.post("/" + id + "/delete"), "/");
        assertThat(index(b).select("article.post")).as("deleted through a").isEmpty();
        assertThat(index(a).select("article.post")).isEmpty();
    }

    @Test
    void theSamePageForTheSameViewerHasTheSameTagOnEveryInstance() throws Exception {
        WebSession author = new WebSession(a.baseUrl()).registerAndLogIn("tag-author", "tag password");
        WebSession.expectRedirect(author.post("/create", "title", "Tagged", "body", "tagged body"), "/");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> onA = client.send(HttpRequest.newBuilder(URI.create(a.baseUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String tag = onA.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> onB = client.send(HttpRequest.newBuilder(URI.create(b.baseUrl() + "/"))
                .header("If-None-Match", tag).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(onB.statusCode()).isEqualTo(304);
        assertThat(onB.body()).isEmpty();
    }

    private static long newestPostId() throws java.sql.SQLException {
        try (java.sql.Connection c = database.connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet result = s.executeQuery("SELECT max(id) FROM posts")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Document index(TestApp app) {
        return Jsoup.parse(new WebSession(app.baseUrl()).get("/").body());
    }

    private static List<String> bodies(TestApp app) {
        return index(app).select("article.post p.body").eachText();
    }

    private static List<String> titles(TestApp app) {
        return index(app).select("article.post h1").eachText();
    }
}
