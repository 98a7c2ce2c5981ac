package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tierblog.app.datatier.DataTierMonitor;
import io.tierblog.persistence.embedded.LocalPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The data tier fails while the blog serves: every page and form answers within the bound with
 * the outage page or the form as typed, nothing is half-written, the log says so once, and the
 * blog recovers by itself when the database is back.
 */
class OutageTest {
    /** About 2 s is the promise (docs/operations.md); the slack absorbs a busy machine. */
    static final Duration BOUND = Duration.ofMillis(3000);

    @TempDir
    Path dataDirectory;
    private LocalPostgres database;
    private TestApp app;
    private ListAppender<ILoggingEvent> monitorLog;
    private final List<Duration> answers = new ArrayList<>();

    @BeforeEach
    void start() {
        database = LocalPostgres.builder().database("outage").start();
        app = TestApp.start(Map.of("DATABASE_URL", database.jdbcUrl("outage") + "?user=" + database.username(),
                "TIERBLOG_DATA_DIR", dataDirectory.toString()));
        monitorLog = new ListAppender<>();
        monitorLog.start();
        ((Logger) LoggerFactory.getLogger(DataTierMonitor.class)).addAppender(monitorLog);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(DataTierMonitor.class)).detachAppender(monitorLog);
        app.close();
        database.close();
    }

    @Test
    void everyPageAnswersInTimeDuringAnOutageAndTheBlogRecoversWithoutARestart() {
        WebSession alice = new WebSession(app.baseUrl()).registerAndLogIn("alice", "alice-password");
        WebSession.expectRedirect(alice.post("/create", "title", "Before the outage", "body", ""), "/");
        String editPath = Jsoup.parse(alice.get("/").body()).select("a[href$=/update]").attr("href");
        String postPath = editPath.substring(0, editPath.lastIndexOf('/'));

        database.stop();

        HttpResponse<String> index = timed(() -> alice.get("/"));
        assertThat(index.statusCode()).isEqualTo(503);
        assertThat(index.headers().firstValue("Retry-After")).isPresent();
        Document indexPage = Jsoup.parse(index.body());
        assertThat(indexPage.select("nav").text()).contains("alice").contains("Log Out");
        assertThat(indexPage.select("main .unavailable").text()).contains("Posts cannot be loaded right now");

        assertThat(timed(() -> alice.get("/create")).statusCode()).isEqualTo(200);
        assertFormKept(timed(() -> alice.post("/create", "title", "Typed during the outage", "body", "Keep me")),
                "Typed during the outage", "Keep me");
        assertThat(timed(() -> alice.get(editPath)).statusCode()).isEqualTo(503);
        assertFormKept(timed(() -> alice.post(editPath, "title", "Edited during the outage", "body", "Mine")),
                "Edited during the outage", "Mine");
        HttpResponse<String> delete = timed(() -> alice.post(postPath + "/delete"));
        assertThat(delete.statusCode()).isEqualTo(503);
        assertThat(Jsoup.parse(delete.body()).text()).contains("unavailable");

        WebSession visitor = new WebSession(app.baseUrl());
        HttpResponse<String> login = timed(() -> visitor.post("/auth/login", "username", "alice", "password", "x"));
        assertThat(login.statusCode()).isEqualTo(503);
        assertThat(Jsoup.parse(login.body()).select("input[name=username]").val()).isEqualTo("alice");
        HttpResponse<String> register = timed(() -> visitor.post("/auth/register", "username", "newcomer",
                "password", "pw"));
        assertThat(register.statusCode()).isEqualTo(503);
        assertThat(Jsoup.parse(register.body()).select("input[name=username]").val()).isEqualTo("newcomer");
        assertThat(timed(() -> visitor.get("/hello")).statusCode()).isEqualTo(200);
        assertThat(timed(() -> visitor.get("/health/liveness")).statusCode()).isEqualTo(200);
        Timed.until(Duration.ofSeconds(10), () -> visitor.get("/health/readiness").statusCode() == 503);
        assertThat(answers).allSatisfy(elapsed -> assertThat(elapsed).isLessThan(BOUND));
        Duration worst = answers.stream().max(Duration::compareTo).orElseThrow();

        database.start();
        Duration recovery = Timed.until(Duration.ofSeconds(15), () -> alice.get("/").statusCode() == 200);
        Timed.until(Duration.ofSeconds(15), () -> visitor.get("/health/readiness").statusCode() == 200);

        Document after = Jsoup.parse(alice.get("/").body());
        assertThat(after.text()).contains("Before the outage")
                .doesNotContain("Typed during the outage").doesNotContain("Edited during the outage");
        WebSession.expectRedirect(alice.post("/create", "title", "After the outage", "body", ""), "/");
        assertThat(alice.get("/").body()).contains("After the outage");
        System.out.printf("outage: worst answer %d ms over %d requests; index served again %d ms after restart%n",
                worst.toMillis(), answers.size(), recovery.toMillis());

        List<String> warnings = messages(Level.WARN);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("Data tier unreachable:");
        assertThat(messages(Level.INFO)).anySatisfy(line -> assertThat(line).startsWith("Data tier reachable again"));
        assertThat(monitorLog.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    }

    @Test
    void acknowledgedPostsSurviveAKillOfTheDatabaseServer() {
        WebSession writer = new WebSession(app.baseUrl()).registerAndLogIn("writer", "writer-password");
        for (int i = 0; i < 25; i++) {
            WebSession.expectRedirect(writer.post("/create", "title", "Acknowledged " + i, "body", ""), "/");
        }

        database.kill();
        database.start();

        Timed.until(Duration.ofSeconds(15), () -> writer.get("/").statusCode() == 200);
        try (var connection = database.connect("outage");
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM posts WHERE title LIKE 'Acknowledged %'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(25);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private void assertFormKept(HttpResponse<String> response, String title, String body) {
        assertThat(response.statusCode()).isEqualTo(503);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("input[name=title]").val()).isEqualTo(title);
        assertThat(page.select("textarea[name=body]").text()).isEqualTo(body);
        assertThat(page.text()).contains("not saved");
    }

    private <T> T timed(Supplier<T> request) {
        Timed<T> timed = Timed.of(request);
        answers.add(timed.elapsed());
        return timed.value();
    }

    private List<String> messages(Level level) {
        return monitorLog.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
