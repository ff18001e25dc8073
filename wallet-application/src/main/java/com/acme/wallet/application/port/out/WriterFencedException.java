package com.acme.wallet.application.port.out;

/**
 * The log refuses this writer for good: another writer has taken the log over. Everything this
 * writer still has in flight has an unknown outcome, and it must take no more writes; the writer that
 * fenced it off is the one that serves.
 */
public class WriterFencedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, for the log
     * @param cause the log client's own report
     */
    public WriterFencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
