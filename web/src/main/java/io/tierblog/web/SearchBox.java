package io.tierblog.web;

import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.SearchQuery;
import java.util.List;

/**
 * The search box in the layout: the query it holds and its language choices. Every page shows
 * it empty, with the default language, except the search page, which keeps what was searched.
 * Public, like every view model (see {@link PostView}).
 */
public final class SearchBox {
    /** The model's key the layout reads it from. */
    public static final String MODEL_KEY = "searchBox";
    static final SearchBox EMPTY = new SearchBox("", Language.DEFAULT.code());

    private final String query;
    private final List<LanguageOption> languages;

    private SearchBox(String query, String languageCode) {
        this.query = query;
        this.languages = LanguageOption.all(languageCode);
    }

    /** A box holding what was typed (even if it was refused) and the language chosen. */
    public static SearchBox holding(String query, String languageCode) {
        return new SearchBox(query == null ? "" : query, languageCode == null ? "" : languageCode);
    }

    public String getQuery() {
        return query;
    }

    public List<LanguageOption> getLanguages() {
        return languages;
    }

    /** The browser's hint; the {@link SearchQuery} value object is the rule. */
    public int getMaxLength() {
        return SearchQuery.MAX_LENGTH;
    }
}
