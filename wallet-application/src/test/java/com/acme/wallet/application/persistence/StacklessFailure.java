package com.acme.wallet.application.persistence;

/**
 * An infrastructure failure a fake throws. Without a stack trace, because the persister logs every
 * failed attempt with its exception, and retry tests make many attempts.
 */
final class StacklessFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StacklessFailure(String message) {
        super(message, null, false, false);
    }
}
