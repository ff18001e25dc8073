package com.acme.wallet.domain;

/** The kinds of change a client asks for under a reference, as its history shows them. */
public enum TransactionType {
    /** Funds added: a deposit or a bonus ({@code POST /add-funds}). */
    ADD,
    /** Funds removed: a withdrawal ({@code POST /remove-funds}). */
    REMOVE,
    /** A stake placed into a round. */
    BET,
    /** A payout into a round that has a bet; may be zero, which closes a losing round. */
    WIN,
    /** The undoing of a bet or a win, named by its reference. */
    ROLLBACK
}
