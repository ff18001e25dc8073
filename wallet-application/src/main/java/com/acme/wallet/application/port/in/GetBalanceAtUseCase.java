package com.acme.wallet.application.port.in;

/** Reads a wallet's balance at a point of its past, from the stored history. */
public interface GetBalanceAtUseCase {

    /**
     * Reads a wallet's balance at a point of its past, from the stored history.
     *
     * @param query what is asked
     * @return the answer, or why there is none
     * @throws TemporarilyUnavailableException while the store cannot be read, or has not stored the
     *     wallet as far as the answer needs (the writer holds more)
     */
    BalanceAtAnswer balanceAt(BalanceAtQuery query);
}
