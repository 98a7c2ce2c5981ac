package io.tierblog.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.domain.exception.InvalidInputException;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {
    @ParameterizedTest
    @ValueSource(strings = {"1", "42", "9223372036854775807"})
    void postIdsParseFromPositiveWholeNumbers(String text) {
        assertThat(PostId.parse(text)).map(PostId::value).contains(Long.parseLong(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-1", "+1", "1.5", "abc", " 1", "9223372036854775808", "99999999999999999999", "١"})
    void anythingElseIsNoPostId(String text) {
        assertThat(PostId.parse(text)).isEmpty();
    }

    @Test
    void nulAndControlCharactersAreRefusedWithAMessage() {
        assertThatThrownBy(() -> new Title("a\0b")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Title may not contain control characters.");
        assertThatThrownBy(() -> new Username("a\u0007")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new PostBody("a\0b")).isInstanceOf(InvalidInputException.class);
        assertThat(new PostBody("line\r\nline\ttab").value()).isEqualTo("line\r\nline\ttab");
    }

    @Test
    void unicodeNoncharactersAreRefusedLikeControlCharacters() {
        for (String noncharacter : new String[] {"\uFFFF", "\uFFFE", "\uFDD0", "\uFDEF", "\uD83F\uDFFE", "\uDBFF\uDFFF"}) {
            assertThatThrownBy(() -> new Title("a" + noncharacter)).hasMessage("Title may not contain control characters.");
            assertThatThrownBy(() -> new Username(noncharacter)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> new PostBody(noncharacter)).isInstanceOf(InvalidInputException.class);
        }
        assertThat(new Title("\uFDCF \uFDF0 \uFFFD").value()).isEqualTo("\uFDCF \uFDF0 \uFFFD");
    }

    @Test
    void loneSurrogatesAreRefused() {
        assertThatThrownBy(() -> new Title("a\ud800b")).isInstanceOf(InvalidInputException.class);
        assertThat(new Title("rocket 🚀").value()).isEqualTo("rocket 🚀");
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        String emojiTitle = "🚀".repeat(Title.MAX_LENGTH);

        assertThat(new Title(emojiTitle).value()).isEqualTo(emojiTitle);
        assertThatThrownBy(() -> new Title(emojiTitle + "x"))
                .hasMessage("Title must be at most " + Title.MAX_LENGTH + " characters.");
        assertThatThrownBy(() -> new PostBody("b".repeat(PostBody.MAX_LENGTH + 1)))
                .hasMessage("Body must be at most " + PostBody.MAX_LENGTH + " characters.");
    }

    @Test
    void theFieldIsNamedForTheForm() {
        assertThatThrownBy(() -> new Title(" ")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("title"));
    }
}
