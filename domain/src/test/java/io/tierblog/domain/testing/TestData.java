package io.tierblog.domain.testing;

import io.tierblog.domain.model.PasswordHash;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.Username;
import java.time.Instant;

/** Builders for the values tests keep needing. */
public final class TestData {
    public static final Instant JAN_1_2018 = Instant.parse("2018-01-01T00:00:00Z");

    private TestData() {
    }

    public static Username username(String name) {
        return new Username(name);
    }

    public static PasswordHash hash(String label) {
        return new PasswordHash("hash-of-" + label);
    }

    public static Title title(String text) {
        return new Title(text);
    }

    public static PostBody body(String text) {
        return new PostBody(text);
    }
}
