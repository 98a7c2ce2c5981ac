package io.tierblog.persistence;

/**
 * The adapter's failure translation, for callers that reach the database around the
 * repositories: the transaction boundary the app declares opens its connection before any
 * repository runs, so a dead database first shows there.
 */
public final class DataTierFailures {
    private DataTierFailures() {
    }

    /**
     * A {@link io.tierblog.domain.exception.DataTierUnavailableException} when {@code failure}
     * means the database could not be reached or did not answer in time, else {@code failure}.
     */
    public static RuntimeException translate(RuntimeException failure) {
        return DataAccessFailures.translate(failure);
    }
}
