package com.acme.wallet.adapter.postgres;

/**
 * Another writer created one of the batch's wallets while this batch was being persisted, so the
 * batch was rolled back. Retrying it is safe: the retry sees the other writer's rows and treats the
 * events they hold as repeats.
 *
 * <p>Only happens when two batch consumers overlap, for example for a moment during a failover.
 */
public final class ConcurrentWriterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was found
     */
    public ConcurrentWriterException(String message) {
        super(message);
    }
}
