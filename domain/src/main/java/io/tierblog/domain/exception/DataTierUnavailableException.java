package io.tierblog.domain.exception;

/**
 * The data tier could not be reached or did not answer in time. Adapters throw it in place of
 * their driver's connection failures and timeouts; nothing was changed by the failed call.
 */
public final class DataTierUnavailableException extends DomainException {
    public DataTierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
