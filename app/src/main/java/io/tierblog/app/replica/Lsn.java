package io.tierblog.app.replica;

import java.util.Optional;

/**
 * A position in PostgreSQL's write-ahead log, as {@code pg_lsn} prints it ({@code 16/B374D848}:
 * two hexadecimal halves of a 64-bit byte position). Compared as unsigned numbers.
 */
public record Lsn(long value) implements Comparable<Lsn> {
    /** Beyond any position a server will reach: a visitor holding it reads from the primary only. */
    public static final Lsn BEYOND_ANY = new Lsn(-1L);

    /** The position in {@code text}, or empty when it is not a {@code pg_lsn}. */
    public static Optional<Lsn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 1 || slash > 8 || text.length() - slash - 1 < 1 || text.length() - slash - 1 > 8) {
            return Optional.empty();
        }
        try {
            long high = Long.parseLong(text.substring(0, slash), 16);
            long low = Long.parseLong(text.substring(slash + 1), 16);
            if (text.charAt(0) == '+' || text.charAt(slash + 1) == '+' || text.charAt(0) == '-'
                    || text.charAt(slash + 1) == '-') {
                return Optional.empty();
            }
            return Optional.of(new Lsn((high << 32) | low));
        } catch (NumberFormatException notHex) {
            return Optional.empty();
        }
    }

    public boolean isAtLeast(Lsn other) {
        return compareTo(other) >= 0;
    }

    /** Bytes from {@code earlier} to here; zero when {@code earlier} is not before this position. */
    public long bytesAfter(Lsn earlier) {
        return compareTo(earlier) <= 0 ? 0 : value - earlier.value;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
    }
}
