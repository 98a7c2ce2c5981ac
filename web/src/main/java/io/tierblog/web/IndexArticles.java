package io.tierblog.web;

import io.tierblog.domain.model.IndexPage;
import io.tierblog.domain.model.IndexedPost;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostSummary;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The index's articles from the {@link RenderedPostCache}: a page is read with {@link #reading()},
 * whose {@link Reading#bodyHeld} tells the index query which bodies need not be read (and keeps
 * what it found for this request, so nothing another request evicts meanwhile is missing), and
 * {@link Reading#views} renders what was not held, keeps it, and adds each viewer's own part.
 *
 * <p>An article is rendered from {@code views/blog/article.html} for no viewer in particular; the
 * template marks with {@value #ACTIONS_MARK} where the author's Edit link goes, and the index
 * template puts it there for the author only.
 */
@Singleton
final class IndexArticles {
    static final String ACTIONS_MARK = "<!--author's actions-->";
    private static final String VIEW = "blog/article";

    private final RenderedPostCache cache;
    private final Pages pages;

    IndexArticles(RenderedPostCache cache, Pages pages) {
        this.cache = cache;
        this.pages = pages;
    }

    /** For one page: not shared between threads. */
    Reading reading() {
        return new Reading();
    }

    final class Reading {
        private final Map<Long, RenderedPost> held = new HashMap<>();

        private Reading() {
        }

        /** Whether the cache has this version of the post; if so, it is kept for {@link #views}. */
        boolean bodyHeld(PostSummary summary) {
            Optional<RenderedPost> kept = cache.get(summary);
            kept.ifPresent(post -> held.put(summary.id().value(), post));
            return kept.isPresent();
        }

        /** The page's posts as {@code viewer} sees them. */
        List<PostView> views(IndexPage page, Optional<Viewer> viewer) {
            List<PostView> views = new ArrayList<>(page.posts().size());
            for (IndexedPost post : page.posts()) {
                RenderedPost rendered = post.body().isPresent()
                        ? render(post.summary(), post.body().get())
                        : held.get(post.summary().id().value());
                if (rendered == null) {
                    throw new IllegalStateException("post " + post.summary().id().value()
                            + " came without its body although this page does not hold it");
                }
                views.add(PostView.indexed(rendered, viewer));
            }
            return views;
        }
    }

    private RenderedPost render(PostSummary summary, PostBody body) {
        String html = pages.renderFragment(VIEW, Map.of("post", PostView.of(summary, body, Optional.empty())));
        int mark = html.indexOf(ACTIONS_MARK);
        if (mark < 0) {
            throw new IllegalStateException(VIEW + " lacks the mark " + ACTIONS_MARK);
        }
        RenderedPost rendered = new RenderedPost(summary, new RenderedHtml(html.substring(0, mark)),
                new RenderedHtml(html.substring(mark + ACTIONS_MARK.length())));
        cache.put(rendered);
        return rendered;
    }
}
