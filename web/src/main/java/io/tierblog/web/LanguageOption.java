package io.tierblog.web;

import io.tierblog.domain.model.Language;
import java.util.Arrays;
import java.util.List;

/**
 * One choice of a language select: the code posted, the name shown, whether it is chosen. Public,
 * like every view model (see {@link PostView}).
 */
public final class LanguageOption {
    private final String code;
    private final String name;
    private final boolean selected;

    private LanguageOption(String code, String name, boolean selected) {
        this.code = code;
        this.name = name;
        this.selected = selected;
    }

    /** Every language, in the domain's order, with the one whose code is {@code chosen} selected. */
    static List<LanguageOption> all(String chosen) {
        return Arrays.stream(Language.values())
                .map(l -> new LanguageOption(l.code(), l.displayName(), l.code().equals(chosen)))
                .toList();
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public boolean isSelected() {
        return selected;
    }
}
