package com.acme.wallet.domain;

/**
 * A change a client asks of a wallet under its reference. Its reference names it forever: a retry
 * is the same request under the same reference, and the same reference with another request is a
 * conflict.
 */
public sealed interface WalletRequest permits FundsRequest, BettingRequest {

    /** {@return the client's name for the change} */
    Reference reference();

    /** {@return what kind of change it is} */
    TransactionType type();

    /**
     * Whether another request under the same reference asks for the same change: the same type,
     * amount, round and original. Metadata does not count: a retry carries what the first carried.
     *
     * @param other the other request
     * @return whether it is the same change
     */
    boolean sameRequestAs(WalletRequest other);
}
