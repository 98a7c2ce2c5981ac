package io.tierblog.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** Readers for the deployment files: Dockerfile, compose.yaml, systemd units, env files, Kubernetes manifests. */
final class DeployFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "v1/Secret", Secret.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "batch/v1/Job", Job.class);

    private DeployFiles() {
    }

    /** The repository's root: the nearest directory up from here that holds the Maven wrapper. */
    static Path root() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("the repository root (holding mvnw) above " + Path.of("").toAbsolutePath()).isNotNull();
        return directory;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 20s}, {@code 1m}, {@code 500ms} or a plain number of seconds. */
    static Duration duration(String text) {
        Matcher matcher = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?").matcher(text.trim());
        assertThat(matcher.matches()).as("a duration: %s", text).isTrue();
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** {@code 256m}, {@code 512M}, {@code 512Mi}, {@code 1Gi}, {@code 1g} in MiB. */
    static long mebibytes(String text) {
        Matcher matcher = Pattern.compile("(\\d+)\\s*([kKmMgG])?i?").matcher(text.trim());
        assertThat(matcher.matches()).as("a memory size: %s", text).isTrue();
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2).toLowerCase();
        return switch (unit) {
            case "k" -> amount / 1024;
            case "m" -> amount;
            case "g" -> amount * 1024;
            default -> amount / (1024 * 1024);
        };
    }

    // --- Dockerfile -------------------------------------------------------------------------

    /** One instruction of a Dockerfile, its continuation lines joined, in its build stage. */
    record Instruction(int stage, String keyword, String arguments) {
        /** The arguments of an exec-form instruction ({@code ["a", "b"]}). */
        List<String> execForm() {
            String text = arguments.replaceFirst("^(--\\S+\\s+)*", "");
            if (keyword.equals("HEALTHCHECK")) {
                text = text.replaceFirst("^CMD\\s+", "");
            }
            assertThat(text).as("%s in exec form", keyword).startsWith("[").endsWith("]");
            try {
                return List.of(new ObjectMapper().readValue(text, String[].class));
            } catch (IOException e) {
                throw new AssertionError(keyword + " is not a JSON array: " + text, e);
            }
        }
    }

    static List<Instruction> dockerfile(Path file) {
        List<Instruction> instructions = new ArrayList<>();
        int stage = -1;
        StringBuilder pending = new StringBuilder();
        for (String line : read(file).split("\n")) {
            String trimmed = line.strip();
            if (pending.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (!pending.isEmpty() && trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String[] parts = pending.toString().strip().split("\\s+", 2);
            String keyword = parts[0].toUpperCase();
            if (keyword.equals("FROM")) {
                stage++;
            }
            instructions.add(new Instruction(stage, keyword, parts.length > 1 ? parts[1].replaceAll("\\s+", " ") : ""));
            pending.setLength(0);
        }
        return instructions;
    }

    // --- systemd units and environment files ---------------------------------------------------

    /** A unit file: section name to its settings, each key with all its values in order. */
    static Map<String, Map<String, List<String>>> unit(Path file) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> section = null;
        for (String line : read(file).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                section = sections.computeIfAbsent(trimmed.substring(1, trimmed.indexOf(']')), name -> new LinkedHashMap<>());
                continue;
            }
            assertThat(section).as("%s: a setting before any section: %s", file, trimmed).isNotNull();
            int equals = trimmed.indexOf('=');
            assertThat(equals).as("%s: key=value: %s", file, trimmed).isPositive();
            section.computeIfAbsent(trimmed.substring(0, equals).strip(), key -> new ArrayList<>())
                    .add(trimmed.substring(equals + 1).strip());
        }
        return sections;
    }

    /** The one value of a unit setting. */
    static String single(Map<String, Map<String, List<String>>> unit, String section, String key) {
        List<String> values = unit.getOrDefault(section, Map.of()).get(key);
        assertThat(values).as("[%s] %s", section, key).isNotNull().hasSize(1);
        return values.get(0);
    }

    /** {@code NAME=value} lines (systemd's EnvironmentFile, compose's .env); comments and blank lines skipped. */
    static Map<String, String> envFile(Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : read(file).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            assertThat(equals).as("%s: NAME=value: %s", file, trimmed).isPositive();
            String previous = env.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            assertThat(previous).as("%s sets %s once", file, trimmed.substring(0, equals)).isNull();
        }
        return env;
    }

    /** {@code Environment=NAME=value} settings of a unit's [Service]. */
    static Map<String, String> unitEnvironment(Map<String, Map<String, List<String>>> unit) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String assignment : unit.get("Service").getOrDefault("Environment", List.of())) {
            for (String pair : assignment.split("\\s+")) {
                int equals = pair.indexOf('=');
                env.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return env;
    }

    // --- compose.yaml ---------------------------------------------------------------------------

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    /**
     * compose.yaml as compose reads it: YAML merge keys resolved, {@code ${VAR}},
     * {@code ${VAR:-default}} and {@code ${VAR:?message}} replaced from the given variables (a
     * missing required one fails).
     */
    static Map<String, Object> compose(Path file, Map<String, String> variables) {
        Matcher matcher = INTERPOLATION.matcher(read(file));
        StringBuilder interpolated = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            String operator = matcher.group(2);
            if (value == null || value.isEmpty() && operator != null && operator.startsWith(":")) {
                assertThat(operator).as("${%s} has a value or a default", matcher.group(1)).isNotNull();
                assertThat(operator).as("required variable %s is set: %s", matcher.group(1), matcher.group(3))
                        .doesNotEndWith("?");
                value = matcher.group(3);
            }
            matcher.appendReplacement(interpolated, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(interpolated);
        return new Yaml().load(interpolated.toString());
    }

    /** The variable names compose.yaml interpolates. */
    static List<String> composeVariables(Path file) {
        Matcher matcher = INTERPOLATION.matcher(read(file));
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2)));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    // --- Kubernetes -----------------------------------------------------------------------------

    /**
     * Reads a manifest into its model class (chosen by apiVersion and kind), refusing unknown fields
     * anywhere in it: the model classes collect unknown fields in {@code additionalProperties},
     * which must stay empty, so a misspelt or misplaced field fails here rather than in a cluster.
     */
    static <T extends HasMetadata> T manifest(Path file, Class<T> type) {
        HasMetadata resource = manifest(file);
        assertThat(resource).as("%s is a %s", file.getFileName(), type.getSimpleName()).isInstanceOf(type);
        return type.cast(resource);
    }

    static HasMetadata manifest(Path file) {
        Map<String, Object> raw = new Yaml().load(read(file));
        String key = raw.get("apiVersion") + "/" + raw.get("kind");
        Class<? extends HasMetadata> type = KINDS.get(key);
        assertThat(type).as("%s: a known apiVersion/kind: %s", file.getFileName(), key).isNotNull();
        HasMetadata resource;
        try {
            resource = YAML.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new AssertionError(file.getFileName() + " does not read as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(resource, file.getFileName().toString(), unknown, new IdentityHashMap<>());
        assertThat(unknown).as("fields the %s model does not know", type.getSimpleName()).isEmpty();
        return resource;
    }

    private static void unknownFields(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Iterable<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> unknownFields(item, path + "." + key, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object property;
            try {
                property = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(name -> unknown.add(path + "." + name));
                }
                continue;
            }
            unknownFields(property, path + "." + Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4),
                    unknown, seen);
        }
    }
}
