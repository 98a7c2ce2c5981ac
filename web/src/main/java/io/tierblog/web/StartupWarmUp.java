package io.tierblog.web;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.util.StringUtils;
import io.tierblog.domain.model.IndexPage;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.port.in.ListPostsQuery;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the server starts, on a thread of its own, makes the beans the first pages need and
 * reads the newest posts, renders the log-in form once and the index for a visitor, and keeps
 * that index in the cache of rendered pages, so that the first visitor does not pay for what
 * every first time costs: compiling the templates, loading the expression language, preparing
 * the index query and its mapping, rendering the newest posts' articles. That first request took
 * about as long as a quarter of the whole start-up. It starts at the context's start-up event and
 * holds only providers until then, so none of it runs on the thread that starts the server (a
 * {@code @Parallel @Context} bean was still made there). Nothing it does is kept but caches; any
 * failure (the database not reachable yet, its schema not migrated yet) only means the first
 * visitor warms up instead. Off with {@code tierblog.web.warm-up.enabled=false}.
 */
@Singleton
@Requires(property = "tierblog.web.warm-up.enabled", notEquals = StringUtils.FALSE)
@Requires(beans = ListPostsQuery.class)
final class StartupWarmUp implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmUp.class);

    private final BeanProvider<ListPostsQuery> listPosts;
    private final BeanProvider<Pages> pages;
    private final BeanProvider<IndexArticles> articles;
    private volatile Optional<Duration> took = Optional.empty();
    private volatile Thread thread;

    StartupWarmUp(BeanProvider<ListPostsQuery> listPosts, BeanProvider<Pages> pages,
                  BeanProvider<IndexArticles> articles) {
        this.listPosts = listPosts;
        this.pages = pages;
        this.articles = articles;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Thread warmUp = new Thread(this::warmUp, "start-up-warm-up");
        warmUp.setDaemon(true);
        thread = warmUp;
        warmUp.start();
    }

    private void warmUp() {
        long started = System.nanoTime();
        try {
            Pages pages = this.pages.get();
            pages.renderWithoutRequest("auth/login",
                    Map.of("pageTitle", "Log In", "form", CredentialsForm.EMPTY, CsrfTokens.FIELD, ""));
            Map<String, Object> index = Pages.model("Posts");
            index.put("firstPage", true);
            IndexArticles.Reading reading = articles.get().reading();
            PostPageRequest first = PostPageRequest.first();
            IndexPage page = listPosts.get().list(first, reading::bodyHeld);
            BlogController.IndexContent content = BlogController.IndexContent.of(first, page);
            pages.keepWithoutRequest(BlogController.INDEX_VIEW, content, content.weight(),
                    BlogController.indexModel(index, reading, page, Optional.empty()));
            took = Optional.of(Duration.ofNanos(System.nanoTime() - started));
            LOG.debug("Warmed up the index and the log-in form in {} ms", took.get().toMillis());
        } catch (RuntimeException notNow) {
            LOG.debug("No warm-up at start-up: {}", notNow.toString());
        }
    }

    /** How long the warm-up took; empty while it runs, or if it could not finish. */
    Optional<Duration> took() {
        return took;
    }

    /** The thread it ran on, once started. */
    Optional<Thread> thread() {
        return Optional.ofNullable(thread);
    }
}
