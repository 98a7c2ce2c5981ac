package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.domain.model.PostCursor;
import io.tierblog.domain.model.PostId;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexCursorTest {

    @ParameterizedTest
    @ValueSource(strings = {"2018-01-01T00:00:00Z", "2024-02-03T04:05:06.123456Z", "1969-12-31T23:59:59.999999Z",
        "1970-01-01T00:00:00Z"})
    void aCursorSurvivesTheQueryString(String created) {
        PostCursor cursor = new PostCursor(Instant.parse(created), new PostId(42));

        assertThat(IndexCursor.parse(IndexCursor.format(cursor))).contains(cursor);
    }

    @Test
    void theFormatIsMicrosecondsSinceTheEpochThenTheId() {
        PostCursor cursor = new PostCursor(Instant.parse("2018-01-01T00:00:00.000001Z"), new PostId(7));

        assertThat(IndexCursor.format(cursor)).isEqualTo("1514764800000001-7");
        assertThat(IndexCursor.format(new PostCursor(Instant.parse("1969-12-31T23:59:59.999999Z"), new PostId(3))))
                .isEqualTo("-1-3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "12", "1-0", "1--2", "1-2-3", "+1-2", "1-+2", "1 -2", "99999999999999999999-1",
        "1-99999999999999999999", "1.5-2"})
    void anythingElseIsNoCursor(String text) {
        assertThat(IndexCursor.parse(text)).isEmpty();
    }
}
