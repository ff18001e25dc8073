package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.InvalidInputException;

/** The rule of a read's {@code minSequence}, shared by every query of stored history. */
final class MinSequence {

    private MinSequence() {}

    /** Accepts 0 (nothing asked) or a sequence a wallet can have. */
    static void check(long minSequence) {
        if (minSequence < 0) {
            throw new InvalidInputException("minSequence must be a sequence, at least 1");
        }
    }
}
