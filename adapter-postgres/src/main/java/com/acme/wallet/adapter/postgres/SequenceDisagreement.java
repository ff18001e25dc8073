package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * A wallet whose stored last sequence is not the last of its stored transactions, or whose
 * transactions are not numbered 1, 2, … without a gap: an event was lost or applied out of order.
 *
 * @param walletId the wallet
 * @param lastSequence the wallet row's {@code last_sequence}
 * @param maxSequence the highest sequence among its transactions, 0 if it has none
 * @param transactionCount how many transactions it has
 */
public record SequenceDisagreement(WalletId walletId, long lastSequence, long maxSequence, long transactionCount) {

    /** Validates the record. */
    public SequenceDisagreement {
        Objects.requireNonNull(walletId, "walletId");
    }
}
