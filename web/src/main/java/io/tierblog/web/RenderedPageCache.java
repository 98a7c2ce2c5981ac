package io.tierblog.web;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finished pages, their bytes and their {@code ETag}, by everything the page was rendered from:
 * who saw it, the view, and a value that holds all the page shows that can change (for the index,
 * the page's place and every post's summary, whose revision every edit changes, as the index query
 * reads it on every request). So a page is kept only for exactly what it showed, and the same
 * request finds it again only while the database still says the same: a copy can never be served
 * stale, on any instance, and no instance tells another anything. Pages with a flash message or a
 * form token are never kept (they are shown once, or carry a secret).
 *
 * <p>Bounded by bytes ({@code tierblog.web.page-cache-bytes}, 4 MiB unless set; 0 keeps nothing),
 * least recently used first out: pages of past versions are no longer asked for and age out.
 */
@Singleton
final class RenderedPageCache {
    static final String BUDGET_PROPERTY = "tierblog.web.page-cache-bytes";

    private final BytesBoundedLru<Key, KeptPage> byKey;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    RenderedPageCache(@Value("${" + BUDGET_PROPERTY + ":4194304}") long budget) {
        this.byKey = new BytesBoundedLru<>(BUDGET_PROPERTY, budget, KeptPage::bytes);
    }

    /**
     * What a page was rendered from. {@code content} must hold everything on the page that is not
     * fixed for the life of the process (templates, messages and static files' names are), and
     * have value equality; {@code weight} counts the heap it takes.
     */
    record Key(String viewer, String view, Object content, long weight) {
        Key {
            Objects.requireNonNull(viewer, "viewer");
            Objects.requireNonNull(view, "view");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && viewer.equals(key.viewer) && view.equals(key.view)
                    && content.equals(key.content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(viewer, view, content);
        }
    }

    /** A rendered page as it is sent. */
    record KeptPage(Key key, byte[] body, String etag) {
        /** What an entry costs beyond the body and the key: the records, the tag, the map's entry. */
        static final int OVERHEAD_BYTES = 200;

        long bytes() {
            return OVERHEAD_BYTES + body.length + key.weight();
        }
    }

    KeptPage get(Key key) {
        KeptPage kept = byKey.get(key);
        (kept == null ? misses : hits).increment();
        return kept;
    }

    void put(KeptPage page) {
        byKey.put(page.key(), page);
    }

    long bytes() {
        return byKey.bytes();
    }

    int size() {
        return byKey.size();
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }
}
