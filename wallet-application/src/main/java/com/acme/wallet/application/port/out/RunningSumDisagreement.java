package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * A transaction whose stored balance after is not the running sum of its wallet's transactions up
 * to and including it.
 *
 * @param walletId the wallet
 * @param sequence the transaction's sequence number
 * @param reference the client's reference, or null for the opening
 * @param balanceAfterCents the stored {@code balance_after_cents}
 * @param runningSumCents the sum of the {@code delta_cents} of the wallet's transactions up to and
 *     including it, whatever their kind and outcome (a refusal or a tombstone adds 0)
 */
public record RunningSumDisagreement(WalletId walletId, long sequence, String reference, long balanceAfterCents,
        long runningSumCents) {

    /** Validates the record. */
    public RunningSumDisagreement {
        Objects.requireNonNull(walletId, "walletId");
    }
}
