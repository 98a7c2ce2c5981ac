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
    /** An optional streaming replica (one host or several) for the read-only use cases. */
    public static final String REPLICA_URL = "DATABASE_REPLICA_URL";
    /** How far behind the primary the replica may be and still serve reads (default {@link #DEFAULT_REPLICA_MAX_LAG}). */
    public static final String REPLICA_MAX_LAG = "DATABASE_REPLICA_MAX_LAG";
    public static final java.time.Duration DEFAULT_REPLICA_MAX_LAG = java.time.Duration.ofSeconds(5);
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
    private final DatabaseUrl replicaUrl;
    private final java.time.Duration replicaMaxLag;

    private DataTier(DatabaseUrl url, DatabaseUrl migrationUrl, PoolMode poolMode, Path dataDirectory,
                     LocalPostgres embedded) {
        this(url, migrationUrl, poolMode, dataDirectory, embedded, null, null);
    }

    private DataTier(DatabaseUrl url, DatabaseUrl migrationUrl, PoolMode poolMode, Path dataDirectory,
                     LocalPostgres embedded, DatabaseUrl replicaUrl, java.time.Duration replicaMaxLag) {
        this.replicaUrl = replicaUrl;
        this.replicaMaxLag = replicaMaxLag;
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
        String replicaText = env.get(REPLICA_URL);
        boolean replicaGiven = replicaText != null && !replicaText.isBlank();
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            DatabaseUrl given = DatabaseUrl.parse(databaseUrl.trim());
            requireReadableFiles(DATABASE_URL, given);
            PoolMode poolMode = poolMode(given);
            DatabaseUrl url = given.withoutParameter(POOL_MODE_PARAMETER);
            if (poolMode == PoolMode.TRANSACTION) {
                requireNoSessionParameters(url);
            }
            DatabaseUrl migrationUrl = url;
            if (migrationUrlGiven) {
                migrationUrl = DatabaseUrl.parse(migrationText.trim());
                requireReadableFiles(MIGRATION_URL, migrationUrl);
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
            DatabaseUrl replicaUrl = replicaGiven ? replicaUrl(replicaText, poolMode) : null;
            String maxLagText = env.get(REPLICA_MAX_LAG);
            java.time.Duration maxLag = replicaMaxLag(maxLagText);
            boolean maxLagGiven = maxLagText != null && !maxLagText.isBlank();
            if (replicaUrl != null) {
                LOG.info("Read-only pages may be served by the replica {} while it is at most {} behind",
                        replicaUrl.redacted(), maxLagGiven ? maxLag.toMillis() + " ms"
                                : "tierblog.replica.max-lag (default " + DEFAULT_REPLICA_MAX_LAG.toMillis() + " ms)");
            }
            return new DataTier(url, migrationUrl, poolMode, dataDirectory, null, replicaUrl,
                    maxLagGiven ? maxLag : null);
        }
        if (replicaGiven) {
            throw new IllegalArgumentException(REPLICA_URL + " is set but " + DATABASE_URL
                    + " is not: a replica follows a primary that the app must also reach.");
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

    /**
     * {@code DATABASE_REPLICA_URL}, read like {@code DATABASE_URL} but for reads: without
     * {@code target_session_attrs} it is {@code prefer-standby}, and connections are spread over its
     * hosts. Its connections are made like the primary's, so a {@code pool_mode} in it must say what
     * {@code DATABASE_URL}'s says. Any mistake stops the start, naming the variable.
     */
    static DatabaseUrl replicaUrl(String text, PoolMode primaryPoolMode) {
        DatabaseUrl given;
        try {
            given = DatabaseUrl.parse(text.trim(), DatabaseUrl.Role.REPLICA);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException(REPLICA_URL + ": " + malformed.getMessage(), malformed);
        }
        requireReadableFiles(REPLICA_URL, given);
        if (given.parameter(POOL_MODE_PARAMETER).isPresent()) {
            PoolMode replicaMode;
            try {
                replicaMode = poolMode(given);
            } catch (IllegalArgumentException wrong) {
                throw new IllegalArgumentException(wrong.getMessage().replace(DATABASE_URL, REPLICA_URL), wrong);
            }
            if (replicaMode != primaryPoolMode) {
                throw new IllegalArgumentException(REPLICA_URL + " has " + POOL_MODE_PARAMETER + "="
                        + replicaMode.name().toLowerCase(java.util.Locale.ROOT) + " but " + DATABASE_URL + " does not: "
                        + "the replica's connections are set up like the primary's, so give both the same "
                        + POOL_MODE_PARAMETER + ".");
            }
        }
        DatabaseUrl url = given.withoutParameter(POOL_MODE_PARAMETER);
        if (primaryPoolMode == PoolMode.TRANSACTION) {
            try {
                requireNoSessionParameters(url);
            } catch (IllegalArgumentException refused) {
                throw new IllegalArgumentException(refused.getMessage().replace(DATABASE_URL, REPLICA_URL), refused);
            }
        }
        return url;
    }

    /**
     * {@code DATABASE_REPLICA_MAX_LAG}: a number of seconds ({@code 5}, {@code 2.5}) or a number
     * with {@code ms}, {@code s} or {@code m} ({@code 500ms}, {@code 10s}); more than zero and at
     * most an hour.
     */
    static java.time.Duration replicaMaxLag(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_REPLICA_MAX_LAG;
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d{1,7}(?:\\.\\d{1,3})?)\\s*(ms|s|m)?")
                .matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (matcher.matches()) {
            java.math.BigDecimal amount = new java.math.BigDecimal(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            java.math.BigDecimal millis = switch (unit) {
                case "ms" -> amount;
                case "m" -> amount.multiply(java.math.BigDecimal.valueOf(60_000));
                default -> amount.multiply(java.math.BigDecimal.valueOf(1_000));
            };
            java.time.Duration lag = java.time.Duration.ofMillis(millis.longValue());
            if (!lag.isZero() && lag.compareTo(java.time.Duration.ofHours(1)) <= 0) {
                return lag;
            }
        }
        throw new IllegalArgumentException(REPLICA_MAX_LAG + " must be a time above zero and at most an hour, "
                + "such as 5s, 500ms or 2 (seconds), got: " + text);
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
    static void requireReadableFiles(String variable, DatabaseUrl url) {
        for (String name : FILE_PARAMETERS) {
            url.parameter(name).ifPresent(value -> {
                Path file = Path.of(value);
                if (!Files.exists(file)) {
                    throw new IllegalArgumentException(variable + " names " + name + "=" + value
                            + ", which does not exist.");
                }
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw new IllegalArgumentException(variable + " names " + name + "=" + value
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

    /** {@code DATABASE_REPLICA_URL}, if set. */
    public Optional<DatabaseUrl> replicaUrl() {
        return Optional.ofNullable(replicaUrl);
    }

    /** {@code DATABASE_REPLICA_MAX_LAG}, if set (else {@code tierblog.replica.max-lag}, 5 s by default, applies). */
    public Optional<java.time.Duration> replicaMaxLag() {
        return Optional.ofNullable(replicaMaxLag);
    }

    /**
     * The replica's pool: what the primary's pool has (size, bounded waits, driver timeouts, the
     * statement timeout, eviction), read from {@code datasources.default.*} when the context
     * starts, plus read-only connections.
     */
    static final java.util.List<String> REPLICA_POOL_SETTINGS = java.util.List.of("driver-class-name", "dialect",
            "schema-generate", "maximum-pool-size", "minimum-idle", "connection-timeout", "validation-timeout",
            "initialization-fail-timeout", "keepalive-time", "exception-override-class-name",
            "data-source-properties.connectTimeout", "data-source-properties.loginTimeout",
            "data-source-properties.socketTimeout", "data-source-properties.tcpKeepAlive",
            "data-source-properties.options");

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
        if (replicaUrl != null) {
            String replica = "datasources.replica.";
            for (String setting : REPLICA_POOL_SETTINGS) {
                properties.put(replica + setting, "${datasources.default." + setting + "}");
            }
            properties.put(replica + "url", replicaUrl.jdbcUrl());
            replicaUrl.username().ifPresent(user -> properties.put(replica + "username", user));
            replicaUrl.password().ifPresent(password -> properties.put(replica + "password", password));
            properties.put(replica + "read-only", true);
            properties.put(replica + "pool-name", "replica");
            if (replicaMaxLag != null) {
                properties.put("tierblog.replica.max-lag", replicaMaxLag.toMillis() + "ms");
            }
        }
        return properties;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
