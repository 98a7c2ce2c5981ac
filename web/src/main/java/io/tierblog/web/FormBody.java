package io.tierblog.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body read strictly: only printable ASCII on the
 * wire (everything else percent-encoded), every {@code %XX} escape well-formed, and the decoded
 * bytes valid UTF-8. Browsers always send that; anything else would reach the forms with
 * replacement characters in place of what was typed, or trip the framework's own decoder.
 */
final class FormBody {
    private FormBody() {
    }

    /** The fields in order, or empty when the body is not a well-formed UTF-8 form. */
    static Optional<Map<String, List<String>>> parse(byte[] body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                int nameEnd = indexOf(body, (byte) '=', start, end);
                Optional<String> name = decode(body, start, nameEnd);
                Optional<String> value = nameEnd < end ? decode(body, nameEnd + 1, end) : Optional.of("");
                if (name.isEmpty() || value.isEmpty()) {
                    return Optional.empty();
                }
                fields.computeIfAbsent(name.get(), n -> new ArrayList<>()).add(value.get());
            }
            start = end + 1;
        }
        return Optional.of(fields);
    }

    /** Where {@code wanted} first is in {@code [from, to)}, or {@code to}. */
    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    private static Optional<String> decode(byte[] body, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '%') {
                if (i + 2 >= to) {
                    return Optional.empty();
                }
                int high = Character.digit(body[i + 1], 16);
                int low = Character.digit(body[i + 2], 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (b == '+') {
                bytes.write(' ');
            } else if (b < 0x20 || b > 0x7e) {
                return Optional.empty();
            } else {
                bytes.write(b);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }
}
