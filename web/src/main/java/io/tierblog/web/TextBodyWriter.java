package io.tierblog.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.body.ByteBodyFactory;
import io.micronaut.http.body.CharSequenceBodyWriter;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.body.ResponseBodyWriter;
import io.micronaut.http.body.TypedMessageBodyWriter;
import io.micronaut.http.codec.CodecException;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Writes text response bodies (every page is one) as Micronaut's own writer does, with one
 * difference: the text is encoded by {@link String#getBytes(Charset)}, whose ASCII fast path
 * copies a vector at a time, instead of Netty's loop over the characters, which cost about
 * 15 µs of the index page's ~30 KB against 3 µs here. The bytes are handed over without a copy.
 */
@Singleton
@Replaces(CharSequenceBodyWriter.class)
final class TextBodyWriter implements TypedMessageBodyWriter<CharSequence>, ResponseBodyWriter<CharSequence> {
    private final Charset defaultCharset;

    TextBodyWriter(ApplicationConfiguration configuration) {
        this.defaultCharset = configuration.getDefaultCharset();
    }

    @Override
    public Argument<CharSequence> getType() {
        return Argument.of(CharSequence.class);
    }

    @Override
    public CloseableByteBody writePiece(ByteBodyFactory bodyFactory, HttpRequest<?> request, HttpResponse<?> response,
                                        Argument<CharSequence> type, MediaType mediaType, CharSequence text) {
        Charset charset = MessageBodyWriter.getCharset(mediaType, response.getHeaders());
        return bodyFactory.adapt(text.toString().getBytes(charset));
    }

    @Override
    public void writeTo(Argument<CharSequence> type, MediaType mediaType, CharSequence text, MutableHeaders headers,
                        OutputStream out) {
        if (mediaType != null && headers instanceof MutableHttpHeaders httpHeaders) {
            httpHeaders.contentTypeIfMissing(mediaType);
        }
        try {
            out.write(text.toString().getBytes(MessageBodyWriter.findCharset(mediaType, headers).orElse(defaultCharset)));
        } catch (IOException failed) {
            throw new CodecException("Error writing body text: " + failed.getMessage(), failed);
        }
    }
}
