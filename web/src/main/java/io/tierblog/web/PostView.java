package io.tierblog.web;

import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostListing;
import io.tierblog.domain.model.PostSummary;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A post as its own page and the index show it; on the index, as its {@link RenderedPost}
 * article ({@link #getOpening()}, {@link #getClosing()}) with the author's Edit link between. View models are public classes with public getters: Thymeleaf
 * then reads {@code ${post.title}} with a cached getter (its OGNL shortcut), while a property of
 * a class it cannot call from its own package sends every expression through full OGNL evaluation,
 * several times slower (see {@link Pages}).
 */
public final class PostView {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final long id;
    private final String title;
    private final String body;
    private final String about;
    private final boolean editable;
    private final String language;
    private final RenderedHtml opening;
    private final RenderedHtml closing;

    private PostView(long id, String title, String body, String about, boolean editable, String language,
                     RenderedHtml opening, RenderedHtml closing) {
        this.id = id;
        this.title = title;
        this.body = body;
        this.about = about;
        this.editable = editable;
        this.language = language;
        this.opening = opening;
        this.closing = closing;
    }

    static PostView of(PostListing post, Optional<Viewer> viewer) {
        return of(post.summary(), post.body(), viewer);
    }

    static PostView of(PostSummary post, PostBody body, Optional<Viewer> viewer) {
        return new PostView(post.id().value(), post.title().value(), body.value(), about(post),
                isAuthor(post, viewer), post.language().code(), null, null);
    }

    /** A post on the index, from its article rendered for everybody; the body is in the article only. */
    static PostView indexed(RenderedPost rendered, Optional<Viewer> viewer) {
        PostSummary post = rendered.summary();
        return new PostView(post.id().value(), post.title().value(), "", about(post), isAuthor(post, viewer),
                post.language().code(), rendered.opening(), rendered.closing());
    }

    private static String about(PostSummary post) {
        return "by " + post.authorUsername().value() + " on " + DAY.format(post.created());
    }

    private static boolean isAuthor(PostSummary post, Optional<Viewer> viewer) {
        return viewer.map(v -> v.id().equals(post.authorId())).orElse(false);
    }

    public long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    /** The body's text; empty on the index, where it is in {@link #getClosing()}. */
    public String getBody() {
        return body;
    }

    /** On the index: the article's HTML up to where the author's actions go; null elsewhere. */
    public RenderedHtml getOpening() {
        return opening;
    }

    /** On the index: the article's HTML after the author's actions; null elsewhere. */
    public RenderedHtml getClosing() {
        return closing;
    }

    /** "by &lt;username&gt; on &lt;YYYY-MM-DD&gt;", the day in UTC. */
    public String getAbout() {
        return about;
    }

    /** The post's language code, for the {@code lang} attribute. */
    public String getLanguage() {
        return language;
    }

    /** Only the author sees the Edit link. */
    public boolean isEditable() {
        return editable;
    }

    /** The post's own page. */
    public String getPath() {
        return "/posts/" + id;
    }

    public String getEditPath() {
        return "/" + id + "/update";
    }
}
