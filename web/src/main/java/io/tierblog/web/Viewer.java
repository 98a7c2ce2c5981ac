package io.tierblog.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.UserId;
import java.util.Map;
import java.util.Optional;

/**
 * Who is asking, as the signed log-in cookie tells it: the token's subject is the username and
 * its {@value #USER_ID_CLAIM} claim the user id, so no page needs the database to know the viewer.
 * Public, like every view model (see {@link PostView}).
 */
public final class Viewer {
    static final String USER_ID_CLAIM = "uid";

    private final UserId id;
    private final String name;

    private Viewer(UserId id, String name) {
        this.id = id;
        this.name = name;
    }

    /** What the log-in cookie will carry for this user. */
    static Authentication authenticationFor(User user) {
        return Authentication.build(user.username().value(), Map.of(USER_ID_CLAIM, user.id().value()));
    }

    /** The viewer a validated token names; empty for anonymous requests and tokens without a usable id. */
    static Optional<Viewer> of(@Nullable Authentication authentication) {
        if (authentication == null || authentication.getName() == null || authentication.getName().isEmpty()) {
            return Optional.empty();
        }
        Object claim = authentication.getAttributes().get(USER_ID_CLAIM);
        long value;
        if (claim instanceof Number number) {
            value = number.longValue();
        } else if (claim instanceof CharSequence text) {
            try {
                value = Long.parseLong(text.toString());
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        return value > 0 ? Optional.of(new Viewer(new UserId(value), authentication.getName())) : Optional.empty();
    }

    UserId id() {
        return id;
    }

    public String getName() {
        return name;
    }
}
