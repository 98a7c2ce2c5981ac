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
     * PostgreSQL text cannot hold NUL, and no other control character belongs in a line. Unicode
     * noncharacters (U+FDD0 to U+FDEF, and U+FFFE and U+FFFF in every plane) are not for
     * interchange either: pages and parsers drop them, so they count as control characters here.
     */
    static boolean hasControlCharacter(String value, boolean allowLineBreaks) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            if (c < 0x20 || c == 0x7f || isNoncharacter(c)) {
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
