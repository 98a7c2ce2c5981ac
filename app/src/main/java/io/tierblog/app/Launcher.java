package io.tierblog.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.tierblog.app.config.DataTier;
import io.tierblog.app.config.LogSetup;
import io.tierblog.app.datatier.Migrations;
import io.tierblog.app.config.SecretKey;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code serve} (the default) runs the blog, {@code migrate} applies pending
 * migrations to the data tier and exits, {@code info} (also {@code migrate --info}) lists the
 * applied and pending migrations and exits.
 */
public final class Launcher {
    public static final String SECRET_PROPERTY = "micronaut.security.token.jwt.signatures.secret.generator.secret";
    static final String ENVIRONMENTS_VARIABLE = "MICRONAUT_ENVIRONMENTS";
    static final String POOL_SIZE_ENV = "DATABASE_POOL_SIZE";
    static final String POOL_SIZE_PROPERTY = "datasources.default.maximum-pool-size";
    static final String ENVIRONMENTS_PROPERTY = "micronaut.environments";
    private static final Pattern MICRONAUT_PROPERTY = Pattern.compile("--[A-Za-z0-9][A-Za-z0-9._\\[\\]-]*=.*", Pattern.DOTALL);
    static final String USAGE = """
            Usage: java -jar tierblog.jar [command]
              serve [--name=value ...]  run the blog (the default); --name=value sets a configuration property
              migrate                   apply pending database migrations to DATABASE_URL and exit
              info                      list the applied and pending migrations of DATABASE_URL and exit
                                        (also: migrate --info)
              help                      print this message
            Without DATABASE_URL a local PostgreSQL server is started, its data in TIERBLOG_DATA_DIR (default ./var).
            Exit status: 0 done, 1 failed, 2 bad command line.""";
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

    /**
     * Runs a command; {@code serve} returns null and leaves the server running, others an exit
     * status: 0 done, 1 failed, 2 a command line it does not understand (with the usage on stderr).
     */
    public Integer run(String... args) {
        if (args.length > 0 && List.of("help", "--help", "-h").contains(args[0])) {
            out.println(USAGE);
            return 0;
        }
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        List<String> rest = List.of(args.length == 0 || args[0].startsWith("-") ? args
                : Arrays.copyOfRange(args, 1, args.length));
        Optional<String> misuse = misuse(command, rest);
        if (misuse.isPresent()) {
            err.println(misuse.get());
            err.println(USAGE);
            return 2;
        }
        try {
            LogSetup.Format format = LogSetup.checkFormat(env);
            switch (command) {
                case "serve" -> {
                    serve(rest.toArray(String[]::new));
                    return null;
                }
                case "migrate" -> {
                    return rest.isEmpty() ? migrate(format) : info();
                }
                case "info" -> {
                    return info();
                }
                default -> throw new IllegalStateException("no such command, yet no misuse: " + command);
            }
        } catch (RuntimeException failure) {
            err.println("tierblog " + command + " failed: " + failure.getMessage());
            return 1;
        }
    }

    /**
     * What is wrong with a command line, if anything. {@code serve} passes {@code --name=value}
     * options on to Micronaut as configuration properties; a bare {@code --flag} would silently
     * become a property set to true, so it is refused like any other argument nothing reads.
     */
    private static Optional<String> misuse(String command, List<String> rest) {
        return switch (command) {
            case "serve" -> rest.stream().filter(argument -> !MICRONAUT_PROPERTY.matcher(argument).matches())
                    .findFirst().map(argument -> "Unknown argument for serve: " + argument
                            + " (configuration properties are given as --name=value)");
            case "migrate" -> rest.isEmpty() || rest.equals(List.of("--info")) ? Optional.empty()
                    : Optional.of("Unknown argument for migrate: " + String.join(" ", rest));
            case "info" -> rest.isEmpty() ? Optional.empty()
                    : Optional.of("Unknown argument for info: " + String.join(" ", rest));
            default -> Optional.of("Unknown command: " + command);
        };
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

    /**
     * Applies pending migrations. The summary is printed, or, with JSON logs, logged, so that every
     * line on standard output stays a JSON object.
     */
    private int migrate(LogSetup.Format format) {
        try (DataTier dataTier = DataTier.resolve(env)) {
            MigrateResult result = Migrations.migrate(dataTier.migrationUrl());
            String summary = String.format("Applied %d migration(s); schema version is now %s.", result.migrationsExecuted,
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
            if (format == LogSetup.Format.JSON) {
                LoggerFactory.getLogger(Launcher.class).info(summary);
            } else {
                out.println(summary);
            }
            return 0;
        }
    }

    /** Lists the applied and pending migrations; a report for a person, printed whatever the log format. */
    private int info() {
        try (DataTier dataTier = DataTier.resolve(env)) {
            new Migrations(dataTier.migrationUrl()).status().lines().forEach(out::println);
            return 0;
        }
    }
}
