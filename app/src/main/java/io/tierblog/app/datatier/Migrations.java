package io.tierblog.app.datatier;

import io.tierblog.persistence.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Applies pending migrations from {@code classpath:db/migration}; never cleans or undoes.
 * Migrations use their own connection, not the request pool: connecting is bounded (a dead or
 * black-holed server cannot hang them) but statements are not, since a migration may rightly
 * take longer than any page should. Flyway's lock lets several instances start at once; it is an
 * advisory lock, and Flyway sets {@code search_path} for its session, so this connection must reach
 * PostgreSQL itself, never a transaction pooler ({@code DATABASE_MIGRATION_URL}).
 *
 * <p>Flyway itself is loaded only when it is needed: {@link #isCurrent(Connection)} answers the
 * usual start-up question (is there anything to apply?) from the history table alone.
 */
public final class Migrations {
    public static final String LOCATION = "classpath:" + SchemaVersions.FOLDER;
    private static final int CONNECT_TIMEOUT_SECONDS = 2;
    private static final int LOGIN_TIMEOUT_SECONDS = 3;
    static final String NO_STATEMENT_TIMEOUT = "-c statement_timeout=0";

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final SchemaVersions versions;
    private Flyway flyway;

    public Migrations(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.versions = new SchemaVersions(Migrations.class.getClassLoader());
    }

    public Migrations(DatabaseUrl url) {
        this(url.jdbcUrl(), url.username().orElse(null), url.password().orElse(null));
    }

    public static MigrateResult migrate(DatabaseUrl url) {
        return new Migrations(url).migrate();
    }

    public MigrateResult migrate() {
        return flyway().migrate();
    }

    /** How many known migrations the database has not applied yet. */
    public int pending() {
        MigrationInfo[] pending = flyway().info().pending();
        return pending.length;
    }

    /** What the database has applied and what it has not, as Flyway's {@code info} sees it; changes nothing. */
    public MigrationStatus status() {
        MigrationInfoService info = flyway().info();
        MigrationInfo current = info.current();
        return new MigrationStatus(
                Optional.ofNullable(current).map(c -> c.getVersion() == null ? null : c.getVersion().getVersion()),
                Arrays.stream(info.all()).map(Migrations::entry).toList());
    }

    private static MigrationStatus.Entry entry(MigrationInfo migration) {
        return new MigrationStatus.Entry(
                migration.getVersion() == null ? "" : migration.getVersion().getVersion(),
                migration.getDescription(),
                migration.getState().getDisplayName(),
                migration.getState().isApplied() && !migration.getState().isFailed(),
                migration.getState() == MigrationState.PENDING,
                migration.getState().isFailed(),
                // Flyway's column has no time zone: this is the time as the database recorded it.
                Optional.ofNullable(migration.getInstalledOn())
                        .map(date -> new Timestamp(date.getTime()).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)));
    }

    /**
     * True when the database reached through {@code connection} has applied exactly the
     * migrations this build carries, so there is nothing to do; false when Flyway has to look.
     */
    public boolean isCurrent(Connection connection) throws SQLException {
        return versions.isCurrent(connection);
    }

    private synchronized Flyway flyway() {
        if (flyway == null) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(jdbcUrl);
            if (username != null) {
                dataSource.setUser(username);
            }
            if (password != null) {
                dataSource.setPassword(password);
            }
            dataSource.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
            dataSource.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
            dataSource.setTcpKeepAlive(true);
            if (dataSource.getOptions() == null) {
                // No statement limit even where the role has one (ALTER ROLE … SET statement_timeout,
                // the way to bound pages through a transaction pooler): a migration may take longer.
                dataSource.setOptions(NO_STATEMENT_TIMEOUT);
            }
            flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .cleanDisabled(true)
                    .load();
        }
        return flyway;
    }
}
