package io.tierblog.web;

import java.io.Writer;
import java.util.Arrays;

/**
 * Where a page is rendered: a growable character buffer that is neither synchronized nor
 * flushed. Thymeleaf's HTML escaping writes every character that needs no escaping with its own
 * {@link #write(int)} call; into a {@link java.io.StringWriter} each such call takes the lock of
 * a {@link StringBuffer}, which made that lock the largest single cost of the index page. One
 * writer serves one rendering at a time on one thread; {@link #clear()} readies it for the next.
 */
final class HtmlWriter extends Writer {
    private char[] chars;
    private int length;

    HtmlWriter(int initialCapacity) {
        this.chars = new char[Math.max(16, initialCapacity)];
    }

    @Override
    public void write(int c) {
        if (length == chars.length) {
            grow(1);
        }
        chars[length++] = (char) c;
    }

    @Override
    public void write(char[] source, int offset, int count) {
        if (count > chars.length - length) {
            grow(count);
        }
        System.arraycopy(source, offset, chars, length, count);
        length += count;
    }

    @Override
    public void write(String text, int offset, int count) {
        if (count > chars.length - length) {
            grow(count);
        }
        text.getChars(offset, offset + count, chars, length);
        length += count;
    }

    @Override
    public void write(String text) {
        write(text, 0, text.length());
    }

    @Override
    public HtmlWriter append(CharSequence text) {
        String string = String.valueOf(text);
        write(string, 0, string.length());
        return this;
    }

    @Override
    public HtmlWriter append(CharSequence text, int start, int end) {
        String string = String.valueOf(text);
        write(string, start, end - start);
        return this;
    }

    @Override
    public HtmlWriter append(char c) {
        write(c);
        return this;
    }

    /** Characters written so far. */
    int length() {
        return length;
    }

    /** Characters it can hold before it grows. */
    int capacity() {
        return chars.length;
    }

    /** Forgets what was written; the buffer stays as large as it grew. */
    void clear() {
        length = 0;
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }

    @Override
    public void flush() {
        // Nothing is held back: everything written is already in the buffer.
    }

    @Override
    public void close() {
        // Closing changes nothing; the text stays readable.
    }

    private void grow(int needed) {
        int required = length + needed;
        if (required < 0) {
            throw new OutOfMemoryError("page larger than 2^31 characters");
        }
        chars = Arrays.copyOf(chars, Math.max(required, chars.length * 2));
    }
}
