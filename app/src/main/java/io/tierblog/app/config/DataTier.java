package io.tierblog.app.config;

import io.tierblog.app.datatier.DataTierSettings.PoolMode;
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
    public static final String MIGRATION_URL = "DATABASE_MIGRATION_URL";
    /** The {@code DATABASE_URL} parameter that says a pooler sits in front of PostgreSQL, and in which mode. */
    public static final String POOL_MODE_PARAMETER = "pool_mode";
    public static final String DATA_DIR = "TIERBLOG_DATA_DIR";
    public static final String EMBEDDED_PORT = "TIERBLOG_EMBEDDED_PORT";
    public static final String DEFAULT_DATA_DIR = "var";
    public static final int DEFAULT_EMBEDDED_PORT = 54329;
    public static final String EMBEDDED_DATABASE = "tierblog";
    private static final Logger LOG = LoggerFactory.getLogger(DataTier.class);

    /**
     * Connection parameters that a transaction pooler cannot honour: PgBouncer 1.18 refuses
     * startup parameters it does not know (or, told to ignore them, drops them silently), and any
     * {@code SET} they stand for would stay on one server connection that other clients then
     * share. Their settings belong on the role instead ({@code ALTER ROLE … SET …}).
     */
    static final java.util.List<String> SESSION_PARAMETERS = java.util.List.of("options", "currentSchema");

    private final DatabaseUrl url;
    private final DatabaseUrl migrationUrl;
    private final PoolMode poolMode;
    private final Path dataDirectory;
    private final LocalPostgres embedded;

    private DataTier(DatabaseUrl url, DatabaseUrl migrationUrl, PoolMode poolMode, Path dataDirectory,
                     LocalPostgres embedded) {
        this.url = url;
        this.migrationUrl = migrationUrl;
        this.poolMode = poolMode;
        this.dataDirectory = dataDirectory;
        this.embedded = embedded;
    }

    /** Reads the environment and, without {@code DATABASE_URL}, starts the local server. */
    public static DataTier resolve(Map<String, String> env) {
        Path dataDirectory = Path.of(env.getOrDefault(DATA_DIR, DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
        String databaseUrl = env.get(DATABASE_URL);
        String migrationText = env.get(MIGRATION_URL);
        boolean migrationUrlGiven = migrationText != null && !migrationText.isBlank();
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            DatabaseUrl given = DatabaseUrl.parse(databaseUrl.trim());
            requireReadableFiles(given);
            PoolMode poolMode = poolMode(given);
            DatabaseUrl url = given.withoutParameter(POOL_MODE_PARAMETER);
            if (poolMode == PoolMode.TRANSACTION) {
                requireNoSessionParameters(url);
            }
            DatabaseUrl migrationUrl = url;
            if (migrationUrlGiven) {
                migrationUrl = DatabaseUrl.parse(migrationText.trim());
                requireReadableFiles(migrationUrl);
                if (migrationUrl.parameter(POOL_MODE_PARAMETER).isPresent()) {
                    throw new IllegalArgumentException(MIGRATION_URL + " must reach PostgreSQL itself, not a pooler: "
                            + "drop its " + POOL_MODE_PARAMETER + " parameter.");
                }
            } else if (poolMode == PoolMode.TRANSACTION) {
                throw new IllegalArgumentException(DATABASE_URL + " goes through a transaction pooler ("
                        + POOL_MODE_PARAMETER + "=transaction): set " + MIGRATION_URL + " to PostgreSQL itself, "
                        + "since migrations hold a session-level lock and settings that a transaction pooler "
                        + "does not keep.");
            }
            if (poolMode == PoolMode.TRANSACTION) {
                LOG.info("Data tier: {} through a transaction pooler; migrations: {}", url.redacted(),
                        migrationUrl.redacted());
            } else if (migrationUrlGiven) {
                LOG.info("Data tier: {}; migrations: {}", url.redacted(), migrationUrl.redacted());
            } else {
                LOG.info("Data tier: {}", url.redacted());
            }
            return new DataTier(url, migrationUrl, poolMode, dataDirectory, null);
        }
        if (migrationUrlGiven) {
            throw new IllegalArgumentException(MIGRATION_URL + " is set but " + DATABASE_URL
                    + " is not: set both, or neither for the local server.");
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
        DatabaseUrl url = DatabaseUrl.parse(jdbcUrl + separator + "user=" + server.username());
        return new DataTier(url, url, PoolMode.SESSION, dataDirectory, server);
    }

    /** {@code pool_mode=transaction} or {@code pool_mode=session} (the same as leaving it out). */
    static PoolMode poolMode(DatabaseUrl url) {
        return url.parameter(POOL_MODE_PARAMETER).map(value -> switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "transaction" -> PoolMode.TRANSACTION;
            case "session" -> PoolMode.SESSION;
            default -> throw new IllegalArgumentException(DATABASE_URL + " has " + POOL_MODE_PARAMETER + "=" + value
                    + "; it must be transaction (a pooler such as PgBouncer in transaction mode) or session.");
        }).orElse(PoolMode.SESSION);
    }

    /** Refuses, naming it, a connection parameter a transaction pooler would refuse or lose. */
    static void requireNoSessionParameters(DatabaseUrl url) {
        for (String name : SESSION_PARAMETERS) {
            if (url.parameter(name).isPresent()) {
                throw new IllegalArgumentException(DATABASE_URL + " goes through a transaction pooler and has " + name
                        + ", which the pooler does not pass on to PostgreSQL: set it on the role instead "
                        + "(ALTER ROLE … SET search_path / statement_timeout …) and drop it from the URL.");
            }
        }
        url.parameter("prepareThreshold").filter(value -> !value.trim().equals("0")).ifPresent(value -> {
            throw new IllegalArgumentException(DATABASE_URL + " goes through a transaction pooler and has prepareThreshold="
                    + value + ": server-side prepared statements do not survive a transaction there; drop it.");
        });
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

    /** Where migrations run: {@code DATABASE_MIGRATION_URL}, or else {@link #url()}. */
    public DatabaseUrl migrationUrl() {
        return migrationUrl;
    }

    public PoolMode poolMode() {
        return poolMode;
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
        properties.put("tierblog.data-tier.pool-mode", poolMode.name());
        properties.put("tierblog.data-tier.migration-url", migrationUrl.jdbcUrl());
        migrationUrl.username().ifPresent(user -> properties.put("tierblog.data-tier.migration-username", user));
        migrationUrl.password().ifPresent(password -> properties.put("tierblog.data-tier.migration-password", password));
        return properties;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
