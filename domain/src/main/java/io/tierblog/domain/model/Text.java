package io.tierblog.domain.model;

import io.tierblog.domain.exception.InvalidInputException;

/** Checks shared by the text value objects. */
final class Text {
    private Text() {
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Length in characters as a person counts them (code points), not UTF-16 units. */
    static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    static void requireAtMost(String field, String label, String value, int max) {
        if (length(value) > max) {
            throw new InvalidInputException(field, label + " must be at most " + max + " characters.");
        }
    }

    /**
     * Whether the text holds a control character (PostgreSQL text cannot hold NUL, and no other
     * control character belongs in a line; {@code allowLineBreaks} lets \n, \r and \t through), a
     * lone surrogate (which cannot be stored as UTF-8) or a Unicode noncharacter (U+FDD0 to
     * U+FDEF, and U+FFFE and U+FFFF in every plane: not for interchange, pages and parsers drop
     * them). One pass, in which printable ASCII, by far the most common, costs one comparison:
     * posts are checked again each time they are read.
     */
    static boolean hasControlCharacterOrLoneSurrogate(String value, boolean allowLineBreaks) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            if (c < 0x20) {
                if (!allowLineBreaks || (c != '\n' && c != '\r' && c != '\t')) {
                    return true;
                }
            } else if (c == 0x7f) {
                return true;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                    if (isNoncharacter(Character.toCodePoint(c, value.charAt(i + 1)))) {
                        return true;
                    }
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c) || isNoncharacter(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    /** Lone surrogates cannot be stored as UTF-8. */
    static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
