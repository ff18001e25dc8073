package com.acme.wallet.domain;

/** What became of a request to open a wallet. */
public sealed interface OpenOutcome {

    /**
     * The wallet is open and its opening is durable.
     *
     * @param walletId the new wallet
     * @param balanceCents its opening balance in cents
     */
    record Opened(WalletId walletId, long balanceCents) implements OpenOutcome {}

    /**
     * A wallet with this id already exists; nothing changed.
     *
     * @param walletId the id asked for
     */
    record AlreadyExists(WalletId walletId) implements OpenOutcome {}
}
