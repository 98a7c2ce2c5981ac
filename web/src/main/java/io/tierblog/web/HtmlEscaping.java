package io.tierblog.web;

/**
 * Text made safe to place in HTML, exactly as Thymeleaf's {@code th:text} escapes it in HTML mode
 * (unbescape's {@code HtmlEscape.escapeHtml4Xml}): the five markup-significant characters become
 * {@code &amp; &lt; &gt; &quot; &#39;}, everything else stays as it is. Text with none of them is
 * returned as it is, without a copy.
 *
 * <p>Same output as unbescape (a test compares the two over every character), found faster: the
 * first character to escape is looked for with {@link String#indexOf(int)}, which the JVM runs
 * as a vector instruction loop, and only the text from there on is walked one character at a
 * time. Escaping the index page's post bodies with unbescape's character-by-character loop was a
 * fifth of the page's CPU time; a plain loop here still cost three quarters of that.
 */
final class HtmlEscaping {
    /** Bit {@code c} is set for each character {@code c} (all below 64) that must be escaped. */
    private static final long SIGNIFICANT = 1L << '"' | 1L << '&' | 1L << '\'' | 1L << '<' | 1L << '>';
    private static final char[] SIGNIFICANT_CHARACTERS = {'&', '<', '>', '"', '\''};

    private HtmlEscaping() {
    }

    static String escape(String text) {
        int length = text.length();
        int next = firstSignificant(text);
        if (next < 0) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(length + 32);
        int copied = 0;
        for (; next < length; next++) {
            char c = text.charAt(next);
            if (significant(c)) {
                escaped.append(text, copied, next).append(reference(c));
                copied = next + 1;
            }
        }
        return escaped.append(text, copied, length).toString();
    }

    /** Where the first character to escape is, or -1: a vectorised search for each of the five. */
    private static int firstSignificant(String text) {
        int first = -1;
        for (char c : SIGNIFICANT_CHARACTERS) {
            int at = text.indexOf(c);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private static boolean significant(char c) {
        return c < 64 && (SIGNIFICANT & 1L << c) != 0;
    }

    private static String reference(char c) {
        return switch (c) {
            case '"' -> "&quot;";
            case '&' -> "&amp;";
            case '\'' -> "&#39;";
            case '<' -> "&lt;";
            default -> "&gt;";
        };
    }
}
