package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.WalletRequest;

/**
 * What a row of {@code transactions} records was asked for; the names are the stored values. A
 * refusal keeps the kind of the request it refused.
 */
enum TransactionKind {
    /** The wallet's opening; its amount is the opening balance. */
    OPEN,
    /** Funds added. */
    ADD,
    /** Funds removed. */
    REMOVE,
    /** A stake placed into a round. */
    BET,
    /** A payout into a round. */
    WIN,
    /** The undoing of a bet or a win. */
    ROLLBACK;

    static TransactionKind of(WalletRequest request) {
        return switch (request.type()) {
            case ADD -> ADD;
            case REMOVE -> REMOVE;
            case BET -> BET;
            case WIN -> WIN;
            case ROLLBACK -> ROLLBACK;
        };
    }

    /** {@return the funds operation of an ADD or REMOVE row} */
    FundsOperation operation() {
        return switch (this) {
            case ADD -> FundsOperation.ADD;
            case REMOVE -> FundsOperation.REMOVE;
            default -> throw new IllegalStateException("a " + this + " row is no funds operation");
        };
    }
}
