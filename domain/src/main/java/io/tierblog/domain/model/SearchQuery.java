package io.tierblog.domain.model;

import io.tierblog.domain.exception.InvalidInputException;

/**
 * What a reader typed into the search box, in web-search syntax: words, {@code "phrases"},
 * {@code -word} to leave out, {@code OR} between alternatives. Required, one line, at most
 * {@value #MAX_LENGTH} characters, so no query costs more to parse and match than a long
 * sentence. Surrounding spaces are dropped.
 */
public record SearchQuery(String value) {
    public static final int MAX_LENGTH = 200;
    static final String FIELD = "q";

    public SearchQuery {
        if (Text.isBlank(value)) {
            throw new InvalidInputException(FIELD, "Type a word or two to search for.");
        }
        // The length check first: a huge query is refused without a pass over all of it.
        if (value.length() > 2 * MAX_LENGTH) {
            throw tooLong();
        }
        value = value.strip();
        if (Text.length(value) > MAX_LENGTH) {
            throw tooLong();
        }
        if (Text.hasControlCharacterOrLoneSurrogate(value, false)) {
            throw new InvalidInputException(FIELD, "A search may not contain control characters.");
        }
    }

    private static InvalidInputException tooLong() {
        return new InvalidInputException(FIELD, "A search must be at most " + MAX_LENGTH + " characters.");
    }

    @Override
    public String toString() {
        return value;
    }
}
