package io.tierblog.web;

import io.tierblog.domain.model.PostListing;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A post as the index shows it. View models are public classes with public getters: Thymeleaf
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

    private PostView(long id, String title, String body, String about, boolean editable, String language) {
        this.id = id;
        this.title = title;
        this.body = body;
        this.about = about;
        this.editable = editable;
        this.language = language;
    }

    static PostView of(PostListing post, Optional<Viewer> viewer) {
        return new PostView(post.id().value(), post.title().value(), post.body().value(),
                "by " + post.authorUsername().value() + " on " + DAY.format(post.created()),
                viewer.map(v -> v.id().equals(post.authorId())).orElse(false), post.language().code());
    }

    public long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
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
