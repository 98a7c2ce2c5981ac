package io.tierblog.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.tierblog.app.config.DataTier;
import io.tierblog.app.datatier.Migrations;
import io.tierblog.app.config.SecretKey;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The command line: {@code serve} (the default) runs the blog, {@code migrate} applies pending
 * migrations to the data tier and exits.
 */
public final class Launcher {
    public static final String SECRET_PROPERTY = "micronaut.security.token.jwt.signatures.secret.generator.secret";
    static final String ENVIRONMENTS_VARIABLE = "MICRONAUT_ENVIRONMENTS";
    static final String POOL_SIZE_ENV = "DATABASE_POOL_SIZE";
    static final String POOL_SIZE_PROPERTY = "datasources.default.maximum-pool-size";
    static final String ENVIRONMENTS_PROPERTY = "micronaut.environments";
    static final String USAGE = """
            Usage: java -jar tierblog.jar [serve|migrate] [micronaut options]
              serve    run the blog (the default)
              migrate  apply pending database migrations to DATABASE_URL and exit
            Without DATABASE_URL a local PostgreSQL server is started, its data in TIERBLOG_DATA_DIR (default ./var).""";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    public Launcher(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
    }

    /** A running blog and the data tier it uses; closing it stops both. */
    public record Running(ApplicationContext context, DataTier dataTier) implements AutoCloseable {
        @Override
        public void close() {
            try {
                context.close();
            } finally {
                dataTier.close();
            }
        }
    }

    /** Runs a command; {@code serve} returns null and leaves the server running, others an exit status. */
    public Integer run(String... args) {
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "serve" -> {
                    serve(rest);
                    return null;
                }
                case "migrate" -> {
                    return migrate();
                }
                case "help", "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    err.println("Unknown command: " + command);
                    err.println(USAGE);
                    return 2;
                }
            }
        } catch (RuntimeException failure) {
            err.println("tierblog " + command + " failed: " + failure.getMessage());
            return 1;
        }
    }

    /** Starts the blog; the caller closes what it gets back (tests) or lets the JVM run (main). */
    public Running serve(String... micronautArgs) {
        return serve(Map.of(), micronautArgs);
    }

    /**
     * Starts the blog with extra configuration properties on top of the environment's (tests use
     * this for a free port or a lower hashing cost).
     */
    public Running serve(Map<String, Object> overrides, String... micronautArgs) {
        if (production() && (env.get(SecretKey.ENV) == null || env.get(SecretKey.ENV).isBlank())) {
            // Before anything starts: no local database, no generated key.
            throw new IllegalStateException(SecretKey.MISSING_IN_PRODUCTION);
        }
        DataTier dataTier = DataTier.resolve(env);
        try {
            Map<String, Object> properties = new LinkedHashMap<>(dataTier.datasourceProperties());
            properties.put(SECRET_PROPERTY, SecretKey.resolve(env, dataTier.dataDirectory(), production()));
            String poolSize = env.get(POOL_SIZE_ENV);
            if (poolSize != null && !poolSize.isBlank()) {
                properties.put(POOL_SIZE_PROPERTY, poolSize.trim());
            } else if (System.getProperty(POOL_SIZE_PROPERTY) == null) {
                properties.put(POOL_SIZE_PROPERTY, DataTier.defaultPoolSize(Runtime.getRuntime().availableProcessors()));
            }
            properties.putAll(overrides);
            ApplicationContext context = Micronaut.build(micronautArgs)
                    .mainClass(Application.class)
                    .banner(false)
                    .properties(properties)
                    .start();
            return new Running(context, dataTier);
        } catch (RuntimeException startFailed) {
            dataTier.close();
            throw startFailed;
        }
    }

    /**
     * True when the {@value SecretKey#PRODUCTION} environment is asked for, through
     * {@code MICRONAUT_ENVIRONMENTS} or the {@code micronaut.environments} system property, as
     * Micronaut reads them.
     */
    boolean production() {
        String names = env.getOrDefault(ENVIRONMENTS_VARIABLE, "") + ","
                + System.getProperty(ENVIRONMENTS_PROPERTY, "");
        return Arrays.stream(names.split(",")).map(String::trim).anyMatch(SecretKey.PRODUCTION::equalsIgnoreCase);
    }

    private int migrate() {
        try (DataTier dataTier = DataTier.resolve(env)) {
            MigrateResult result = Migrations.migrate(dataTier.url());
            out.printf("Applied %d migration(s); schema version is now %s.%n", result.migrationsExecuted,
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
            return 0;
        }
    }
}
