package io.tierblog.domain.exception;

/**
 * A value object refused what it was given. {@link #field()} names the input (for example
 * {@code "title"}) and the message is fit to show to the person who typed it.
 */
public final class InvalidInputException extends DomainException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
