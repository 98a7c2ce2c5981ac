package io.tierblog.web;

import io.micronaut.context.annotation.Value;
import io.tierblog.domain.model.PostSummary;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The index's rendered articles ({@link RenderedPost}), by post id, least recently used first
 * out, within a budget of bytes ({@code tierblog.web.post-cache-bytes}, 4 MiB unless set; 0 keeps
 * nothing). A copy counts only for the summary it was rendered from, revision included: the
 * index query reads every post's revision from the database on every request, and any change to
 * a post's row, by any instance or any other client, gives it a new one. So a copy is never
 * shown stale and no instance tells another anything; the copy of an edited post is replaced by
 * its next rendering, that of a deleted post is simply no longer asked for and ages out.
 *
 * <p>Kept in a {@link BytesBoundedLru}, whose lock is never held while rendering.
 */
@Singleton
final class RenderedPostCache {
    static final String BUDGET_PROPERTY = "tierblog.web.post-cache-bytes";

    private final BytesBoundedLru<Long, RenderedPost> byId;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    RenderedPostCache(@Value("${" + BUDGET_PROPERTY + ":4194304}") long budget) {
        this.byId = new BytesBoundedLru<>(BUDGET_PROPERTY, budget, RenderedPost::bytes);
    }

    /** The copy rendered from exactly this summary, if one is kept. */
    Optional<RenderedPost> get(PostSummary summary) {
        RenderedPost kept = byId.get(summary.id().value());
        if (kept != null && kept.summary().equals(summary)) {
            hits.increment();
            return Optional.of(kept);
        }
        misses.increment();
        return Optional.empty();
    }

    /**
     * Keeps {@code post} in the place of any copy of an older version, then drops the least
     * recently used copies until the budget holds. A post larger than the whole budget is not kept.
     */
    void put(RenderedPost post) {
        byId.put(post.summary().id().value(), post);
    }

    long bytes() {
        return byId.bytes();
    }

    int size() {
        return byId.size();
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    long budget() {
        return byId.budget();
    }
}
