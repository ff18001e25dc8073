package com.acme.wallet.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What the store of durable changes holds of one reference of one wallet: the answer to a
 * {@link Decision.LookUpReference}.
 *
 * <p>The answer holds only for the changes the store held when it was asked: a store that is
 * behind (catching up, or restored from an older copy) covers fewer of the wallet's changes, and a
 * wallet that forgot more than the answer covers asks again instead of taking "not stored" for "new".
 *
 * @param coversThrough the answer holds for every change of the wallet up to this sequence number
 * @param change the change stored with this reference, if any
 */
public record StoredReference(long coversThrough, Optional<AppliedChange> change) {

    /** Validates the answer. */
    public StoredReference {
        Objects.requireNonNull(change, "change");
        if (coversThrough < 0) {
            throw new IllegalArgumentException("an answer covers no negative sequence: " + coversThrough);
        }
    }

    /**
     * The reference is stored with this change.
     *
     * @param change the stored change
     * @param coversThrough the last sequence of the wallet the store held when asked
     * @return the answer
     */
    public static StoredReference found(AppliedChange change, long coversThrough) {
        return new StoredReference(coversThrough, Optional.of(change));
    }

    /**
     * No change with the reference is among the wallet's changes up to a sequence number.
     *
     * @param coversThrough the last sequence of the wallet the store held when asked
     * @return the answer
     */
    public static StoredReference absent(long coversThrough) {
        return new StoredReference(coversThrough, Optional.empty());
    }

    /**
     * Whether the answer holds for a wallet that has forgotten its changes up to a sequence number:
     * only then may "not stored" be taken for "never applied".
     *
     * @param forgottenThrough the last sequence the wallet forgot
     * @return whether the answer covers every change the wallet forgot
     */
    public boolean covers(long forgottenThrough) {
        return coversThrough >= forgottenThrough;
    }
}
