package com.acme.wallet.adapter.pulsar;

/**
 * Pulsar did not do what was asked in time: the broker is unreachable, an operation timed out, a
 * producer or consumer could not be created. An infrastructure failure, never a business outcome;
 * callers retry or stop.
 */
public class PulsarUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the client's failure, if any
     */
    public PulsarUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
