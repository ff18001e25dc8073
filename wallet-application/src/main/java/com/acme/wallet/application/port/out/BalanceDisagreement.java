package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * A wallet whose stored balance is not the sum of its stored transactions: money was lost or
 * invented somewhere.
 *
 * @param walletId the wallet
 * @param balanceCents its stored balance
 * @param transactionSumCents the opening plus additions minus removals stored for it
 */
public record BalanceDisagreement(WalletId walletId, long balanceCents, long transactionSumCents) {

    /** Validates the record. */
    public BalanceDisagreement {
        Objects.requireNonNull(walletId, "walletId");
    }
}
