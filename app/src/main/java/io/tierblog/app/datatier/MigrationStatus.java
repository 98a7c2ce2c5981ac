package io.tierblog.app.datatier;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The migrations a database has applied and those it has not, in Flyway's order, for the
 * {@code info} command: the counterpart of {@code flask db current} and {@code history}.
 *
 * @param current the version the schema is at; empty before the first migration
 * @param entries every migration this build carries or the history table records
 */
public record MigrationStatus(Optional<String> current, List<Entry> entries) {
    static final String[] HEADINGS = {"Version", "Description", "State", "Installed on"};
    private static final DateTimeFormatter INSTALLED_ON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public MigrationStatus {
        entries = List.copyOf(entries);
    }

    /**
     * One migration.
     *
     * @param state Flyway's name for it: Pending, Success, Failed, Future (applied but unknown to this build)…
     * @param installedOn when it was applied, as the database server's clock read then
     */
    public record Entry(String version, String description, String state, boolean applied, boolean pending,
                        boolean failed, Optional<LocalDateTime> installedOn) {
    }

    public long applied() {
        return entries.stream().filter(Entry::applied).count();
    }

    public long pending() {
        return entries.stream().filter(Entry::pending).count();
    }

    public long failed() {
        return entries.stream().filter(Entry::failed).count();
    }

    /** A table of the migrations, one a line under a heading, then a summary line. */
    public List<String> lines() {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (Entry entry : entries) {
            rows.add(new String[] {entry.version(), entry.description(), entry.state(),
                    entry.installedOn().map(INSTALLED_ON::format).orElse("")});
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length; column++) {
                line.append(column == 0 ? "" : "  ")
                        .append(column == row.length - 1 ? row[column] : pad(row[column], widths[column]));
            }
            lines.add(line.toString().stripTrailing());
        }
        lines.add(summary());
        return lines;
    }

    /** {@code Schema version: 2; 2 applied, 0 pending.}, with failed ones counted when there are any. */
    public String summary() {
        return "Schema version: " + current.orElse("none") + "; " + applied() + " applied, " + pending() + " pending"
                + (failed() > 0 ? ", " + failed() + " failed" : "") + ".";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
