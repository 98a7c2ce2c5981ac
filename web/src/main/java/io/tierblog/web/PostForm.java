package io.tierblog.web;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.Title;
import java.util.List;

/**
 * The create and edit forms as posted; a missing field is an empty string. Public, like every view
 * model (see {@link PostView}).
 */
@Introspected
@Serdeable
public record PostForm(@Nullable String title, @Nullable String body, @Nullable String language) {
    static final PostForm EMPTY = new PostForm("", "", Language.DEFAULT.code());

    public PostForm {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        language = language == null ? "" : language;
    }

    static PostForm orEmpty(@Nullable PostForm form) {
        return form == null ? EMPTY : form;
    }

    static PostForm of(Post post) {
        return new PostForm(post.title().value(), post.body().value(), post.language().code());
    }

    /** The language's code as posted; blank means the default. */
    public String getLanguage() {
        return language;
    }

    /** The choices of the language select, the posted one selected (none when it is unknown). */
    public List<LanguageOption> getLanguages() {
        String chosen = language.isEmpty() ? Language.DEFAULT.code() : language;
        return LanguageOption.all(chosen);
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    /**
     * The body as a {@code <textarea>} must hold it: HTML drops one line break right after the
     * opening tag, so one is put there and a body that starts with a line break keeps it.
     */
    public String getBodyForTextarea() {
        return "\n" + body;
    }

    /** The browser's hint; the {@link Title} value object is the rule. */
    public int getTitleMaxLength() {
        return Title.MAX_LENGTH;
    }
}
