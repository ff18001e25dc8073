package com.acme.wallet.domain;

import java.util.Objects;

/**
 * The undoing of a bet or a win, named by its reference: a bet's stake is given back, a win is
 * taken back. A rollback of a reference the wallet never saw is recorded all the same (a
 * tombstone), so that the original, arriving late, is refused.
 *
 * @param reference the client's name for the rollback
 * @param originalReference the reference of the bet or win to undo; not the rollback's own
 */
public record RollbackRequest(Reference reference, Reference originalReference) implements BettingRequest {

    /**
     * Validates the request.
     *
     * @param reference the client's name for the rollback
     * @param originalReference the reference of the bet or win to undo; not the rollback's own
     * @throws InvalidInputException if the rollback names itself
     */
    public RollbackRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(originalReference, "originalReference");
        if (reference.equals(originalReference)) {
            throw new InvalidInputException("a rollback's reference must differ from its originalReference");
        }
    }

    @Override
    public TransactionType type() {
        return TransactionType.ROLLBACK;
    }

    @Override
    public boolean sameRequestAs(WalletRequest other) {
        return other instanceof RollbackRequest rollback && rollback.originalReference.equals(originalReference);
    }
}
