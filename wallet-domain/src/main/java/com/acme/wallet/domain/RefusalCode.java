package com.acme.wallet.domain;

/**
 * Why a wallet refused a request for a reason of money or of its rounds. A refusal is recorded as
 * the reference's one final outcome, so a retry is refused again in the same words, even once the
 * reason is gone (after a deposit, or once the round's bet has arrived).
 */
public enum RefusalCode {
    /** The change would take the balance below zero. */
    INSUFFICIENT_FUNDS("insufficient_funds"),
    /** The change would take the balance above {@link Wallet#MAX_BALANCE_CENTS}. */
    BALANCE_LIMIT_EXCEEDED("balance_limit_exceeded"),
    /** A win into a round with no standing bet. */
    ROUND_NOT_FOUND("round_not_found"),
    /** A bet or a win into a round that a leg has closed. */
    ROUND_CLOSED("round_closed"),
    /** A second rollback, under another reference, of a change already rolled back. */
    ALREADY_ROLLED_BACK("already_rolled_back"),
    /** A rollback of a bet whose round already has a win. */
    BET_ALREADY_SETTLED("bet_already_settled"),
    /** A rollback of what cannot be rolled back: a funds change or another rollback. */
    NOT_ROLLBACKABLE("not_rollbackable");

    private final String code;

    RefusalCode(String code) {
        this.code = code;
    }

    /** {@return the stable error code a client sees, such as {@code insufficient_funds}} */
    public String code() {
        return code;
    }
}
