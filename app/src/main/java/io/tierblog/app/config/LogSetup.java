package io.tierblog.app.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The log set-up, in code rather than {@code logback.xml}: reading an XML file at start-up loads
 * Logback's configuration interpreter and an XML parser (about 400 classes, a few per cent of the
 * start-up's CPU) only to build one console appender. Logback finds this class through
 * {@code META-INF/services}. An operator's own file still wins: with
 * {@code -Dlogback.configurationFile=…} this steps aside and Logback reads that file instead.
 * Levels can also be changed without a file, through Micronaut's {@code logger.levels.*}
 * settings ({@code LOGGER_LEVELS_IO_TIERBLOG=DEBUG}).
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
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

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
