package io.tierblog.web;

import java.util.Objects;

/**
 * HTML this web tier rendered itself from a template, all text in it escaped there: the one kind of
 * value a template may write without escaping, with {@code tb:html} ({@link RenderedHtmlDialect}).
 * Made only in this package, from a template's output.
 */
public final class RenderedHtml {
    private final String html;

    RenderedHtml(String html) {
        this.html = Objects.requireNonNull(html, "html");
    }

    String html() {
        return html;
    }

    int length() {
        return html.length();
    }

    @Override
    public String toString() {
        return html;
    }
}
