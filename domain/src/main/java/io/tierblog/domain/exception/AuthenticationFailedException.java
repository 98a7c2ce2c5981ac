package io.tierblog.domain.exception;

/** Log-in refused: either nobody has that username, or the password does not match. */
public final class AuthenticationFailedException extends DomainException {
    /** Which check failed; the message says it in words. */
    public enum Reason {
        UNKNOWN_USERNAME("Incorrect username."),
        WRONG_PASSWORD("Incorrect password.");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    public AuthenticationFailedException(Reason reason) {
        super(reason.message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
