package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * Look up one change of a wallet by the reference the client gave it.
 *
 * @param walletId the wallet
 * @param reference the client's name for the change
 */
public record FindTransactionQuery(WalletId walletId, Reference reference) {

    /** Validates the query. */
    public FindTransactionQuery {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(reference, "reference");
    }
}
