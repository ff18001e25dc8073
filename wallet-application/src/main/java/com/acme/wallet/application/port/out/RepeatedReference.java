package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * A client reference stored more than once for one wallet: a change applied twice.
 *
 * @param walletId the wallet
 * @param reference the reference
 * @param count how many transactions carry it, at least 2
 */
public record RepeatedReference(WalletId walletId, String reference, long count) {

    /** Validates the record. */
    public RepeatedReference {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(reference, "reference");
    }
}
