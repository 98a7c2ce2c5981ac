package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The data tier on another host is reached over TLS: {@code sslmode=verify-full} with the
 * operator's {@code sslrootcert}, against a PostgreSQL that accepts TLS connections only.
 */
class TlsDataTierTest {
    @TempDir
    static Path directory;
    private static TlsPostgres database;

    @BeforeAll
    static void start() {
        database = TlsPostgres.start(directory, TestCertificates.authority("Tierblog test data tier CA"), "tls");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void theServerTakesNoConnectionWithoutTls() {
        assertThatThrownBy(database::connectWithoutTls).isInstanceOf(SQLException.class)
                .hasMessageContaining("no encryption");
    }

    @Test
    void everyConnectionOfTheAppIsTlsVerifiedAgainstTheOperatorsAuthority() throws Exception {
        try (TestApp app = TestApp.start(Map.of("DATABASE_URL", database.databaseUrl(),
                "TIERBLOG_DATA_DIR", directory.resolve("verified").toString()))) {
            WebSession writer = new WebSession(app.baseUrl());
            writer.registerAndLogIn("over-tls", "a password over tls");
            WebSession.expectRedirect(writer.post("/create", "title", "Sent over TLS", "body", "Encrypted."), "/");
            assertThat(writer.get("/").body()).contains("Sent over TLS");

            try (Connection admin = database.connect(); Statement statement = admin.createStatement();
                 ResultSet rows = statement.executeQuery("""
                         SELECT s.ssl, s.version FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid
                         WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
                           AND a.backend_type = 'client backend'""")) {
                List<String> connections = new ArrayList<>();
                while (rows.next()) {
                    connections.add(rows.getBoolean(1) + " " + rows.getString(2));
                }
                assertThat(connections).as("the app's pooled connections").isNotEmpty()
                        .allSatisfy(connection -> assertThat(connection).matches("true TLSv1\\.[23]"));
            }
        }
    }

    @Test
    void aServerCertificateFromAnotherAuthorityIsRefusedWithOutagePagesNeverPlaintext() throws Exception {
        Path otherAuthority = TestCertificates.authority("Some other CA")
                .writeCertificate(directory.resolve("other/root.crt"));
        long logBefore = Files.size(database.serverLog());
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try (TestApp app = TestApp.start(Map.of("DATABASE_URL", database.databaseUrl(otherAuthority),
                "TIERBLOG_DATA_DIR", directory.resolve("wrong-ca").toString()))) {
            WebSession visitor = new WebSession(app.baseUrl());
            Timed<HttpResponse<String>> index = Timed.of(() -> visitor.get("/"));
            assertThat(index.value().statusCode()).isEqualTo(503);
            assertThat(index.elapsed()).isLessThan(OutageTest.BOUND);
            assertThat(index.value().body()).contains("Posts cannot be loaded right now");
            HttpResponse<String> readiness = new WebSession(app.managementUrl()).get("/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("unable to find valid certification path");
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith("Data tier unreachable")
                        .contains("unable to find valid certification path to requested target"));
        String serverLogSince = readFrom(database.serverLog(), logBefore);
        assertThat(serverLogSince).as("the driver never tried without TLS")
                .doesNotContain("no encryption");
    }

    @Test
    void aMissingRootCertificateFileIsAStartUpErrorNamingTheFile() {
        Path missing = directory.resolve("nowhere/root.crt");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Integer status = new Launcher(Map.of("DATABASE_URL", database.databaseUrl(missing),
                "TIERBLOG_DATA_DIR", directory.resolve("missing").toString()), quiet,
                new PrintStream(err, true, StandardCharsets.UTF_8)).run("serve");
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("DATABASE_URL names sslrootcert=" + missing.toAbsolutePath() + ", which does not exist.");
        assertThat(new Launcher(Map.of("DATABASE_URL", database.databaseUrl(missing)), quiet,
                new PrintStream(err, true, StandardCharsets.UTF_8)).run("migrate")).isEqualTo(1);
    }

    @Test
    void aDirectoryInPlaceOfTheRootCertificateIsAStartUpErrorToo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Integer status = new Launcher(Map.of("DATABASE_URL", database.databaseUrl(directory),
                "TIERBLOG_DATA_DIR", directory.resolve("dir").toString()), quiet,
                new PrintStream(err, true, StandardCharsets.UTF_8)).run("serve");
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("which is not a file this process can read.");
    }

    private static String readFrom(Path file, long offset) throws Exception {
        byte[] all = Files.readAllBytes(file);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                StandardCharsets.UTF_8);
    }
}
