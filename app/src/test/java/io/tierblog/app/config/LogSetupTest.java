package io.tierblog.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierblog.app.config.LogSetup.Format;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The log set-up in both formats, on a context of its own, with standard output and error captured. */
class LogSetupTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Quotes, backslashes, line breaks, control characters, a line separator and characters outside Latin-1. */
    private static final String AWKWARD = "He said \"stop\" \\ 'then'\nsecond line\r\nthird\ttab \u0000 \u0001 \u001f"
            + " \u007f \u2028 æøå ☃ 🐘 </script>";

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private LoggerContext context;

    @BeforeEach
    void captureStandardStreams() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
    }

    @AfterEach
    void restoreStandardStreams() {
        context.stop();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void jsonModePrintsOneObjectPerLineWithTimestampLevelLoggerAndMessage() throws Exception {
        LogSetup.configure(context, Format.JSON);
        Instant before = Instant.now();
        Logger log = context.getLogger("io.tierblog.app.Example");

        log.info("Data tier reachable at {}", "127.0.0.1:5432");
        log.warn(AWKWARD);
        log.info("argument: {}", AWKWARD);
        log.debug("below the io.tierblog level: not printed");
        context.getLogger("org.example.Quiet").info("below the root's WARN: not printed");

        List<JsonNode> events = jsonLines();
        assertThat(events).hasSize(3);
        for (JsonNode event : events) {
            assertThat(event.get("timestamp").isIntegralNumber()).as("epoch milliseconds: %s", event).isTrue();
            assertThat(Instant.ofEpochMilli(event.get("timestamp").asLong()))
                    .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
            assertThat(event.get("loggerName").asText()).isEqualTo("io.tierblog.app.Example");
            assertThat(event.get("threadName").asText()).isEqualTo(Thread.currentThread().getName());
            assertThat(event.has("context")).as("left out: the same on every line").isFalse();
        }
        assertThat(events).extracting(event -> event.get("level").asText()).containsExactly("INFO", "WARN", "INFO");
        assertThat(events).extracting(event -> event.get("formattedMessage").asText()).containsExactly(
                "Data tier reachable at 127.0.0.1:5432", AWKWARD, "argument: " + AWKWARD);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aStackTraceStaysInsideItsObject() throws Exception {
        LogSetup.configure(context, Format.JSON);
        IllegalStateException cause = new IllegalStateException("the \"cause\"\nover two lines");
        RuntimeException failure = new RuntimeException("outer failure", cause);
        failure.addSuppressed(new IllegalArgumentException((String) null));

        context.getLogger("io.tierblog.Failing").error("It failed: {}", "why", failure);

        List<JsonNode> events = jsonLines();
        assertThat(events).hasSize(1);
        JsonNode throwable = events.get(0).get("throwable");
        assertThat(events.get(0).get("level").asText()).isEqualTo("ERROR");
        assertThat(events.get(0).get("formattedMessage").asText()).isEqualTo("It failed: why");
        assertThat(throwable.get("className").asText()).isEqualTo(RuntimeException.class.getName());
        assertThat(throwable.get("message").asText()).isEqualTo("outer failure");
        assertThat(throwable.get("stepArray")).isNotEmpty();
        assertThat(throwable.get("stepArray").get(0).get("methodName").asText())
                .isEqualTo("aStackTraceStaysInsideItsObject");
        assertThat(throwable.get("cause").get("message").asText()).isEqualTo("the \"cause\"\nover two lines");
        assertThat(throwable.get("suppressed").get(0).get("className").asText())
                .isEqualTo(IllegalArgumentException.class.getName());
    }

    @Test
    void anAwkwardThreadNameStaysValid() throws Exception {
        LogSetup.configure(context, Format.JSON);
        Thread worker = new Thread(() -> context.getLogger("io.tierblog.Worker").info("from a worker"),
                "worker \"1\"\n\\");
        worker.start();
        worker.join(Duration.ofSeconds(10).toMillis());

        assertThat(jsonLines()).singleElement()
                .satisfies(event -> assertThat(event.get("threadName").asText()).isEqualTo("worker \"1\"\n\\"));
    }

    @Test
    void inJsonModeLogbacksOwnComplaintsGoToStandardError() {
        context.getStatusManager().add(new ErrorStatus("an earlier problem", this));
        LogSetup.configure(context, Format.JSON);

        context.getStatusManager().add(new ErrorStatus("a broken appender", this));

        assertThat(StatusUtil.contextHasStatusListener(context))
                .as("so Logback does not print its statuses on standard output itself").isTrue();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("an earlier problem").contains("a broken appender");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void textModeKeepsThePattern() {
        LogSetup.configure(context, Format.TEXT);

        context.getLogger("io.tierblog.app.datatier.DataTierMonitor").info("Data tier reachable at {}", "db:5432");

        assertThat(stdout.toString(StandardCharsets.UTF_8)).matches(
                "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[" + Thread.currentThread().getName()
                        + "] i\\.t\\.app\\.datatier\\.DataTierMonitor - Data tier reachable at db:5432\\R");
    }

    @Test
    void theFormatIsTextOrJsonInAnyCaseAndTextWhenUnset() {
        assertThat(LogSetup.checkFormat(Map.of())).isEqualTo(Format.TEXT);
        assertThat(LogSetup.checkFormat(Map.of(LogSetup.FORMAT_ENV, " "))).isEqualTo(Format.TEXT);
        assertThat(LogSetup.checkFormat(Map.of(LogSetup.FORMAT_ENV, "text"))).isEqualTo(Format.TEXT);
        assertThat(LogSetup.checkFormat(Map.of(LogSetup.FORMAT_ENV, "json"))).isEqualTo(Format.JSON);
        assertThat(LogSetup.checkFormat(Map.of(LogSetup.FORMAT_ENV, " JSON "))).isEqualTo(Format.JSON);
        assertThatThrownBy(() -> LogSetup.checkFormat(Map.of(LogSetup.FORMAT_ENV, "logfmt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TIERBLOG_LOG_FORMAT must be text or json, not 'logfmt'");
    }

    /** Every line of standard output parsed as one JSON object; fails on anything else. */
    private List<JsonNode> jsonLines() {
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertThat(printed).as("ends with a line break").endsWith("\n");
        return printed.lines().map(line -> {
            try {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
                return node;
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + line, e);
            }
        }).toList();
    }
}
