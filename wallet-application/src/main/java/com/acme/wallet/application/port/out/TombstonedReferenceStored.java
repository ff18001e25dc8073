package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * A reference stored in a wallet that also holds a tombstone for it: a rollback that arrived
 * before its original, found nothing, and so settled the original for good. The original must
 * then have no row at all, whichever came first and whatever its outcome: arriving late, it is
 * answered {@code transaction_rolled_back} and changes nothing; stored before the tombstone, the
 * rollback should have rolled it back instead.
 *
 * @param walletId the wallet
 * @param reference the original's reference, named by the tombstone
 * @param tombstoneSequence the tombstone's sequence number
 * @param tombstoneReference the tombstone's own reference
 * @param storedSequence the sequence number of the row stored under {@code reference}
 * @param storedKind that row's kind, as stored ({@code BET}, {@code WIN}, ...)
 * @param storedOutcome that row's outcome, as stored ({@code APPLIED}, {@code REJECTED}, ...)
 */
public record TombstonedReferenceStored(WalletId walletId, String reference, long tombstoneSequence,
        String tombstoneReference, long storedSequence, String storedKind, String storedOutcome) {

    /** Validates the record. */
    public TombstonedReferenceStored {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(tombstoneReference, "tombstoneReference");
        Objects.requireNonNull(storedKind, "storedKind");
        Objects.requireNonNull(storedOutcome, "storedOutcome");
    }
}
