package com.acme.wallet.adapter.postgres;

/** What became of what a row of {@code transactions} records; the names are the stored values. */
enum TransactionOutcome {
    /**
     * It took effect: an opening, a funds change, a bet, a win, or a rollback, including one of a
     * refused original (nothing to give back, but the original is rolled back for good).
     */
    APPLIED,
    /** The request was refused, and the refusal is its reference's final outcome; nothing moved. */
    REJECTED,
    /** A rollback of an original the wallet never saw: nothing moved, and the original is settled. */
    TOMBSTONE
}
