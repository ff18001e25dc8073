package com.acme.wallet.application.port.in;

/** Reads one page of a wallet's history as the store holds it. */
public interface GetHistoryUseCase {

    /**
     * Reads one page of a wallet's history as the store holds it.
     *
     * @param query what is asked
     * @return the answer, or why there is none
     * @throws TemporarilyUnavailableException while the store cannot be read, or has not stored the
     *     wallet as far as the answer needs (the writer holds more)
     */
    HistoryAnswer history(HistoryQuery query);
}
