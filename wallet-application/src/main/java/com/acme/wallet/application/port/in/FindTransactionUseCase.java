package com.acme.wallet.application.port.in;

/**
 * Resolves an unknown outcome: a client whose change answered 503 or timed out asks whether the
 * change is durable instead of guessing. Only durable changes are found; one still in flight is not.
 */
public interface FindTransactionUseCase {

    /**
     * Looks up a durable change of a wallet by its reference.
     *
     * @param query the wallet and the reference
     * @return the change, or why there is none
     * @throws TemporarilyUnavailableException while the wallets are still being loaded
     */
    TransactionLookup findTransaction(FindTransactionQuery query);
}
