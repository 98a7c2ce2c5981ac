package io.tierblog.web;

import io.micronaut.http.HttpStatus;

/** A request this tier turns down itself, with a message fit to show on the error page. */
final class RequestRefusedException extends RuntimeException {
    private final HttpStatus status;

    RequestRefusedException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
