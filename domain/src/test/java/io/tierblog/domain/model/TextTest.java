package io.tierblog.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one-pass check refuses exactly what a control character, a lone surrogate or a noncharacter is. */
class TextTest {

    /** The rule, spelled out one character class at a time. */
    private static boolean refused(String value, boolean allowLineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            if ((c < 0x20 && !(allowLineBreaks && lineBreak)) || c == 0x7f) {
                return true;
            }
            if ((c >= 0xFDD0 && c <= 0xFDEF) || c == 0xFFFE || c == 0xFFFF) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, value.charAt(i + 1));
                    if ((codePoint & 0xFFFF) >= 0xFFFE) {
                        return true;
                    }
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

    @Test
    void everyCharacterAloneAndAmongPrintableText() {
        for (int code = 0; code <= Character.MAX_VALUE; code++) {
            char c = (char) code;
            for (String value : new String[] {String.valueOf(c), "ab" + c, c + "cd", "ab" + c + "cd"}) {
                for (boolean allowLineBreaks : new boolean[] {false, true}) {
                    assertThat(Text.hasControlCharacterOrLoneSurrogate(value, allowLineBreaks))
                            .as("U+%04X in %s, line breaks %s", code, value.length(), allowLineBreaks)
                            .isEqualTo(refused(value, allowLineBreaks));
                }
            }
        }
    }

    @Test
    void surrogatePairsPassAndHalvesDoNot() {
        String smile = "\uD83D\uDE00";
        assertThat(Text.hasControlCharacterOrLoneSurrogate("a" + smile + "b", false)).isFalse();
        assertThat(Text.hasControlCharacterOrLoneSurrogate(smile + smile, false)).isFalse();
        assertThat(Text.hasControlCharacterOrLoneSurrogate("a\uD83D", false)).isTrue();
        assertThat(Text.hasControlCharacterOrLoneSurrogate("\uDE00a", false)).isTrue();
        assertThat(Text.hasControlCharacterOrLoneSurrogate("\uD83D\uD83D\uDE00", false)).isTrue();
        assertThat(Text.hasControlCharacterOrLoneSurrogate(smile + "\uDE00", false)).isTrue();
    }

    @Test
    void lineBreaksOnlyWhereAllowed() {
        assertThat(Text.hasControlCharacterOrLoneSurrogate("one\ntwo\r\n\tthree", true)).isFalse();
        assertThat(Text.hasControlCharacterOrLoneSurrogate("one\ntwo", false)).isTrue();
        assertThat(Text.hasControlCharacterOrLoneSurrogate("bell\u0007", true)).isTrue();
        assertThat(Text.hasControlCharacterOrLoneSurrogate("delete\u007f", true)).isTrue();
        assertThat(Text.hasControlCharacterOrLoneSurrogate("", false)).isFalse();
    }
}
