package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletOpened;

/** What a row of {@code transactions} records; the names are the stored values. */
enum TransactionKind {
    /** The wallet's opening; its amount is the opening balance. */
    OPEN,
    /** Funds added. */
    ADD,
    /** Funds removed. */
    REMOVE;

    static TransactionKind of(WalletEvent event) {
        if (event instanceof WalletOpened) {
            return OPEN;
        }
        return ((FundsChanged) event).operation() == FundsOperation.ADD ? ADD : REMOVE;
    }

    FundsOperation operation() {
        if (this == OPEN) {
            throw new IllegalStateException("an opening is no funds operation");
        }
        return this == ADD ? FundsOperation.ADD : FundsOperation.REMOVE;
    }

    /** {@return how this row moves the balance: its amount, negated for a removal} */
    long signedCents(long amountCents) {
        return this == REMOVE ? Math.negateExact(amountCents) : amountCents;
    }
}
