package io.tierblog.web;

import io.micronaut.context.annotation.Value;
import io.tierblog.domain.model.PostSummary;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The index's rendered articles ({@link RenderedPost}), by post id, least recently used first
 * out, within a budget of bytes ({@code tierblog.web.post-cache-bytes}, 4 MiB unless set; 0 keeps
 * nothing). A copy counts only for the summary it was rendered from, revision included: the
 * index query reads every post's revision from the database on every request, and any change to
 * a post's row, by any instance or any other client, gives it a new one. So a copy is never
 * shown stale and no instance tells another anything; the copy of an edited post is replaced by
 * its next rendering, that of a deleted post is simply no longer asked for and ages out.
 *
 * <p>A {@link LinkedHashMap} in access order under one lock: every operation is O(1) (eviction
 * O(1) per entry evicted) and holds the lock for a few map operations only, never while rendering.
 */
@Singleton
final class RenderedPostCache {
    static final String BUDGET_PROPERTY = "tierblog.web.post-cache-bytes";

    private final long budget;
    private final LinkedHashMap<Long, RenderedPost> byId = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    RenderedPostCache(@Value("${" + BUDGET_PROPERTY + ":4194304}") long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException(BUDGET_PROPERTY + " is a number of bytes, 0 or more; got " + budget);
        }
        this.budget = budget;
    }

    /** The copy rendered from exactly this summary, if one is kept. */
    synchronized Optional<RenderedPost> get(PostSummary summary) {
        RenderedPost kept = byId.get(summary.id().value());
        if (kept != null && kept.summary().equals(summary)) {
            hits++;
            return Optional.of(kept);
        }
        misses++;
        return Optional.empty();
    }

    /**
     * Keeps {@code post} in the place of any copy of an older version, then drops the least
     * recently used copies until the budget holds. A post larger than the whole budget is not kept.
     */
    synchronized void put(RenderedPost post) {
        long size = post.bytes();
        RenderedPost replaced = byId.remove(post.summary().id().value());
        if (replaced != null) {
            bytes -= replaced.bytes();
        }
        if (size > budget) {
            return;
        }
        byId.put(post.summary().id().value(), post);
        bytes += size;
        Iterator<Map.Entry<Long, RenderedPost>> eldest = byId.entrySet().iterator();
        while (bytes > budget) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return byId.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }

    long budget() {
        return budget;
    }
}
