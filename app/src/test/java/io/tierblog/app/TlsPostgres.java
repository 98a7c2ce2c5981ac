package io.tierblog.app;

import io.tierblog.persistence.embedded.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server that takes TLS connections only: a server certificate for 127.0.0.1 signed
 * by the given authority, {@code ssl_min_protocol_version = TLSv1.2}, and a {@code pg_hba.conf} whose
 * only entry is {@code hostssl} (every connection without TLS is rejected).
 */
final class TlsPostgres implements AutoCloseable {
    private final LocalPostgres server;
    private final String database;
    private final Path authorityFile;

    private TlsPostgres(LocalPostgres server, String database, Path authorityFile) {
        this.server = server;
        this.database = database;
        this.authorityFile = authorityFile;
    }

    static TlsPostgres start(Path directory, TestCertificates.Authority authority, String database) {
        Path data = directory.resolve("pgdata");
        Path certificate = directory.resolve("tls/server.crt");
        Path key = directory.resolve("tls/server.key");
        authority.issueServerCertificate(certificate, key, "127.0.0.1", "localhost");
        Path authorityFile = authority.writeCertificate(directory.resolve("tls/root.crt"));
        LocalPostgres server = LocalPostgres.builder().dataDirectory(data).fsync(false).database(database).start();
        try {
            try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
                statement.execute("ALTER SYSTEM SET ssl = on");
                statement.execute("ALTER SYSTEM SET ssl_cert_file = '" + certificate.toAbsolutePath() + "'");
                statement.execute("ALTER SYSTEM SET ssl_key_file = '" + key.toAbsolutePath() + "'");
                statement.execute("ALTER SYSTEM SET ssl_min_protocol_version = 'TLSv1.2'");
                Files.writeString(data.resolve("pg_hba.conf"), """
                        # TLS only: hostssl is the one entry, so a connection without TLS finds none.
                        hostssl all all 127.0.0.1/32 trust
                        """, StandardCharsets.US_ASCII);
                statement.execute("SELECT pg_reload_conf()");
            }
            TlsPostgres tls = new TlsPostgres(server, database, authorityFile);
            Timed.until(java.time.Duration.ofSeconds(10), () -> {
                try (Connection connection = tls.connect()) {
                    return true;
                } catch (SQLException notYet) {
                    return false;
                }
            });
            return tls;
        } catch (SQLException | IOException | RuntimeException e) {
            server.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException(e);
        }
    }

    /** {@code DATABASE_URL} for the app: verify-full against the given root certificate file. */
    String databaseUrl(Path rootCertificate) {
        return "postgresql://" + LocalPostgres.USER + "@127.0.0.1:" + server.port() + "/" + database
                + "?sslmode=verify-full&sslrootcert="
                + URLEncoder.encode(rootCertificate.toAbsolutePath().toString(), StandardCharsets.UTF_8);
    }

    /** {@code DATABASE_URL} verified against the authority that signed the server's certificate. */
    String databaseUrl() {
        return databaseUrl(authorityFile);
    }

    Path authorityFile() {
        return authorityFile;
    }

    int port() {
        return server.port();
    }

    /** An administrator's connection, over TLS. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database
                + "?sslmode=verify-full&sslrootcert=" + authorityFile.toAbsolutePath()
                + "&user=" + LocalPostgres.USER + "&ApplicationName=tls-test-admin");
    }

    /** A connection that asks for no TLS at all. */
    Connection connectWithoutTls() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database
                + "?sslmode=disable&user=" + LocalPostgres.USER + "&connectTimeout=2");
    }

    Path serverLog() {
        return server.dataDirectory().resolve("server.log");
    }

    @Override
    public void close() {
        server.close();
    }
}
