package com.acme.wallet.app.restapi;

/**
 * PostgreSQL's stored log position is not in the topic, so the REST API must not start: its
 * message says what was found and what an operator can do. {@link RestApiMain} exits with its own
 * status for it.
 */
final class NotOneHistoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotOneHistoryException(String report) {
        super(report);
    }
}
