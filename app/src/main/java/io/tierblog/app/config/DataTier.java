package io.tierblog.app.config;

import io.tierblog.persistence.DatabaseUrl;
import io.tierblog.persistence.embedded.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the data tier is: the server {@code DATABASE_URL} names, or else a PostgreSQL server
 * started here whose data lives in {@code TIERBLOG_DATA_DIR}/postgres and survives restarts.
 */
public final class DataTier implements AutoCloseable {
    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String DATA_DIR = "TIERBLOG_DATA_DIR";
    public static final String EMBEDDED_PORT = "TIERBLOG_EMBEDDED_PORT";
    public static final String DEFAULT_DATA_DIR = "var";
    public static final int DEFAULT_EMBEDDED_PORT = 54329;
    public static final String EMBEDDED_DATABASE = "tierblog";
    private static final Logger LOG = LoggerFactory.getLogger(DataTier.class);

    private final DatabaseUrl url;
    private final Path dataDirectory;
    private final LocalPostgres embedded;

    private DataTier(DatabaseUrl url, Path dataDirectory, LocalPostgres embedded) {
        this.url = url;
        this.dataDirectory = dataDirectory;
        this.embedded = embedded;
    }

    /** Reads the environment and, without {@code DATABASE_URL}, starts the local server. */
    public static DataTier resolve(Map<String, String> env) {
        Path dataDirectory = Path.of(env.getOrDefault(DATA_DIR, DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
        String databaseUrl = env.get(DATABASE_URL);
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(databaseUrl.trim());
            requireReadableFiles(url);
            LOG.info("Data tier: {}", url.redacted());
            return new DataTier(url, dataDirectory, null);
        }
        int port = parsePort(env.getOrDefault(EMBEDDED_PORT, String.valueOf(DEFAULT_EMBEDDED_PORT)));
        Path pgData = dataDirectory.resolve("postgres");
        LOG.info("{} is not set: starting the local PostgreSQL server on 127.0.0.1:{} with its data in {}",
                DATABASE_URL, port, pgData);
        LocalPostgres server = LocalPostgres.builder()
                .dataDirectory(pgData)
                .port(port)
                .fsync(true)
                .database(EMBEDDED_DATABASE)
                .start();
        String jdbcUrl = server.jdbcUrl(EMBEDDED_DATABASE);
        String separator = jdbcUrl.contains("?") ? "&" : "?";
        return new DataTier(DatabaseUrl.parse(jdbcUrl + separator + "user=" + server.username()), dataDirectory, server);
    }

    /** The TLS files a URL names, checked before anything starts: each must be a file this process can read. */
    static final java.util.List<String> FILE_PARAMETERS = java.util.List.of("sslrootcert", "sslcert", "sslkey");

    /**
     * Fails at start-up, naming the file, when {@code DATABASE_URL} points at a certificate or key
     * that is not there: otherwise the mistake would only show as outage pages and a driver message
     * on every connection attempt.
     */
    static void requireReadableFiles(DatabaseUrl url) {
        for (String name : FILE_PARAMETERS) {
            url.parameter(name).ifPresent(value -> {
                Path file = Path.of(value);
                if (!Files.exists(file)) {
                    throw new IllegalArgumentException(DATABASE_URL + " names " + name + "=" + value
                            + ", which does not exist.");
                }
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw new IllegalArgumentException(DATABASE_URL + " names " + name + "=" + value
                            + ", which is not a file this process can read.");
                }
            });
        }
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(EMBEDDED_PORT + " must be a TCP port number, got: " + text);
        }
    }

    public DatabaseUrl url() {
        return url;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Optional<LocalPostgres> embedded() {
        return Optional.ofNullable(embedded);
    }

    /** The {@code datasources.default.*} properties Micronaut's pool is built from. */
    /**
     * The connection pool's size when {@code DATABASE_POOL_SIZE} does not say: HikariCP's own
     * guidance, twice the cores plus one (the database server's cores; this machine's are the
     * best guess the app has). Every page request holds a connection for its one query, and the
     * request pool has as many workers as there are connections, so on two cores five workers
     * outrun ten: fewer threads contend for the same two cores (see docs/performance.md).
     */
    public static int defaultPoolSize(int processors) {
        return 2 * Math.max(1, processors) + 1;
    }

    public Map<String, Object> datasourceProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("datasources.default.url", url.jdbcUrl());
        url.username().ifPresent(user -> properties.put("datasources.default.username", user));
        url.password().ifPresent(password -> properties.put("datasources.default.password", password));
        return properties;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
