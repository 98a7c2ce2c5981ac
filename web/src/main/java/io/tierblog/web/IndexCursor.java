package io.tierblog.web;

import io.tierblog.domain.model.PostCursor;
import io.tierblog.domain.model.PostId;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The index's keyset cursor as it travels in the query string:
 * {@code <created, microseconds since the epoch>-<post id>}, for example {@code 1514764800000000-7}.
 */
final class IndexCursor {
    private static final Pattern FORMAT = Pattern.compile("(-?[0-9]{1,19})-([0-9]{1,19})");
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private IndexCursor() {
    }

    static String format(PostCursor cursor) {
        Instant created = cursor.created();
        long micros = Math.addExact(Math.multiplyExact(created.getEpochSecond(), MICROS_PER_SECOND),
                created.getNano() / 1_000L);
        return micros + "-" + cursor.id().value();
    }

    /** The cursor the text names; empty for anything that is not one. */
    static Optional<PostCursor> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Optional<PostId> id = PostId.parse(matcher.group(2));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        long micros;
        try {
            micros = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException outOfRange) {
            return Optional.empty();
        }
        Instant created = Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
        return Optional.of(new PostCursor(created, id.get()));
    }
}
