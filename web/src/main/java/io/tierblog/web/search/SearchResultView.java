package io.tierblog.web.search;

import io.tierblog.domain.model.SearchHit;
import io.tierblog.domain.model.Snippet;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A search result as the page shows it: the title linking to the post, who wrote it when, and the
 * snippet as parts, each shown as escaped text, marked or not. Public with getters, like every view
 * model (see {@code io.tierblog.web.PostView}).
 */
public final class SearchResultView {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final String title;
    private final String path;
    private final String about;
    private final String language;
    private final List<Part> snippet;

    private SearchResultView(String title, String path, String about, String language, List<Part> snippet) {
        this.title = title;
        this.path = path;
        this.about = about;
        this.language = language;
        this.snippet = snippet;
    }

    static SearchResultView of(SearchHit hit) {
        return new SearchResultView(hit.title().value(), postPath(hit), "by " + hit.authorUsername().value()
                + " on " + DAY.format(hit.created()), hit.language().code(),
                hit.snippet().segments().stream().map(Part::new).toList());
    }

    /** Where a hit's post is read. */
    static String postPath(SearchHit hit) {
        return "/posts/" + hit.id().value();
    }

    public String getTitle() {
        return title;
    }

    public String getPath() {
        return path;
    }

    /** "by &lt;username&gt; on &lt;YYYY-MM-DD&gt;", the day in UTC. */
    public String getAbout() {
        return about;
    }

    /** The post's language code, for the {@code lang} attribute. */
    public String getLanguage() {
        return language;
    }

    public List<Part> getSnippet() {
        return snippet;
    }

    /** A run of the snippet's text. */
    public static final class Part {
        private final String text;
        private final boolean marked;

        Part(Snippet.Segment segment) {
            this.text = segment.text();
            this.marked = segment.marked();
        }

        public String getText() {
            return text;
        }

        public boolean isMarked() {
            return marked;
        }
    }
}
