package com.acme.wallet.domain;

/**
 * Thrown when a value supplied from outside (a wallet id, an amount, a reference) breaks its rules.
 *
 * <p>This is the only exception a caller is expected to handle for bad input: an inbound adapter
 * maps it to a client error. The message is safe to show to a client; it never contains internal
 * detail.
 */
public final class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a sentence, safe to show to a client, that says which rule was broken
     */
    public InvalidInputException(String message) {
        super(message);
    }
}
