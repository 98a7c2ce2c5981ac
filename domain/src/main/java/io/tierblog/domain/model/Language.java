package io.tierblog.domain.model;

import io.tierblog.domain.exception.InvalidInputException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The languages a post may be written in: the one place that lists them, their codes (what forms
 * post, URLs carry and the {@code posts.language} column holds) and the PostgreSQL text-search
 * configuration whose stemmer and stop words search uses for each. The migration's CHECK and
 * generated search column name the same codes and configurations.
 */
public enum Language {
    ENGLISH("en", "English", "english"),
    DANISH("da", "Dansk", "danish");

    /** What a post is written in unless its author says otherwise. */
    public static final Language DEFAULT = ENGLISH;

    private final String code;
    private final String displayName;
    private final String searchConfiguration;

    Language(String code, String displayName, String searchConfiguration) {
        this.code = code;
        this.displayName = displayName;
        this.searchConfiguration = searchConfiguration;
    }

    /** The ISO 639-1 code: {@code en}, {@code da}. */
    public String code() {
        return code;
    }

    /** The language's name in itself, for a select box. */
    public String displayName() {
        return displayName;
    }

    /** The PostgreSQL text-search configuration ({@code regconfig}) for this language. */
    public String searchConfiguration() {
        return searchConfiguration;
    }

    /** The language with this code, if there is one (exact, lower case). */
    public static Optional<Language> fromCode(String code) {
        for (Language language : values()) {
            if (language.code.equals(code)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /**
     * The language a person chose; blank means {@link #DEFAULT}.
     *
     * @throws InvalidInputException for any other value, with a message that lists the choices
     */
    public static Language parse(String field, String code) {
        if (code == null || code.isEmpty()) {
            return DEFAULT;
        }
        return fromCode(code).orElseThrow(() -> new InvalidInputException(field,
                "Language must be one of " + codes() + "."));
    }

    /** "en, da". */
    public static String codes() {
        return Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", "));
    }
}
