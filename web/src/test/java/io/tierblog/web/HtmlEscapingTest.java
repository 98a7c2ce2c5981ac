package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.unbescape.html.HtmlEscape;

/** Escapes exactly as unbescape's escapeHtml4Xml, which Thymeleaf's th:text uses. */
class HtmlEscapingTest {

    @Test
    void everyCharacterAloneAndInText() {
        for (int code = 0; code <= Character.MAX_VALUE; code++) {
            char c = (char) code;
            for (String text : new String[] {String.valueOf(c), "ab" + c, c + "cd", "a<" + c + "&b" + c}) {
                assertThat(HtmlEscaping.escape(text)).as("U+%04X", code).isEqualTo(HtmlEscape.escapeHtml4Xml(text));
            }
        }
    }

    @Test
    void randomTextsOfEveryKindOfCharacter() {
        Random random = new Random(20_251_122L);
        String alphabet = "<>&\"'; =/\n\t\u0000\u007f\u00a0éü中\uD83D\uDE00\uD83D\uDE00\uDE00xyz ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(300);
            for (int k = 0; k < length; k++) {
                text.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = text.toString();
            assertThat(HtmlEscaping.escape(value)).isEqualTo(HtmlEscape.escapeHtml4Xml(value));
        }
    }

    @Test
    void markupBecomesReferencesAndPlainTextIsNotCopied() {
        assertThat(HtmlEscaping.escape("<a href=\"x\">Tom & Jerry's</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
        String plain = "Nothing to escape here, not even a stray ampersand-free sentence.";
        assertThat(HtmlEscaping.escape(plain)).isSameAs(plain);
        assertThat(HtmlEscaping.escape("")).isEmpty();
    }
}
