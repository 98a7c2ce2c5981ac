package io.tierblog.domain.port.out;

import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.PasswordHash;

/** Turns passwords into slow, salted hashes and checks passwords against them. */
public interface PasswordHasher {

    PasswordHash hash(Password password);

    boolean matches(Password password, PasswordHash hash);

    /**
     * A hash of a password nobody knows, to check against when a username does not exist, so
     * a failed log-in takes as long whether or not the username exists.
     */
    PasswordHash decoy();
}
