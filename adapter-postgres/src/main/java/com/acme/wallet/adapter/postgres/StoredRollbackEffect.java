package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.RollbackEffect;

/** What a rollback that was not refused did, as {@code transactions.rollback_effect} names it. */
enum StoredRollbackEffect {
    /** {@link RollbackEffect.RefundBet}: a bet's stake went back. */
    REFUND_BET,
    /** {@link RollbackEffect.ReclaimWin}: a win was taken back. */
    RECLAIM_WIN,
    /** {@link RollbackEffect.NothingToRollBack}: the original was refused, or never arrived. */
    NOTHING_TO_ROLL_BACK;

    static StoredRollbackEffect of(RollbackEffect effect) {
        if (effect instanceof RollbackEffect.RefundBet) {
            return REFUND_BET;
        }
        if (effect instanceof RollbackEffect.ReclaimWin) {
            return RECLAIM_WIN;
        }
        return NOTHING_TO_ROLL_BACK;
    }
}
