package io.tierblog.domain.exception;

/** Root of every exception the domain throws. Unchecked: callers handle what they expect. */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message);
    }

    protected DomainException(String message, Throwable cause) {
        super(message, cause);
    }
}
