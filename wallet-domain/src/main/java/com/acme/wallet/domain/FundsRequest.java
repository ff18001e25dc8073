package com.acme.wallet.domain;

import java.util.Objects;

/**
 * A request to add funds to a wallet or remove funds from it.
 *
 * @param operation add or remove
 * @param amount how much; above zero
 * @param reference the client's name for the change
 */
public record FundsRequest(FundsOperation operation, Amount amount, Reference reference) implements WalletRequest {

    /**
     * Validates the request.
     *
     * @param operation add or remove
     * @param amount how much; above zero
     * @param reference the client's name for the change
     */
    public FundsRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reference, "reference");
        if (!amount.isPositive()) {
            throw new InvalidInputException("amount must be above zero");
        }
    }

    @Override
    public TransactionType type() {
        return operation == FundsOperation.ADD ? TransactionType.ADD : TransactionType.REMOVE;
    }

    @Override
    public boolean sameRequestAs(WalletRequest other) {
        return other instanceof FundsRequest funds && funds.operation == operation && funds.amount.equals(amount);
    }
}
