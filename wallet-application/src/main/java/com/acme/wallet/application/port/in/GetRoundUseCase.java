package com.acme.wallet.application.port.in;

/** Reads a round of a wallet, from the stored history. */
public interface GetRoundUseCase {

    /**
     * Reads a round of a wallet, from the stored history.
     *
     * @param query what is asked
     * @return the answer, or why there is none
     * @throws TemporarilyUnavailableException while the store cannot be read, or has not stored the
     *     wallet as far as the answer needs (the writer holds more)
     */
    RoundAnswer round(RoundQuery query);
}
