package io.tierblog.web;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tierblog.domain.model.Username;

/**
 * The register and log-in forms as posted. A missing field is an empty string, so the value
 * objects, not the binder, say what is wrong with it. Public, like every view model (see
 * {@link PostView}).
 */
@Introspected
@Serdeable
public record CredentialsForm(@Nullable String username, @Nullable String password) {
    static final CredentialsForm EMPTY = new CredentialsForm("", "");

    public CredentialsForm {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    static CredentialsForm orEmpty(@Nullable CredentialsForm form) {
        return form == null ? EMPTY : form;
    }

    /** What the form shows again: the username, never the password. */
    CredentialsForm withoutPassword() {
        return new CredentialsForm(username, "");
    }

    public String getUsername() {
        return username;
    }

    /** The browser's hint; the {@link Username} value object is the rule. */
    public int getUsernameMaxLength() {
        return Username.MAX_LENGTH;
    }

    @Override
    public String toString() {
        return "CredentialsForm[username=" + username + ", password=****]";
    }
}
