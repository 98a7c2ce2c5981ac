package io.tierblog.app.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The log set-up, in code rather than {@code logback.xml}: reading an XML file at start-up loads
 * Logback's configuration interpreter and an XML parser (about 400 classes, a few per cent of the
 * start-up's CPU) only to build one console appender. Logback finds this class through
 * {@code META-INF/services}. An operator's own file still wins: with
 * {@code -Dlogback.configurationFile=…} this steps aside and Logback reads that file instead.
 * Levels can also be changed without a file, through Micronaut's {@code logger.levels.*}
 * settings ({@code LOGGER_LEVELS_IO_TIERBLOG=DEBUG}).
 *
 * <p>{@value #FORMAT_ENV} picks the format of the lines on standard output: {@code text} (the
 * default) or {@code json}, one JSON object per line from Logback's own {@link JsonEncoder}
 * (stack traces inside the object). In JSON mode Logback's own status messages, which it would
 * print on standard output, go to standard error instead, so that every line on standard output
 * is a log event. An unknown value logs as text here (this runs before anything can refuse to
 * start) and {@link #checkFormat} lets the launcher refuse it.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    public static final String FORMAT_ENV = "TIERBLOG_LOG_FORMAT";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    /** Loggers that differ from the root's WARN, and why. */
    static final Map<String, Level> LEVELS = Map.of(
            "io.tierblog", Level.INFO,
            "io.micronaut.runtime.Micronaut", Level.INFO,
            "org.flywaydb", Level.INFO,
            // It prints the whole driver URL on every run; the data tier line says where we are.
            "org.flywaydb.core.FlywayExecutor", Level.WARN,
            // The data tier monitor reports outages once; the pool would warn per dead connection.
            "com.zaxxer.hikari", Level.ERROR);

    /** The formats {@value #FORMAT_ENV} names. */
    public enum Format {
        TEXT, JSON;

        /** The format a value of {@value #FORMAT_ENV} names: unset or blank is text; empty when unknown. */
        public static Optional<Format> parse(String value) {
            if (value == null || value.isBlank()) {
                return Optional.of(TEXT);
            }
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "text" -> Optional.of(TEXT);
                case "json" -> Optional.of(JSON);
                default -> Optional.empty();
            };
        }
    }

    /**
     * The format an environment asks for.
     *
     * @throws IllegalArgumentException when {@value #FORMAT_ENV} names no known format
     */
    public static Format checkFormat(Map<String, String> env) {
        String value = env.get(FORMAT_ENV);
        return Format.parse(value).orElseThrow(() -> new IllegalArgumentException(
                FORMAT_ENV + " must be text or json, not '" + value + "'"));
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, Format.parse(System.getenv(FORMAT_ENV)).orElse(Format.TEXT));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets {@code context} up to log in {@code format} on standard output. */
    static void configure(LoggerContext context, Format format) {
        Encoder<ILoggingEvent> encoder = format == Format.JSON ? jsonEncoder(context) : textEncoder(context);
        if (format == Format.JSON) {
            statusesToStandardError(context);
        }

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    /**
     * One object per event: timestamp (epoch milliseconds), nanoseconds (within its second),
     * level, threadName, loggerName, formattedMessage (the message with its arguments) and
     * throwable (null, or the exception with its stack frames and causes). Left out: the sequence
     * number (always 0 without a generator), the context's name and properties (the same on every
     * line), and the unformatted message and its arguments (formattedMessage says it already).
     */
    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithMDC(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    /**
     * Logback prints its own warnings and errors (a broken appender, say) on standard output unless
     * the context has a status listener; this one prints them on standard error, the earlier ones
     * included.
     */
    private static void statusesToStandardError(LoggerContext context) {
        StatusListener toStandardError = status -> {
            if (status.getEffectiveLevel() >= Status.WARN) {
                System.err.println("logback: " + status);
            }
        };
        context.getStatusManager().getCopyOfStatusList().forEach(toStandardError::addStatusEvent);
        context.getStatusManager().add(toStandardError);
    }
}
