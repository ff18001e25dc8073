package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * An original reference rolled back more than once in one wallet: counted are the rollbacks that
 * were not refused (refunds, reclaims, rollbacks of a refused bet or win, and tombstones, which
 * settle their original too). A second rollback must be refused, so this gives money back twice
 * or settles an original twice.
 *
 * @param walletId the wallet
 * @param originalReference the original's reference
 * @param count how many rollbacks that were not refused name it, at least 2
 */
public record RepeatedRollback(WalletId walletId, String originalReference, long count) {

    /** Validates the record. */
    public RepeatedRollback {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(originalReference, "originalReference");
    }
}
