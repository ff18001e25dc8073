package com.acme.wallet.application.history;

/**
 * The database's stored log position is not in the log, so the writer must not start over them: the
 * message says what was found and what an operator can do. The REST API exits with a status of its
 * own for it.
 */
public final class NotOneHistoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param report what the check found, for an operator
     */
    public NotOneHistoryException(String report) {
        super(report);
    }
}
