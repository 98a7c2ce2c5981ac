package io.tierblog.web;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Parallel;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.port.in.ListPostsQuery;
import jakarta.annotation.PostConstruct;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the server starts, reads the newest posts and renders the index and the log-in form once,
 * on a thread of its own ({@link Parallel}), so that the first visitor does not pay for what every
 * first time costs: compiling the templates, loading the expression language, preparing the
 * index query and its mapping, rendering the newest posts' articles into the cache of rendered
 * posts. That first request took about as long as a quarter of the whole
 * start-up. Nothing it does is kept but caches; any failure (the database not reachable yet, its
 * schema not migrated yet) only means the first visitor warms up instead. Off with
 * {@code tierblog.web.warm-up.enabled=false}.
 */
@Context
@Parallel
@Requires(property = "tierblog.web.warm-up.enabled", notEquals = StringUtils.FALSE)
@Requires(beans = ListPostsQuery.class)
final class StartupWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmUp.class);

    private final ListPostsQuery listPosts;
    private final Pages pages;
    private final IndexArticles articles;
    private volatile Optional<Duration> took = Optional.empty();

    StartupWarmUp(ListPostsQuery listPosts, Pages pages, IndexArticles articles) {
        this.listPosts = listPosts;
        this.pages = pages;
        this.articles = articles;
    }

    @PostConstruct
    void warmUp() {
        long started = System.nanoTime();
        try {
            pages.renderWithoutRequest("auth/login",
                    Map.of("pageTitle", "Log In", "form", CredentialsForm.EMPTY, CsrfTokens.FIELD, ""));
            Map<String, Object> index = Pages.model("Posts");
            index.put("firstPage", true);
            IndexArticles.Reading reading = articles.reading();
            BlogController.indexModel(index, reading, listPosts.list(PostPageRequest.first(), reading::bodyHeld),
                    Optional.empty());
            pages.renderWithoutRequest("blog/index", index);
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
}
