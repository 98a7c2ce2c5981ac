package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole application on a real PostgreSQL, configured through DATABASE_URL, starting from an
 * empty schema that it migrates itself.
 */
class EndToEndTest {
    @TempDir
    static Path dataDirectory;
    private static TestDatabase database;
    private static TestApp app;

    @BeforeAll
    static void start() {
        database = TestDatabases.freshSchema("e2e");
        app = TestApp.onDatabase(database, dataDirectory);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aVisitorRegistersLogsInWritesEditsAndDeletesAPost() {
        WebSession alice = new WebSession(app.baseUrl()).registerAndLogIn("alice-e2e", "correct horse");

        WebSession.expectRedirect(alice.post("/create", "title", "First <post>", "body", "Hello\nworld"), "/");
        Document index = Jsoup.parse(alice.get("/").body());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(index.text()).contains("First <post>").contains("by alice-e2e on " + today);
        String editLink = index.select("a[href$=/update]").first().attr("href");
        long postId = Long.parseLong(editLink.split("/")[1]);

        WebSession.expectRedirect(alice.post(editLink, "title", "Edited", "body", "Changed"), "/");
        assertThat(title(postId)).isEqualTo("Edited");

        WebSession.expectRedirect(alice.post("/" + postId + "/delete"), "/");
        assertThat(count("SELECT count(*) FROM posts WHERE id = " + postId)).isZero();

        WebSession.expectRedirect(alice.get("/auth/logout"), "/");
        assertThat(alice.get("/").body()).contains("Log In").doesNotContain("Log Out");
    }

    @Test
    void passwordsAreStoredAsArgon2idHashes() {
        new WebSession(app.baseUrl()).registerAndLogIn("hash-check", "s3cret-passw0rd");

        String stored = query("SELECT password FROM users WHERE username = 'hash-check'");
        assertThat(stored).startsWith("$argon2id$").doesNotContain("s3cret-passw0rd");
    }

    @Test
    void anotherUserCannotEditOrDeleteAndAMissingPostIsNotFound() {
        WebSession author = new WebSession(app.baseUrl()).registerAndLogIn("author-e2e", "pw-author");
        WebSession.expectRedirect(author.post("/create", "title", "Mine", "body", ""), "/");
        long postId = Long.parseLong(query("SELECT max(p.id) FROM posts p JOIN users u ON u.id = p.author_id"
                + " WHERE u.username = 'author-e2e'"));
        WebSession intruder = new WebSession(app.baseUrl()).registerAndLogIn("intruder-e2e", "pw-intruder");

        assertThat(intruder.post("/" + postId + "/update", "title", "Theirs", "body", "").statusCode()).isEqualTo(403);
        assertThat(intruder.post("/" + postId + "/delete").statusCode()).isEqualTo(403);
        assertThat(intruder.post("/999999999/update", "title", "x", "body", "").statusCode()).isEqualTo(404);
        assertThat(intruder.get("/" + postId + "/delete").statusCode()).isEqualTo(405);
        assertThat(title(postId)).isEqualTo("Mine");
    }

    @Test
    void aTakenUsernameIsRefusedWithFlaskrsMessageAndNothingIsStored() {
        new WebSession(app.baseUrl()).registerAndLogIn("taken-e2e", "pw");

        HttpResponse<String> again = new WebSession(app.baseUrl())
                .post("/auth/register", "username", "taken-e2e", "password", "other");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(again.body()).text()).contains("User taken-e2e is already registered.");
        assertThat(count("SELECT count(*) FROM users WHERE username = 'taken-e2e'")).isEqualTo(1);
    }

    @Test
    void anonymousWritersAreSentToLogIn() {
        WebSession anonymous = new WebSession(app.baseUrl());

        WebSession.expectRedirect(anonymous.post("/create", "title", "t", "body", "b"), "/auth/login");
        assertThat(count("SELECT count(*) FROM posts WHERE title = 't' AND body = 'b'")).isZero();
    }

    @Test
    void theHelloRouteAnswers() {
        HttpResponse<String> hello = new WebSession(app.baseUrl()).get("/hello");

        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("Hello, World!");
    }

    private static String title(long postId) {
        return query("SELECT title FROM posts WHERE id = " + postId);
    }

    private static long count(String sql) {
        return Long.parseLong(query(sql));
    }

    private static String query(String sql) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
