package io.tierblog.app.datatier;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tells, without Flyway, whether a database already has exactly the migrations this build
 * carries: the versioned scripts in {@code db/migration} against the successful rows of Flyway's
 * history table in the connection's schema. Starting Flyway loads about a thousand classes (its
 * own and Jackson's) and takes a good part of a second; on the usual start, with nothing to apply,
 * this check answers in a couple of milliseconds and Flyway is never loaded. Whenever it cannot
 * vouch for the schema (a script it does not understand, a failed or unknown history row, versions
 * that differ either way, no history table), it says "not known to be current" and Flyway decides,
 * validating and migrating as always.
 */
final class SchemaVersions {
    static final String FOLDER = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]+\\.sql");
    private static final String HISTORY_TABLE = "flyway_schema_history";

    private final Optional<Set<String>> shipped;

    SchemaVersions(ClassLoader loader) {
        this.shipped = shippedVersions(loader);
    }

    /** The versions of the scripts this build carries; empty when they cannot all be read as versioned scripts. */
    Optional<Set<String>> shipped() {
        return shipped;
    }

    /** True only when the schema's successful history rows are exactly the shipped versions, and nothing else. */
    boolean isCurrent(Connection connection) throws SQLException {
        if (shipped.isEmpty() || shipped.get().isEmpty()) {
            return false;
        }
        String schema;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT current_schema(), to_regclass(quote_ident(current_schema()) || '." + HISTORY_TABLE + "')");
             ResultSet row = statement.executeQuery()) {
            if (!row.next() || row.getString(1) == null || row.getString(2) == null) {
                return false;
            }
            schema = row.getString(1);
        }
        Set<String> applied = new TreeSet<>();
        String sql = "SELECT version, type, success FROM \"" + schema.replace("\"", "\"\"") + "\"." + HISTORY_TABLE;
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String version = rows.getString(1);
                String type = rows.getString(2);
                boolean success = rows.getBoolean(3);
                if (!success) {
                    return false;
                }
                if ("SCHEMA".equals(type)) {
                    continue; // the row saying Flyway created the schema
                }
                if (!"SQL".equals(type) || version == null) {
                    return false; // baselines, repeatable or Java migrations: Flyway's call
                }
                applied.add(normalized(version));
            }
        }
        return applied.equals(shipped.get());
    }

    /** {@code 1}, {@code 1.0}, {@code 01} and {@code 1_0} name the same version, as Flyway reads them. */
    static String normalized(String version) {
        List<String> parts = new ArrayList<>();
        for (String part : version.replace('_', '.').split("\\.")) {
            String digits = part.replaceFirst("^0+(?=\\d)", "");
            parts.add(digits);
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).equals("0")) {
            parts.remove(parts.size() - 1);
        }
        return String.join(".", parts);
    }

    private static Optional<Set<String>> shippedVersions(ClassLoader loader) {
        try {
            Set<String> versions = new TreeSet<>();
            Enumeration<URL> roots = loader.getResources(FOLDER);
            boolean any = false;
            while (roots.hasMoreElements()) {
                Optional<List<String>> names = scriptNames(roots.nextElement());
                if (names.isEmpty()) {
                    return Optional.empty();
                }
                for (String name : names.get()) {
                    Matcher matcher = VERSIONED.matcher(name);
                    if (!matcher.matches() || !versions.add(normalized(matcher.group(1)))) {
                        return Optional.empty(); // not a versioned script, or the same version twice
                    }
                }
                any = true;
            }
            return any ? Optional.of(versions) : Optional.empty();
        } catch (IOException | URISyntaxException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The files directly in the folder, from a jar or a directory; empty for any other kind of location. */
    private static Optional<List<String>> scriptNames(URL root) throws IOException, URISyntaxException {
        switch (root.getProtocol()) {
            case "file": {
                try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                    List<Path> entries = files.toList();
                    if (!entries.stream().allMatch(Files::isRegularFile)) {
                        return Optional.empty(); // Flyway also reads sub-folders
                    }
                    return Optional.of(entries.stream().map(file -> file.getFileName().toString()).toList());
                }
            }
            case "jar": {
                String spec = root.getPath();
                int separator = spec.indexOf("!/");
                if (!spec.startsWith("file:") || separator < 0 || spec.indexOf("!/", separator + 2) >= 0) {
                    return Optional.empty(); // a jar inside a jar
                }
                Path jar = Path.of(new URI(spec.substring(0, separator)));
                String prefix = FOLDER + "/";
                List<String> names = new ArrayList<>();
                try (JarFile file = new JarFile(jar.toFile())) {
                    Enumeration<JarEntry> entries = file.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        String name = entry.getName();
                        if (!entry.isDirectory() && name.startsWith(prefix)) {
                            String rest = name.substring(prefix.length());
                            if (rest.contains("/")) {
                                return Optional.empty(); // Flyway also reads sub-folders
                            }
                            names.add(rest);
                        }
                    }
                }
                return Optional.of(names);
            }
            default:
                return Optional.empty();
        }
    }
}
